import { AppError, notFound } from "../../common/errors.ts";
import type { RuleMatch, RuleRun, RuleTrigger } from "../../contract/rules.ts";
import type { Ctx } from "../context.ts";
import { candidates } from "./dry-run-rule.ts";
import { ruleRow } from "./manage-rules.ts";
import { findRun, pageRuns, type RunRow } from "./rule.queries.ts";
import { runRule } from "./run-rule.ts";

const toRun = (r: RunRow): RuleRun => ({
  id: r.id,
  ruleId: r.ruleId,
  cause: r.cause,
  status: r.status as RuleRun["status"],
  matched: r.matched,
  error: r.error,
  startedAt: new Date(r.startedAt).toISOString(),
  finishedAt: r.finishedAt ? new Date(r.finishedAt).toISOString() : null,
});

const matchesOf = (v: unknown): RuleMatch[] => (typeof v === "string" ? JSON.parse(v) : v) as RuleMatch[];

export async function listRuleRuns(
  ctx: Ctx,
  ruleId: string,
  q: { limit: number; cursor?: string | undefined },
): Promise<{ data: RuleRun[]; nextCursor: string | null }> {
  await ruleRow(ctx, ruleId);
  const page = await pageRuns(ctx.db, ctx.workspaceId, ruleId, q);
  return { data: page.data.map(toRun), nextCursor: page.nextCursor };
}

export async function getRuleRun(ctx: Ctx, ruleId: string, runId: string) {
  const run = await findRun(ctx.db, ctx.workspaceId, ruleId, runId);
  if (!run) throw notFound("Rule run");
  return { ...toRun(run), matches: matchesOf(run.matches) };
}

/**
 * Runs the rule now, enabled or not, on what its dry run shows — the accounts its trigger
 * describes now (in the band, in the segment, inside the renewal window) that fit its
 * conditions — and logs it as `manual`.
 */
export async function runRuleNow(ctx: Ctx, ruleId: string) {
  const rule = await ruleRow(ctx, ruleId);
  const { ids, within } = await candidates(ctx, rule.id, rule.trigger as RuleTrigger, new Date());
  const result = await runRule(ctx, rule, {
    cause: "manual",
    accountIds: ids,
    ...(within ? { within } : {}),
  });
  // A manual run is always logged: the run as written, not read back.
  if (!result.run) throw new AppError("INTERNAL", "The manual run was not logged");
  return result.run;
}
