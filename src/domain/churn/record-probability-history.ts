import { utcToday } from "../../common/dates.ts";
import type { Db } from "../../db/transaction.ts";
import { snapshotProbabilities } from "./churn.queries.ts";

/**
 * The daily pass: every account's current churn and expansion probability becomes that day's
 * value in the history (models retrain weekly; the history must not skip the days between).
 */
export async function recordProbabilityHistory(db: Db, now = new Date()): Promise<void> {
  await snapshotProbabilities(db, utcToday(now));
}
