import { AppError } from "../../common/errors.ts";
import type { ChangeEvent, ChangesPage } from "../../contract/events.ts";
import type { Ctx } from "../context.ts";
import {
  decodeChangesCursor,
  encodeChangesCursor,
  OUTBOX_START,
  type OutboxPoint,
  pointAfter,
} from "./cursor.rules.ts";
import { type EventRow, prunedThrough, readEvents } from "./events.queries.ts";

const toChange = (r: EventRow): ChangeEvent => ({
  id: r.id,
  type: r.type as ChangeEvent["type"],
  accountId: r.account_id,
  actor: r.actor,
  occurredAt: new Date(r.occurred_at).toISOString(),
  data: r.data,
});

/**
 * The workspace's events after a cursor, in the order consumers get them. An event shows only
 * once no transaction that could still commit an earlier one is running, so following `next`
 * never skips anything. A cursor from before what retention deleted answers 410: those events
 * are gone and the integrator must resynchronise instead of silently missing them.
 */
export async function listChanges(ctx: Ctx, query: { after?: string; limit: number }): Promise<ChangesPage> {
  const after: OutboxPoint = query.after ? decodeChangesCursor(query.after) : OUTBOX_START;
  const pruned = await prunedThrough(ctx.db);
  if (query.after && pruned && !pointAfter(after, pruned) && !samePoint(after, pruned)) {
    throw new AppError(
      "GONE",
      "Events after this cursor are older than 30 days and were deleted: read the current state again, then follow /api/v1/changes without a cursor",
    );
  }
  const rows = await readEvents(ctx.db, after, query.limit, ctx.workspaceId);
  const last = rows.at(-1);
  return {
    data: rows.map(toChange),
    next: encodeChangesCursor(last ? { txid: last.txid, position: last.position } : after),
    hasMore: rows.length === query.limit,
  };
}

const samePoint = (a: OutboxPoint, b: OutboxPoint) => a.txid === b.txid && a.position === b.position;
