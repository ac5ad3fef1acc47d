import { utcToday } from "../../common/dates.ts";
import { withTx } from "../../db/transaction.ts";
import { findAccountIds } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import { customFieldIssues } from "../custom-fields/index.ts";
import { recordEvents } from "../events/index.ts";
import {
  accountChildOutcomes,
  distinct,
  matchStored,
  type RowIssue,
  throwRowIssues,
  upsertKeys,
} from "../kernel/bulk.rules.ts";
import {
  refreshAccountRevenue,
  selectSubscriptionRecords,
  writeSubscriptions,
} from "./subscription.queries.ts";
import { mergeSubscription, type SubscriptionPatch, type SubscriptionRecord } from "./subscription.rules.ts";

/**
 * One row of a bulk upsert: matched on its external id when it has one, else on `id`; a new row is
 * stored under `id`. `input` holds the fields to set.
 */
export type SubscriptionUpsertRow = { id: string; externalId: string | null; input: SubscriptionPatch };

/** What an upsert did to a row: its id, whether it was created, its account and the one it left. */
export type SubscriptionUpserted = {
  id: string;
  created: boolean;
  accountId: string;
  previousAccountId: string | null;
};

export type SubscriptionPlan = {
  outcomes: SubscriptionUpserted[];
  records: SubscriptionRecord[];
  issues: RowIssue[];
};

/**
 * Applies the subscriptions' rules to rows without writing: each row merged with its stored
 * version, required fields, dates in order, the status when none is given, the account in this
 * workspace and custom fields that fit their definitions. A dry run reports `issues` per row.
 */
export async function checkSubscriptions(ctx: Ctx, rows: SubscriptionUpsertRow[]): Promise<SubscriptionPlan> {
  const stored = matchStored(
    rows,
    await selectSubscriptionRecords(ctx.db, ctx.workspaceId, upsertKeys(rows)),
  );
  const today = utcToday();
  const issues: RowIssue[] = [];
  const merged = rows.map((row, index) => {
    const before = stored[index] ?? null;
    const { record, issues: found } = mergeSubscription(row, row.input, before, today);
    for (const i of found) issues.push({ index, ...i });
    return { record, before };
  });
  const accounts = await findAccountIds(
    ctx.db,
    ctx.workspaceId,
    distinct(merged.map((m) => m.record.accountId || null)),
  );
  const custom = await customFieldIssues(
    ctx,
    "subscription",
    merged.map((m, i) => ({ values: rows[i]?.input.customFields, previous: m.before?.customFields })),
  );
  merged.forEach(({ record }, index) => {
    if (record.accountId && !accounts.has(record.accountId)) {
      issues.push({ index, path: "accountId", code: "unknown_account", message: "is not an account here" });
    }
  });
  issues.push(...custom);
  return {
    outcomes: accountChildOutcomes(merged),
    records: merged.map((m) => m.record),
    issues: issues.sort((a, b) => a.index - b.index),
  };
}

/**
 * Creates or updates subscriptions in bulk with the same rules as a single write, set-based, and
 * keeps the accounts' MRR and next renewal in step (those the rows hang on and those they left).
 * Refuses the whole call (VALIDATION_FAILED, issues per row) when any row breaks a rule.
 */
export async function upsertSubscriptions(
  ctx: Ctx,
  rows: SubscriptionUpsertRow[],
): Promise<SubscriptionUpserted[]> {
  return withTx(ctx.db, async (db) => {
    const plan = await checkSubscriptions({ ...ctx, db }, rows);
    throwRowIssues(plan.issues);
    await writeSubscriptions(db, ctx.workspaceId, plan.records);
    const touched = plan.outcomes.flatMap((o) => [o.accountId, o.previousAccountId]);
    await refreshAccountRevenue(db, ctx.workspaceId, distinct(touched));
    await recordEvents(
      { ...ctx, db },
      plan.outcomes.map((o, i) =>
        o.created
          ? { type: "subscription.created" as const, data: { accountId: o.accountId, subscriptionId: o.id } }
          : {
              type: "subscription.changed" as const,
              data: {
                accountId: o.accountId,
                subscriptionId: o.id,
                previousAccountId: o.previousAccountId,
                fields: Object.keys(rows[i]?.input ?? {}).sort(),
              },
            },
      ),
    );
    return plan.outcomes;
  });
}
