import type { Db } from "../../db/index.ts";
import {
  createPartition,
  deleteOldRows,
  dropPartition,
  existingPartitions,
  monthsInDefault,
} from "./partition.queries.ts";
import {
  addMonths,
  compareMonths,
  type Month,
  monthOf,
  monthsBetween,
  parsePartitionName,
  partitionName,
} from "./partition.rules.ts";

/** How long message ids are remembered for deduplication (Segment keeps them 24 hours). */
export const DEDUP_WINDOW_DAYS = 30;

/**
 * Creates monthly partitions from `from` (default: last month) to `monthsAhead` months from now,
 * plus those for any events waiting in the default partition. Idempotent; answers what it created.
 */
export async function ensureUsagePartitions(
  db: Db,
  options: { from?: Date; now?: Date; monthsAhead?: number } = {},
): Promise<string[]> {
  const now = options.now ?? new Date();
  const start = options.from ? monthOf(options.from) : addMonths(monthOf(now), -1);
  const wanted = monthsBetween(start, addMonths(monthOf(now), options.monthsAhead ?? 3));
  const existing = new Set(await existingPartitions(db));
  // Events far in the future (a device clock gone wrong) stay in the default partition.
  const horizon = addMonths(monthOf(now), 12);
  const waiting = (await monthsInDefault(db)).filter((m) => compareMonths(m, horizon) <= 0);
  const created: string[] = [];
  for (const m of uniqueMonths([...wanted, ...waiting])) {
    if (existing.has(partitionName(m))) continue;
    if (await createPartition(db, m)) created.push(partitionName(m));
  }
  return created;
}

function uniqueMonths(months: Month[]): Month[] {
  const seen = new Map<string, Month>();
  for (const m of months) seen.set(`${m.year}-${m.month}`, m);
  return [...seen.values()].sort(compareMonths);
}

/**
 * Drops raw-event partitions entirely older than `months` months (rollups stay), and forgets
 * message ids and rejected items past the deduplication window. Answers the partitions dropped.
 */
export async function applyUsageRetention(
  db: Db,
  options: { months: number; now?: Date },
): Promise<string[]> {
  const now = options.now ?? new Date();
  const firstKept = addMonths(monthOf(now), -options.months);
  const dropped: string[] = [];
  for (const name of await existingPartitions(db)) {
    const m = parsePartitionName(name);
    if (m && compareMonths(m, firstKept) < 0) {
      await dropPartition(db, name);
      dropped.push(name);
    }
  }
  await deleteOldRows(
    db,
    new Date(Date.UTC(firstKept.year, firstKept.month - 1, 1)),
    new Date(now.getTime() - DEDUP_WINDOW_DAYS * 86_400_000),
  );
  return dropped;
}
