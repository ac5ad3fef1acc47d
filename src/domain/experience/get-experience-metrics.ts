import { notFound } from "../../common/errors.ts";
import { type ExperienceMetrics, SURVEY_SCALES } from "../../contract/experience.ts";
import { findAccount } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import { experienceCounts, type Period } from "./experience.queries.ts";
import { cesOf, csatOf, npsOf } from "./experience.rules.ts";

/**
 * NPS, CSAT and CES from the survey answers of the period (all of them, for the workspace or one
 * account), and CSAT from the support tickets opened in it, each with its number of responses.
 */
export async function getExperienceMetrics(ctx: Ctx, period: Period): Promise<ExperienceMetrics> {
  if (period.accountId && !(await findAccount(ctx.db, ctx.workspaceId, period.accountId)))
    throw notFound("Account");
  const c = await experienceCounts(ctx.db, ctx.workspaceId, period);
  return {
    from: period.from ?? null,
    to: period.to ?? null,
    accountId: period.accountId ?? null,
    nps: { score: npsOf(c.nps), responses: c.nps.responses },
    csat: { score: csatOf(c.csat), responses: c.csat.responses },
    ces: { score: cesOf(c.ces), responses: c.ces.responses, scale: SURVEY_SCALES.ces },
    ticketCsat: { score: csatOf(c.ticketCsat), responses: c.ticketCsat.responses },
  };
}
