import { utcToday } from "../../common/dates.ts";
import type { RatesBySegment } from "../../contract/renewals.ts";
import { ZRatesBySegmentQuery } from "../../contract/renewals.ts";
import type { Ctx } from "../context.ts";
import { accountMrrAround, monthOf } from "../revenue/index.ts";
import { accountSegmentMembers } from "./rates.queries.ts";
import { outcomeRows } from "./renewal.queries.ts";
import { isRenewed } from "./renewal.rules.ts";

/**
 * Loyalty by segment over a period: the renewal rate (of the renewals decided in it, the share
 * not churned) and the expansion rate (of the customers paying at its start, the share paying
 * more at its end), for all customers and for each account segment's current members.
 */
export async function getRatesBySegment(ctx: Ctx, query: Record<string, unknown>): Promise<RatesBySegment> {
  const q = ZRatesBySegmentQuery.parse(query);
  const outcomes = await outcomeRows(ctx.db, ctx.workspaceId, utcToday(), { from: q.from, to: q.to });
  // An account's currencies are added as they are: accounts pay in one currency, and a growth
  // test needs no rate.
  const byAccount = new Map<string, { accountId: string; startMinor: number; endMinor: number }>();
  for (const r of await accountMrrAround(ctx, monthOf(q.from), monthOf(q.to))) {
    const a = byAccount.get(r.accountId) ?? { accountId: r.accountId, startMinor: 0, endMinor: 0 };
    a.startMinor += r.startMinor;
    a.endMinor += r.endMinor;
    byAccount.set(r.accountId, a);
  }
  const mrr = [...byAccount.values()];
  const memberships = await accountSegmentMembers(ctx.db, ctx.workspaceId);

  const rowFor = (segmentId: string | null, name: string, members: Set<string> | null) => {
    const inIt = (accountId: string) => members === null || members.has(accountId);
    const decided = outcomes.filter((o) => inIt(o.accountId));
    const paying = mrr.filter((m) => inIt(m.accountId) && m.startMinor > 0);
    return {
      segmentId,
      name,
      accounts: members === null ? new Set(mrr.map((m) => m.accountId)).size : members.size,
      renewals: decided.length,
      renewalRate:
        decided.length > 0
          ? decided.filter((o) => isRenewed(o.outcome as Parameters<typeof isRenewed>[0])).length /
            decided.length
          : null,
      expansionRate:
        paying.length > 0 ? paying.filter((m) => m.endMinor > m.startMinor).length / paying.length : null,
      customersAtStart: paying.length,
    };
  };

  const segments = new Map<string, { name: string; members: Set<string> }>();
  for (const m of memberships) {
    const seg = segments.get(m.segmentId) ?? { name: m.name, members: new Set<string>() };
    if (m.accountId) seg.members.add(m.accountId);
    segments.set(m.segmentId, seg);
  }
  return {
    from: q.from,
    to: q.to,
    rows: [
      rowFor(null, "All customers", null),
      ...[...segments.entries()].map(([id, s]) => rowFor(id, s.name, s.members)),
    ],
  };
}
