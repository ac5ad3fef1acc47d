import { daysBetween, utcDay } from "../../common/dates.ts";
import { notFound } from "../../common/errors.ts";
import type { AccountLifecycle } from "../../contract/lifecycle.ts";
import { findLifecycleSettings, type WorkspaceStage, workspaceStages } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import { compileFilter, listSegmentFields, liveDay, selectedIds } from "../segments/index.ts";
import { firstValue, milestoneDay, stageHistory } from "./lifecycle.queries.ts";
import { milestoneOf } from "./manage-settings.ts";

const wholeDays = (from: Date, to: Date) =>
  Math.max(0, Math.floor((to.getTime() - from.getTime()) / 86_400_000));

type FirstValue = NonNullable<AccountLifecycle["timeToFirstValue"]>;

/**
 * First value: the first outcome of the account's key players achieved, or the day its uses of the
 * workspace's milestone event first added up to the count, whichever came first.
 */
async function reachedFirstValue(
  ctx: Ctx,
  accountId: string,
  facts: NonNullable<Awaited<ReturnType<typeof firstValue>>>,
): Promise<FirstValue | null> {
  const start = facts.contractStart;
  if (!start) return null;
  // The setting alone: the settings' page figures (accounts per stage) are not needed here.
  const milestone = milestoneOf(await findLifecycleSettings(ctx.db, ctx.workspaceId));
  const usageDay = milestone ? await milestoneDay(ctx.db, ctx.workspaceId, accountId, milestone) : null;
  const outcomeAt = facts.achievedAt ? new Date(facts.achievedAt) : null;
  const usageAt = usageDay ? new Date(`${usageDay}T00:00:00Z`) : null;
  const byUsage = usageAt && (!outcomeAt || usageAt < outcomeAt);
  const at = byUsage ? usageAt : outcomeAt;
  if (!at) return null;
  return {
    contractStart: start,
    firstValueAt: at.toISOString(),
    by: byUsage ? "milestone" : "outcome",
    outcome:
      !byUsage && facts.outcomeId && facts.outcomeTitle !== null
        ? { id: facts.outcomeId, title: facts.outcomeTitle }
        : null,
    milestone: byUsage && milestone ? `${milestone.event} used ${milestone.count} times` : null,
    days: Math.max(0, daysBetween(start, utcDay(at))),
  };
}

/** The next visible stage with entry criteria after `stage`, and whether the account meets them now. */
async function nextStage(ctx: Ctx, accountId: string, stage: string, stages: WorkspaceStage[]) {
  const at = stages.findIndex((s) => s.key === stage);
  const next = stages.slice(at + 1).find((s) => !s.hidden && s.entry);
  if (at < 0 || stage === "churned" || !next?.entry) return null;
  const fields = await listSegmentFields(ctx, "account");
  const select = compileFilter(ctx.workspaceId, "account", next.entry, fields, liveDay(), {
    ids: [accountId],
  });
  return {
    stage: next.key,
    label: next.label,
    meetsEntry: (await selectedIds(ctx.db, select)).length > 0,
    automatic: next.automatic,
  };
}

/**
 * The stages an account went through (oldest first, each with the days spent in it), its time in
 * its current stage, its time to first value, and how it stands against the next stage's entry
 * criteria.
 */
export async function getAccountLifecycle(
  ctx: Ctx,
  accountId: string,
  now = new Date(),
): Promise<AccountLifecycle> {
  const facts = await firstValue(ctx.db, ctx.workspaceId, accountId);
  if (!facts) throw notFound("Account");
  const rows = await stageHistory(ctx.db, ctx.workspaceId, accountId);
  const history = rows.map((r, i) => ({
    from: r.from,
    to: r.to,
    at: new Date(r.at).toISOString(),
    source: r.source as "hand" | "rule",
    by: r.byId && r.byName !== null ? { userId: r.byId, name: r.byName } : null,
    days: wholeDays(new Date(r.at), rows[i + 1] ? new Date(rows[i + 1]?.at as Date) : now),
  }));
  // An account with no recorded change is in the stage it was created with, since then.
  const since = rows.length ? new Date(rows[rows.length - 1]?.at as Date) : new Date(facts.createdAt);
  const reached = await reachedFirstValue(ctx, accountId, facts);
  const start = facts.contractStart;
  return {
    stage: facts.stage,
    since: since.toISOString(),
    daysInStage: wholeDays(since, now),
    history,
    timeToFirstValue: reached,
    daysWithoutValue: start && !reached ? Math.max(0, daysBetween(start, utcDay(now))) : null,
    next: await nextStage(ctx, accountId, facts.stage, await workspaceStages(ctx)),
  };
}
