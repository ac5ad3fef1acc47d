import { DAY_MS } from "../../common/dates.ts";
import type { Db } from "../../db/transaction.ts";
import { pruneEvents } from "./events.queries.ts";

/** How long domain events are kept for `/api/v1/changes` and late consumers. */
export const EVENT_RETENTION_DAYS = 30;

/** Deletes events older than the retention period, in every workspace (a scheduled job). */
export const pruneOldEvents = (db: Db, now = new Date()): Promise<number> =>
  pruneEvents(db, new Date(now.getTime() - EVENT_RETENTION_DAYS * DAY_MS));
