import { AppError } from "../../common/errors.ts";

/** A place in the outbox's reading order: the writing transaction, then the event's position. */
export type OutboxPoint = { txid: number; position: number };

export const OUTBOX_START: OutboxPoint = { txid: 0, position: 0 };

export const pointAfter = (a: OutboxPoint, b: OutboxPoint): boolean =>
  a.txid > b.txid || (a.txid === b.txid && a.position > b.position);

/** The public cursor of `/changes`: opaque to integrators, a point in the reading order to us. */
export const encodeChangesCursor = (p: OutboxPoint): string =>
  Buffer.from(`${p.txid}.${p.position}`).toString("base64url");

export function decodeChangesCursor(cursor: string): OutboxPoint {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const m = /^(\d{1,18})\.(\d{1,18})$/.exec(text);
  if (!m || encodeChangesCursor({ txid: Number(m[1]), position: Number(m[2]) }) !== cursor) {
    throw new AppError("INVALID_CURSOR", "This cursor was not handed out by /api/v1/changes");
  }
  return { txid: Number(m[1]), position: Number(m[2]) };
}
