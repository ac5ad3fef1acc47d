import { newId } from "../../common/ids.ts";
import type { Db } from "../../db/index.ts";
import { type EventRow, insertEvents } from "../usage/index.ts";
import { insertImportTimeline } from "./import.queries.ts";
import type { UsageWrite } from "./usage.rules.ts";

/** Events per statement: each carries eleven text arrays, so a few thousand stay small. */
const USAGE_CHUNK = 2000;

export type UsageCommitInput = {
  workspaceId: string;
  importId: string;
  rows: UsageWrite[];
  receivedAt: Date;
  timeline: { title: string; body: string; authorId: string | null };
};

/**
 * Stores the events inside the caller's transaction; the rollups take them in once it commits
 * (`settleUsageImport`). Answers how many events were stored (fewer than the rows if someone
 * stored one of the ids meanwhile).
 *
 * Events are stored by usage ingestion's own statement (message ids, raw rows, rollup queue), so the
 * rollups grow by the new events rather than by `rebuildRollups` per account: that costs a few
 * statements per account, each planned over every monthly partition, which for a file spanning
 * hundreds of accounts and years took most of a minute.
 */
export async function commitUsage(db: Db, input: UsageCommitInput): Promise<{ stored: number }> {
  const { workspaceId, rows } = input;
  const accounts = new Set<string>();
  let stored = 0;
  for (let i = 0; i < rows.length; i += USAGE_CHUNK) {
    const events = rows.slice(i, i + USAGE_CHUNK).map((r) => toEventRow(r, input.importId));
    for (const a of await insertEvents(db, workspaceId, null, events, input.receivedAt)) {
      stored += a.stored;
      if (a.accountId) accounts.add(a.accountId);
    }
  }
  await insertImportTimeline(db, workspaceId, [...accounts].sort(), input.timeline);
  return { stored };
}

/** An imported row as a `track` event: its day's count is the quantity, its row kept in the context. */
function toEventRow(r: UsageWrite, importId: string): EventRow {
  return {
    id: newId(),
    ts: new Date(r.ts),
    messageId: r.eventId,
    type: "track",
    event: r.event,
    feature: r.event,
    accountId: r.account,
    contactId: r.contactId,
    userId: r.userId,
    anonymousId: null,
    userKey: r.userId,
    groupId: r.groupId,
    parked: false,
    quantity: r.quantity,
    properties: Object.keys(r.properties).length ? r.properties : null,
    context: {
      _steward: {
        importId,
        row: r.row,
        ...(r.subscriptionExternalId === null ? {} : { subscriptionExternalId: r.subscriptionExternalId }),
      },
    },
  };
}
