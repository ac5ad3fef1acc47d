import { ADVOCACY_KINDS, type AdvocacySummary } from "../../contract/advocacy.ts";
import type { Ctx } from "../context.ts";
import { monthEnd, monthOf, monthsBetween } from "../revenue/index.ts";
import { askCounts, deliveredCounts, npsMonthCounts } from "./advocacy.queries.ts";
import { kindStateTable, npsTrend, periodNps } from "./advocacy.rules.ts";
import { segmentScope } from "./segment-scope.ts";

/**
 * `GET /advocacy/summary`: over whole months, the asks made by kind and the state each is in now,
 * what was delivered, and NPS month by month and over the period (docs/advocacy.md).
 */
export async function getAdvocacySummary(
  ctx: Ctx,
  q: { from: string; to: string; segment?: string | undefined },
): Promise<AdvocacySummary> {
  const segment = await segmentScope(ctx, q.segment);
  const period = { first: monthOf(q.from), last: monthEnd(monthOf(q.to)), segment };
  const byKind = kindStateTable(await askCounts(ctx.db, ctx.workspaceId, period));
  const delivered = await deliveredCounts(ctx.db, ctx.workspaceId, period);
  const nps = await npsMonthCounts(ctx.db, ctx.workspaceId, period);
  return {
    from: period.first,
    to: period.last,
    segmentId: segment?.id ?? null,
    byKind,
    delivered: {
      total: delivered.reduce((s, d) => s + d.count, 0),
      byKind: ADVOCACY_KINDS.map((kind) => ({
        kind,
        count: delivered.find((d) => d.kind === kind)?.count ?? 0,
      })),
    },
    nps: periodNps(nps),
    npsByMonth: npsTrend(monthsBetween(period.first, period.last), nps),
  };
}
