import type { SegmentEntity } from "../../contract/segments.ts";
import type { Db } from "../../db/transaction.ts";
import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { liveDay } from "./eval-day.ts";
import { listSegmentFields, segmentRow } from "./find-segments.ts";
import { allSegmentRefs, compileFilter, syncMembers } from "./segment.queries.ts";
import { checkFilter } from "./segment.rules.ts";

/**
 * Why a segment is refreshed: its `definition` was saved (members are recounted; nobody "entered"
 * because someone edited a filter, so no events), or its `data` changed with time (each entry and
 * exit is a `segment.entered` / `segment.left` event rules react to).
 */
export type RefreshCause = "definition" | "data";

export type Refreshed = { total: number; entered: number; left: number; skipped?: string };

/** Brings one segment's membership in line with its filter, set-based, in the caller's transaction. */
export async function refreshSegment(ctx: Ctx, id: string, cause: RefreshCause): Promise<Refreshed> {
  const segment = await segmentRow(ctx, id);
  const entity = segment.entity as SegmentEntity;
  const fields = await listSegmentFields(ctx, entity, id);
  const filter = segment.filter as Parameters<typeof checkFilter>[0];
  // A custom field deleted since the segment was saved: it cannot be evaluated; keep the members
  // as they were rather than emptying the segment.
  const issues = checkFilter(filter, fields);
  if (issues.length > 0) {
    return {
      total: segment.memberCount,
      entered: 0,
      left: 0,
      skipped: issues.map((i) => i.message).join("; "),
    };
  }
  const select = compileFilter(ctx.workspaceId, entity, filter, fields, liveDay());
  const sync = await syncMembers(ctx.db, ctx.workspaceId, id, select);
  if (cause === "data") {
    const contactId = (memberId: string) => (entity === "contact" ? memberId : null);
    await recordEvents(ctx, [
      ...sync.entered.map((m) => ({
        type: "segment.entered" as const,
        data: { accountId: m.accountId, segmentId: id, contactId: contactId(m.id) },
      })),
      // A record deleted since has no account any more: its exit is history, not an event.
      ...sync.left.flatMap((m) =>
        m.accountId
          ? [
              {
                type: "segment.left" as const,
                data: { accountId: m.accountId, segmentId: id, contactId: contactId(m.id) },
              },
            ]
          : [],
      ),
    ]);
  }
  return { total: sync.total, entered: sync.entered.length, left: sync.left.length };
}

/**
 * The scheduled pass over every segment of every workspace (system path), each segment in its own
 * transaction so one slow or broken segment holds up nothing else.
 */
export async function refreshAllSegments(
  db: Db,
): Promise<{ segments: number; entered: number; left: number }> {
  let entered = 0;
  let left = 0;
  const refs = await allSegmentRefs(db);
  for (const ref of refs) {
    const done = await withTx(db, (tx) =>
      refreshSegment(
        { db: tx, workspaceId: ref.workspaceId, actor: { kind: "system", label: "segment refresh" } },
        ref.id,
        "data",
      ),
    );
    entered += done.entered;
    left += done.left;
  }
  return { segments: refs.length, entered, left };
}
