import { addDays, daysBetween } from "../../common/dates.ts";
import { type Db, withTx } from "../../db/transaction.ts";
import { createRng } from "../kernel/random.ts";
import { createSource, DEDUP_WINDOW_DAYS, ensureUsagePartitions } from "../usage/index.ts";
import { atOffset } from "./dates.ts";
import { DEMO_SEED } from "./generate.ts";
import {
  planUsage,
  type Trajectory,
  USAGE_DAYS,
  USAGE_FIRST_OFFSET,
  type UsageAccountInput,
} from "./plan-usage.ts";
import {
  backdateSource,
  createUsageLookups,
  fillRollups,
  insertEventChunk,
  insertFeatures,
  insertProductUsers,
  rememberMessageIds,
} from "./usage.queries.ts";
import { DEMO_FEATURES } from "./usage-catalog.ts";
import { generateUsageEvents } from "./usage-events.ts";

/**
 * Events per INSERT: large enough to keep round trips few, small enough that a statement holds the
 * embedded database well under a second (a server loading the demo keeps answering between them).
 */
const CHUNK = 5_000;
/** Days of rollups per statement, for the same reason. */
const ROLLUP_DAYS = 20;

export const DEMO_SOURCE_NAME = "Demo product";

export type DemoUsageSummary = {
  events: number;
  productUsers: number;
  days: number;
  /** Accounts by trajectory (churning ones include those that churned before the usage began). */
  trajectories: Record<Trajectory, number>;
  elapsedMs: number;
};

/** Monthly partitions for the demo's events; outside the load's transaction so no lock is held long. */
export const ensureDemoPartitions = (db: Db, today: string) =>
  ensureUsagePartitions(db, { from: atOffset(today, USAGE_FIRST_OFFSET) });

/**
 * Gives the demo workspace its product: a source, named features, and ~200 days of events from the
 * accounts' contacts and the lighter users who hold the rest of their seats, stored raw and rolled
 * up, on partitions made by ensureDemoPartitions. A transaction per chunk of events, so that other
 * queries get their turn between them; `progress` hears the fraction done.
 */
export async function loadDemoUsage(
  db: Db,
  input: { workspaceId: string; today: string; now: Date; accounts: UsageAccountInput[] },
  seed = DEMO_SEED,
  progress: (fraction: number) => void = () => {},
): Promise<DemoUsageSummary> {
  const started = performance.now();
  const { workspaceId, today, now } = input;
  const rng = createRng(seed).fork("usage");
  const plans = planUsage(rng.fork("plan"), input.accounts);
  const events = generateUsageEvents(rng.fork("events"), plans, today, now);
  const firstDay = atOffset(today, USAGE_FIRST_OFFSET, 0, 0);

  const source = await createSource(
    { db, workspaceId, actor: { kind: "system", label: "demo loader" } },
    { name: DEMO_SOURCE_NAME },
  );
  await insertFeatures(db, workspaceId, DEMO_FEATURES, firstDay);
  const lookupUsers = events.users.map((u) => ({
    accountId: u.account.accountId,
    contactId: u.plan.input.contactId,
    userId: u.plan.input.userId,
    groupId: u.account.externalId,
  }));
  for (let i = 0; i < events.ts.length; i += CHUNK) {
    const end = i + CHUNK;
    // The lookups are temporary tables of the transaction's connection: made again for each chunk.
    await withTx(db, async (tx) => {
      await createUsageLookups(tx, lookupUsers, DEMO_FEATURES);
      await insertEventChunk(tx, workspaceId, source.id, {
        first: i,
        user: events.user.slice(i, end),
        ts: events.ts.slice(i, end),
        feature: events.feature.slice(i, end),
        variant: events.variant.slice(i, end),
      });
    });
    progress((0.7 * end) / events.ts.length);
  }
  // Ingestion forgets message ids after the deduplication window; keep those it would still know.
  await rememberMessageIds(db, workspaceId, new Date(now.getTime() - DEDUP_WINDOW_DAYS * 86_400_000));
  const seen = events.users.filter((u) => u.events > 0);
  await insertProductUsers(
    db,
    workspaceId,
    seen.map((u) => ({
      accountId: u.account.accountId,
      contactId: u.plan.input.contactId,
      userKey: u.plan.input.userId,
      traits: u.plan.input.traits,
      first: new Date(u.first * 1000),
      last: new Date(u.last * 1000),
    })),
  );
  progress(0.75);
  // The rollups a few weeks at a time, so that no statement holds the database long.
  const first = addDays(today, USAGE_FIRST_OFFSET);
  const end = addDays(today, 1);
  for (let from = first; from < end; from = addDays(from, ROLLUP_DAYS)) {
    const to = [addDays(from, ROLLUP_DAYS), end].sort()[0] as string;
    await fillRollups(db, workspaceId, { from, to });
    progress(0.75 + (0.25 * daysBetween(first, to)) / USAGE_DAYS);
  }
  progress(1);
  await backdateSource(db, workspaceId, source.id, firstDay);

  const trajectories: Record<Trajectory, number> = {
    growing: 0,
    steady: 0,
    declining: 0,
    churning: 0,
    ramping: 0,
    quiet: 0,
    none: 0,
  };
  for (const p of plans) trajectories[p.trajectory] += 1;
  return {
    events: events.ts.length,
    productUsers: seen.length,
    days: USAGE_DAYS,
    trajectories,
    elapsedMs: Math.round(performance.now() - started),
  };
}
