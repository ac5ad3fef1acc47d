import { v7 } from "uuid";

/** Time-ordered ids: they sort by creation, index well, and reveal no counts. */
export const newId = (): string => v7();

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
