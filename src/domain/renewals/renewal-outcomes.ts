import { utcToday } from "../../common/dates.ts";
import type { OutcomesQuery, RenewalOutcome, RenewalOutcomes } from "../../contract/renewals.ts";
import { RENEWAL_OUTCOMES, ZOutcomesQuery } from "../../contract/renewals.ts";
import type { Ctx } from "../context.ts";
import { getSegment } from "../segments/index.ts";
import { outcomeRows } from "./renewal.queries.ts";
import { isRenewed } from "./renewal.rules.ts";

/**
 * The renewals decided in a period: those recorded by a person or an import, with their reasons,
 * and those the subscription history shows (a contract year run through, or a subscription that
 * ended); how many of each outcome and reason, and the share that renewed.
 */
export async function getRenewalOutcomes(ctx: Ctx, query: OutcomesQuery): Promise<RenewalOutcomes> {
  const q = ZOutcomesQuery.parse(query);
  if (q.segment) await getSegment(ctx, q.segment);
  const rows = await outcomeRows(ctx.db, ctx.workspaceId, utcToday(), {
    from: q.from,
    to: q.to,
    segmentId: q.segment ?? null,
    outcome: q.outcome ?? null,
  });
  const data = rows.map((r) => ({ ...r, outcome: r.outcome as RenewalOutcome }));
  const byOutcome = RENEWAL_OUTCOMES.map((outcome) => ({
    outcome,
    count: data.filter((r) => r.outcome === outcome).length,
  })).filter((o) => o.count > 0);
  const reasons = new Map<string, { outcome: RenewalOutcome; reasonCode: string | null; count: number }>();
  for (const r of data) {
    const key = `${r.outcome} ${r.reasonCode ?? ""}`;
    const seen = reasons.get(key) ?? { outcome: r.outcome, reasonCode: r.reasonCode, count: 0 };
    seen.count += 1;
    reasons.set(key, seen);
  }
  const byReason = [...reasons.values()].sort(
    (a, b) => b.count - a.count || a.outcome.localeCompare(b.outcome),
  );
  return {
    from: q.from,
    to: q.to,
    data,
    byOutcome,
    byReason,
    renewalRate: data.length > 0 ? data.filter((r) => isRenewed(r.outcome)).length / data.length : null,
  };
}
