import { addDays, daysBetween } from "../../common/dates.ts";

import { newId } from "../../common/ids.ts";

import { BACKTEST_FORM_DEFAULTS, type SENTIMENT_REASONS } from "../../contract/health.ts";
import type { Db } from "../../db/transaction.ts";

import {
  listHealthModels,
  measureValues,
  mrrOn,
  outcomeOf,
  queueBacktest,
  recomputeHealth,
  recomputeHealthHistory,
  runBacktest,
} from "../health/index.ts";
import { createRng } from "../kernel/random.ts";
import {
  analyzeDemoTables,
  type DemoSentiment,
  highTouchAccountOwners,
  insertSentimentRatings,
  setCoverageByTier,
} from "./demo.queries.ts";
import { DEMO_SEED } from "./generate.ts";
import { USAGE_FIRST_OFFSET } from "./plan-usage.ts";

type Reason = (typeof SENTIMENT_REASONS)[number];

/** How often a high-touch account's CSM rates it, in days, and from how far back. */
const RATING_EVERY = 45;
/** How far ahead a CSM senses trouble: an account that churns or shrinks within it rates lower. */
const SENSES_AHEAD = 120;
const SENTIMENT_STALE_DEFAULT = 90;

export type DemoHealthSummary = { sentiments: number; scores: number; ms: number };

/**
 * Health for the demo workspace: coverage by tier (Enterprise one-to-one, Mid-Market one-to-few,
 * SMB one-to-many), CSM sentiment on high-touch accounts every six weeks or so — read off what the
 * CSM would have seen (the account's active-user trend and utilization that day), what they hear
 * from the customer (an account heading to churn or contraction rates lower on average), and a
 * personal note of noise — then a daily score for every day of the usage history with the default
 * models.
 */
export async function loadDemoHealth(
  db: Db,
  input: { workspaceId: string; today: string },
  seed = DEMO_SEED,
  progress: (fraction: number) => void = () => {},
): Promise<DemoHealthSummary> {
  const started = performance.now();
  const { workspaceId, today } = input;
  // The tables were just filled: without fresh statistics the planner takes them for empty and
  // the history's statements run for minutes instead of seconds.
  await analyzeDemoTables(db);
  await setCoverageByTier(db, workspaceId);
  const sentiments = await rateAccounts(db, workspaceId, today, seed);
  progress(0.1);
  // A few weeks at a time, so that no statement holds the database long.
  const first = addDays(today, USAGE_FIRST_OFFSET);
  const last = addDays(today, -1);
  let scores = 0;
  for (let from = first; from <= last; from = addDays(from, HISTORY_SLICE_DAYS)) {
    const to = [addDays(from, HISTORY_SLICE_DAYS - 1), last].sort()[0] as string;
    scores += (await recomputeHealthHistory(db, workspaceId, { from, to })).scores;
    progress(0.1 + (0.6 * (daysBetween(first, to) + 1)) / (daysBetween(first, last) + 1));
  }
  const now = await recomputeHealth(db, workspaceId, { day: today });
  progress(0.75);
  await backtestModels(db, workspaceId);
  return { sentiments, scores: scores + now.scored, ms: Math.round(performance.now() - started) };
}

/** Days of score history per call; the history recomputes a fortnight per statement. */
const HISTORY_SLICE_DAYS = 14;

/**
 * A backtest of each default model, so the Health page opens on a report: the backtest form's
 * defaults (weekly dates over the year up to 90 days ago, from where the usage history has a full
 * 30-day window, against the next 90 days), so that a user who runs it again gets a comparable
 * figure.
 */
async function backtestModels(db: Db, workspaceId: string) {
  const ctx = { db, workspaceId, actor: { kind: "system" as const, label: "demo loader" } };
  for (const model of await listHealthModels(ctx)) {
    const queued = await queueBacktest(ctx, model.id, {
      version: "published",
      horizonDays: BACKTEST_FORM_DEFAULTS.horizonDays,
      everyDays: BACKTEST_FORM_DEFAULTS.everyDays,
    });
    await runBacktest(db, workspaceId, queued.id);
  }
}

async function rateAccounts(db: Db, workspaceId: string, today: string, seed: string): Promise<number> {
  const rng = createRng(seed).fork("sentiment");
  const owners = await highTouchAccountOwners(db, workspaceId);
  const ownerOf = new Map(owners.map((o) => [o.id, o.owner_id]));
  // Rating days: every RATING_EVERY days back from a few days ago, within the usage history.
  const days: string[] = [];
  for (
    let d = addDays(today, -3);
    d >= addDays(today, USAGE_FIRST_OFFSET + 30);
    d = addDays(d, -RATING_EVERY)
  ) {
    days.push(d);
  }
  const seen = await measureValues(db, workspaceId, days, {
    staleDays: SENTIMENT_STALE_DEFAULT,
    accountIds: owners.map((o) => o.id),
  });
  const mrrThen = await mrrOn(db, workspaceId, days);
  const mrrAhead = await mrrOn(
    db,
    workspaceId,
    days.map((d) => addDays(d, SENSES_AHEAD)),
  );
  const rows: (DemoSentiment & { reasons: Reason[] })[] = [];
  for (const s of seen) {
    // Not every CSM rates every time.
    if (!rng.chance(0.55)) continue;
    const trend = s.values["usage.active_users_trend"] ?? 0;
    const util = s.values["usage.utilization"] ?? 0.3;
    // Trouble ahead, told by the customer before it shows in the product: lower on average, but
    // a CSM can miss it (or worry about an account that stays).
    const ahead = mrrAhead.get(`${addDays(s.day, SENSES_AHEAD)}|${s.accountId}`);
    const trouble = outcomeOf(mrrThen.get(`${s.day}|${s.accountId}`) ?? 0, ahead) !== "kept";
    const rating = Math.max(
      1,
      Math.min(
        5,
        Math.round(3.2 + trend * 2 + (util - 0.5) * 1.5 - (trouble ? 1.2 : 0) + (rng.next() - 0.5) * 2.5),
      ),
    );
    const reasons: Reason[] =
      rating <= 2
        ? rng.sample(
            ["adoption", "budget", "product_gaps", "champion_left", "competition"] as const,
            rng.int(1, 2),
          )
        : rating >= 4
          ? rng.sample(
              ["value_realized", "relationship", "product_fit", "executive_sponsor"] as const,
              rng.int(1, 2),
            )
          : rng.sample(["onboarding", "support_experience", "adoption"] as const, 1);
    rows.push({
      id: newId(),
      accountId: s.accountId,
      rating,
      reasons,
      comment: COMMENTS[rating - 1] as string,
      at: `${s.day}T${String(rng.int(9, 17)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:00Z`,
      author: ownerOf.get(s.accountId) ?? null,
    });
  }
  if (rows.length === 0) return 0;
  await insertSentimentRatings(db, workspaceId, rows);
  return rows.length;
}

const COMMENTS = [
  "Usage has collapsed since their reorg; renewal at serious risk.",
  "Fewer people logging in and the sponsor is hard to reach.",
  "Steady, but nobody is pushing adoption beyond the core team.",
  "Good momentum; they asked about rolling out to another team.",
  "Power users everywhere and a strong executive sponsor.",
];
