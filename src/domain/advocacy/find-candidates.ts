import { utcDay, utcToday } from "../../common/dates.ts";
import type { AdvocacyCandidates, AdvocacyKind, AdvocacyState } from "../../contract/advocacy.ts";
import type { Contact } from "../../contract/contacts.ts";
import type { HealthBand } from "../../contract/health.ts";
import type { Ctx } from "../context.ts";
import { getRevenueSettings } from "../revenue/index.ts";
import { candidateRows } from "./advocacy.queries.ts";
import { candidateReasons, windowStart } from "./advocacy.rules.ts";
import { segmentScope } from "./segment-scope.ts";

/**
 * `GET /advocacy/candidates`: who could be asked next — promoters among the key players of healthy
 * customers with outcomes achieved, not asked within the do-not-ask window — best first, each with
 * the reasons in words and figures (docs/advocacy.md).
 */
export async function listAdvocacyCandidates(
  ctx: Ctx,
  q: { segment?: string | undefined; kind?: AdvocacyKind | undefined; limit: number },
): Promise<AdvocacyCandidates> {
  const segment = await segmentScope(ctx, q.segment);
  const days = (await getRevenueSettings(ctx)).doNotAskDays;
  const rows = await candidateRows(ctx.db, ctx.workspaceId, {
    windowStart: windowStart(utcToday(), days),
    kind: q.kind ?? null,
    segment,
    limit: q.limit,
  });
  return {
    doNotAskDays: days,
    kind: q.kind ?? null,
    segmentId: segment?.id ?? null,
    data: rows.map((r) => {
      const lastAsk =
        r.lastAskedOn && r.lastKind && r.lastState
          ? { askedOn: r.lastAskedOn, kind: r.lastKind as AdvocacyKind, state: r.lastState as AdvocacyState }
          : null;
      const answeredAt = new Date(r.npsAt).toISOString();
      return {
        contact: {
          id: r.contactId,
          name: r.contactName,
          title: r.title,
          decisionRole: r.decisionRole as Contact["decisionRole"],
        },
        account: { id: r.accountId, name: r.accountName },
        health: { band: r.healthBand as HealthBand, score: r.healthScore },
        nps: { score: r.npsScore, answeredAt },
        outcomesAchieved: r.outcomesAchieved,
        arrMinor: Number(r.arrMinor),
        currency: r.currency,
        lastAsk,
        reasons: candidateReasons({
          accountName: r.accountName,
          healthScore: r.healthScore,
          npsScore: r.npsScore,
          npsDay: utcDay(answeredAt),
          outcomesAchieved: r.outcomesAchieved,
          lastAsk,
        }),
      };
    }),
  };
}
