import { newId } from "../../common/ids.ts";
import type { TimelineEntry } from "../../contract/timeline.ts";
import { actorUserId, type Ctx } from "../context.ts";
import { insertTimelineEntries, type TimelineRow } from "./timeline.queries.ts";

export type TimelineEvent = {
  accountId: string;
  kind: Exclude<TimelineEntry["kind"], "note">;
  title: string;
  body?: string | null;
  contactId?: string | null;
  occurredAt?: Date;
};

/** What Steward itself writes on an account's timeline when something changes. */
export async function recordTimeline(ctx: Ctx, events: TimelineEvent[]): Promise<void> {
  const now = new Date();
  await insertTimelineEntries(
    ctx.db,
    events.map((e) => ({
      workspaceId: ctx.workspaceId,
      accountId: e.accountId,
      id: newId(),
      kind: e.kind,
      title: e.title,
      body: e.body ?? null,
      contactId: e.contactId ?? null,
      occurredAt: e.occurredAt ?? now,
      authorId: actorUserId(ctx.actor),
    })),
  );
}

export const toTimelineEntry = (r: TimelineRow): TimelineEntry => ({
  ...r,
  kind: r.kind as TimelineEntry["kind"],
  occurredAt: r.occurredAt.toISOString(),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
