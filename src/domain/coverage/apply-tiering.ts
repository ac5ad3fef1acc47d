import { AppError } from "../../common/errors.ts";
import type { TieringResult, TieringRule } from "../../contract/coverage.ts";
import { type Db, withTx } from "../../db/transaction.ts";
import { upsertAccounts } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import { compileFilter, listSegmentFields, liveDay, selectedIds } from "../segments/index.ts";
import { tieringAccounts, workspacesWithTiering } from "./coverage.queries.ts";
import { tieringChange } from "./coverage.rules.ts";
import { getCoverageSettings, tieringIssues } from "./manage-settings.ts";

/** Changes listed account by account, at most this many (the counts cover all). */
const LISTED = 500;

/**
 * What the tiering rules set, set-based: each rule's filter selects its accounts in one statement
 * (live, as of today), and each account takes the first rule it fits. Settings a person made by
 * hand stay and are listed as kept; accounts no rule fits are left as they are.
 */
async function plan(ctx: Ctx, rules: TieringRule[]) {
  const fields = await listSegmentFields(ctx, "account");
  const first = new Map<string, number>();
  for (const [i, rule] of rules.entries()) {
    const ids = await selectedIds(
      ctx.db,
      compileFilter(ctx.workspaceId, "account", rule.filter, fields, liveDay()),
    );
    for (const id of ids) if (!first.has(id)) first.set(id, i);
  }
  const accounts = await tieringAccounts(ctx.db, ctx.workspaceId);
  return accounts.map((a) => {
    const index = first.get(a.id) ?? null;
    return { account: a, ...tieringChange(a, index, index === null ? null : (rules[index] as TieringRule)) };
  });
}

function result(applied: boolean, planned: Awaited<ReturnType<typeof plan>>): TieringResult {
  const changed = planned.filter((p) => p.tier || p.coverage);
  const kept = planned.filter((p) => p.kept.length > 0);
  return {
    applied,
    changed: changed.length,
    keptByHand: kept.length,
    unmatched: planned.filter((p) => p.rule === null).length,
    changes: planned
      .filter((p) => p.tier || p.coverage || p.kept.length > 0)
      .slice(0, LISTED)
      .map((p) => ({
        account: { id: p.account.id, name: p.account.name },
        rule: p.rule,
        tier: p.tier,
        coverage: p.coverage,
        kept: p.kept,
      })),
  };
}

/**
 * What the saved rules, or a draft of them, would change now. A draft is checked as a save checks
 * it, its problems at the body's paths (`rules.1.filter.conditions.0.value`): a filter that does
 * not fit the fields would otherwise fail in the database or quietly match nothing.
 */
export async function previewTiering(ctx: Ctx, rules?: TieringRule[]): Promise<TieringResult> {
  if (rules) {
    const issues = await tieringIssues(ctx, rules, "rules");
    if (issues.length > 0) {
      throw new AppError("VALIDATION_FAILED", issues.map((i) => `${i.path} ${i.message}`).join("; "), {
        issues,
      });
    }
  }
  return result(false, await plan(ctx, rules ?? (await getCoverageSettings(ctx)).tiering.rules));
}

/** Applies the saved rules through the accounts' write path, as a rule (so hand settings stay theirs). */
export async function applyTiering(ctx: Ctx): Promise<TieringResult> {
  const { rules } = (await getCoverageSettings(ctx)).tiering;
  if (rules.length === 0)
    throw new AppError("CONFLICT", "There are no tiering rules to apply: add one first");
  const planned = await plan(ctx, rules);
  const rows = planned.flatMap((p) =>
    p.tier || p.coverage
      ? [
          {
            id: p.account.id,
            externalId: null,
            input: {
              ...(p.tier ? { tier: p.tier.to } : {}),
              ...(p.coverage ? { coverage: p.coverage.to } : {}),
            },
          },
        ]
      : [],
  );
  if (rows.length > 0) await upsertAccounts(ctx, rows, "rule");
  return result(true, planned);
}

/** Nightly: every workspace that switched tiering on (a job; system path). */
export async function applyTieringEverywhere(db: Db): Promise<number> {
  let changed = 0;
  for (const workspaceId of await workspacesWithTiering(db)) {
    changed += await withTx(db, async (tx) => {
      const ctx: Ctx = { db: tx, workspaceId, actor: { kind: "system", label: "nightly tiering" } };
      return (await applyTiering(ctx)).changed;
    });
  }
  return changed;
}
