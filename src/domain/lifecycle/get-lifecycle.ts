import { daysBetween, utcDay } from "../../common/dates.ts";
import { notFound } from "../../common/errors.ts";
import type { AccountLifecycle } from "../../contract/lifecycle.ts";
import type { Ctx } from "../context.ts";
import { firstValue, stageHistory } from "./lifecycle.queries.ts";

type Stage = AccountLifecycle["stage"];
const wholeDays = (from: Date, to: Date) =>
  Math.max(0, Math.floor((to.getTime() - from.getTime()) / 86_400_000));

/**
 * The stages an account went through (oldest first, each with the days spent in it), its time in
 * its current stage, and its time to first value: from the first subscription's start to the first
 * outcome of its key players achieved.
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
    from: r.from as Stage | null,
    to: r.to as Stage,
    at: new Date(r.at).toISOString(),
    source: r.source as "hand" | "rule",
    by: r.byId && r.byName !== null ? { userId: r.byId, name: r.byName } : null,
    days: wholeDays(new Date(r.at), rows[i + 1] ? new Date(rows[i + 1]?.at as Date) : now),
  }));
  // An account with no recorded change is in the stage it was created with, since then.
  const since = rows.length ? new Date(rows[rows.length - 1]?.at as Date) : new Date(facts.createdAt);
  const start = facts.contractStart;
  const reached =
    start && facts.achievedAt && facts.outcomeId && facts.outcomeTitle !== null
      ? {
          contractStart: start,
          firstValueAt: new Date(facts.achievedAt).toISOString(),
          outcome: { id: facts.outcomeId, title: facts.outcomeTitle },
          days: Math.max(0, daysBetween(start, utcDay(new Date(facts.achievedAt)))),
        }
      : null;
  return {
    stage: facts.stage as Stage,
    since: since.toISOString(),
    daysInStage: wholeDays(since, now),
    history,
    timeToFirstValue: reached,
    daysWithoutValue: start && !reached ? Math.max(0, daysBetween(start, utcDay(now))) : null,
  };
}
