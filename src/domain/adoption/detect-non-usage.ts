import { utcToday } from "../../common/dates.ts";
import type { Db } from "../../db/index.ts";
import { withTx } from "../../db/transaction.ts";

import { lockKey } from "../kernel/locks.queries.ts";

import { checkDay } from "./adoption.rules.ts";
import { insertQuietEntries } from "./quiet.queries.ts";

/**
 * For every workspace: a `usage` timeline entry on each quiet account and for each quiet key player
 * that has none since their last activity. Idempotent (a second run the same day writes nothing);
 * activity followed by a new silence gives a new entry. Runs one at a time across processes.
 * Entries are stamped now, kept inside `today` when a test or backfill passes another day.
 */
export async function detectNonUsage(
  db: Db,
  today: string = utcToday(),
): Promise<{ accounts: number; keyPlayers: number }> {
  checkDay(today);
  const start = Date.parse(`${today}T00:00:00Z`);
  const occurredAt = new Date(Math.min(Math.max(Date.now(), start), start + 86_400_000 - 1));
  return withTx(db, async (tx) => {
    await lockKey(tx, "adoption.detect-non-usage");
    return insertQuietEntries(tx, today, occurredAt);
  });
}
