import type { Db } from "../../db/index.ts";
import { insertImportTimeline } from "./import.queries.ts";
import type { UsageWrite } from "./usage.rules.ts";
import { analyzeUsageRollups, insertUsageChunk } from "./usage-import.queries.ts";

/** Events per statement: each carries eleven text arrays, so a few thousand stay small. */
const USAGE_CHUNK = 2000;
/** From this many events on, the commit refreshes the rollups' planner statistics. */
const BULK = 1000;

export type UsageCommitInput = {
  workspaceId: string;
  importId: string;
  rows: UsageWrite[];
  receivedAt: Date;
  timeline: { title: string; body: string; authorId: string | null };
};

/**
 * Stores the events inside the caller's transaction, with the rollups of their days, so both
 * commit together. Answers how many events were stored (fewer than the rows if someone stored one
 * of the ids meanwhile).
 *
 * Rollups grow by the new events in the statement that stores them, as ingestion does, rather than
 * by `rebuildRollups` per account: that costs a few statements per account, each planned over every
 * monthly partition, which for a file spanning hundreds of accounts and years took most of a minute.
 */
export async function commitUsage(db: Db, input: UsageCommitInput): Promise<{ stored: number }> {
  const { workspaceId, rows } = input;
  const accounts = new Set<string>();
  let stored = 0;
  for (let i = 0; i < rows.length; i += USAGE_CHUNK) {
    for (const a of await insertUsageChunk(db, workspaceId, rows.slice(i, i + USAGE_CHUNK), input)) {
      stored += a.stored;
      accounts.add(a.accountId);
    }
  }
  if (stored >= BULK) await analyzeUsageRollups(db);
  await insertImportTimeline(db, workspaceId, [...accounts].sort(), input.timeline);
  return { stored };
}
