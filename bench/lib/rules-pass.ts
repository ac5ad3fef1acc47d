import { sql, TransactionRollbackError } from "drizzle-orm";
import { type Database, queryRows } from "../../src/db/index.ts";
import type { Ctx } from "../../src/domain/context.ts";
import { dryRunRule, replayRule, runRuleNow } from "../../src/domain/rules/index.ts";

/**
 * The rules benchmark's measured work: every rule run once over every account, and replays.
 *
 * A pass runs each rule as "Run now" does (`runRuleNow`): the accounts its trigger describes now
 * (in the band, past the line, inside the renewal window, in the segment; every account for a
 * schedule), those of them that fit its conditions (one set-based statement), each action done
 * for all of them (tasks raised in one write), and the run logged. That is the whole of a rule's
 * work over the 20,000 accounts, where the 15-minute standing check and the event triggers only
 * ever see the accounts that changed since the last one.
 */

export type PassResult = {
  seconds: number;
  runs: number;
  matched: number;
  failed: { rule: string; error: string }[];
  /** Open items before and after, and occurrences counted on items already open. */
  openBefore: number;
  openAfter: number;
  occurrencesAdded: number;
  slowest: { rule: string; ms: number; matched: number }[];
};

const inboxState = async (database: Database, workspaceId: string) => {
  const [row] = await queryRows<{ open: number; occurrences: number }>(
    database.db,
    sql`select count(*)::int as open, coalesce(sum(occurrences), 0)::int as occurrences from tasks
         where workspace_id = ${workspaceId} and closed_at is null`,
  );
  return row ?? { open: 0, occurrences: 0 };
};

export async function runPass(
  database: Database,
  ctx: Ctx,
  rules: { id: string; name: string }[],
): Promise<PassResult> {
  const before = await inboxState(database, ctx.workspaceId);
  const perRule: { rule: string; ms: number; matched: number }[] = [];
  const failed: PassResult["failed"] = [];
  let matched = 0;
  const t0 = performance.now();
  for (const rule of rules) {
    const t = performance.now();
    const run = await runRuleNow(ctx, rule.id);
    perRule.push({ rule: rule.name, ms: Math.round(performance.now() - t), matched: run.matched });
    matched += run.matched;
    // A failed query's message carries its whole statement: its first words say enough.
    if (run.status !== "succeeded")
      failed.push({ rule: rule.name, error: (run.error ?? run.status).slice(0, 200) });
  }
  const seconds = (performance.now() - t0) / 1000;
  const after = await inboxState(database, ctx.workspaceId);
  return {
    seconds: Number(seconds.toFixed(2)),
    runs: rules.length,
    matched,
    failed,
    openBefore: before.open,
    openAfter: after.open,
    occurrencesAdded: after.occurrences - before.occurrences - (after.open - before.open),
    slowest: perRule.sort((a, b) => b.ms - a.ms).slice(0, 5),
  };
}

/**
 * The same 50 rules evaluated without acting: each one's dry run (the accounts its trigger
 * describes, the conditions tested, why each matched), nothing written. The pass minus this is
 * what acting and logging cost.
 */
export async function dryPass(
  ctx: Ctx,
  rules: { id: string }[],
): Promise<{ seconds: number; matched: number }> {
  let matched = 0;
  const t0 = performance.now();
  for (const rule of rules) matched += (await dryRunRule(ctx, rule.id)).matched;
  return { seconds: Number(((performance.now() - t0) / 1000).toFixed(2)), matched };
}

/**
 * The raw database's floor for the items a pass opened: the same number of rows written into the
 * inbox's table by one INSERT … SELECT (copies of the open items under other reason keys, with the
 * same indexes and foreign keys to maintain), rolled back. What no code above the database can
 * go below.
 */
export async function rawItemsInsert(
  database: Database,
  workspaceId: string,
): Promise<{ rows: number; seconds: number }> {
  let rows = 0;
  let seconds = 0;
  await database.db
    .transaction(async (tx) => {
      const t0 = performance.now();
      const [r] = await queryRows<{ n: number }>(
        tx,
        sql`with copied as (
              insert into tasks (workspace_id, id, account_id, kind, type, title, description, priority, owner_id,
                due_date, reason, reason_key, rule_id, created_by)
              select workspace_id, gen_random_uuid(), account_id, kind, type, title, description, priority, owner_id,
                due_date, reason, reason_key || ':raw', rule_id, created_by
                from tasks where workspace_id = ${workspaceId} and closed_at is null
              returning 1)
            select count(*)::int as n from copied`,
      );
      seconds = (performance.now() - t0) / 1000;
      rows = r?.n ?? 0;
      tx.rollback();
    })
    .catch((e: unknown) => {
      // drizzle's rollback throws to leave the transaction; anything else is a failure.
      if (!(e instanceof TransactionRollbackError)) throw e;
    });
  return { rows, seconds: Number(seconds.toFixed(2)) };
}

export type ReplayResult = {
  rule: string;
  seconds: number;
  firings: number;
  accounts: number;
  churned: number;
};

/** A replay of each named rule over `days` days, one after another. */
export async function runReplays(
  ctx: Ctx,
  rules: { id: string; name: string }[],
  names: string[],
  days: number,
): Promise<ReplayResult[]> {
  const out: ReplayResult[] = [];
  for (const name of names) {
    const rule = rules.find((r) => r.name === name);
    if (!rule) throw new Error(`no rule ${name}`);
    const t = performance.now();
    const replay = await replayRule(ctx, rule.id, days);
    out.push({
      rule: name,
      seconds: Number(((performance.now() - t) / 1000).toFixed(2)),
      firings: replay.firings,
      accounts: replay.accounts,
      churned: replay.churned,
    });
  }
  return out;
}
