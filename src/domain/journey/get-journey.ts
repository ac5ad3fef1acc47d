import { AppError } from "../../common/errors.ts";
import type { Journey } from "../../contract/touchpoints.ts";
import { findAccount } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import { tallyByDecisionStep, tallyByDevelopmentStep } from "./journey.queries.ts";
import { buildJourney, journeyPeriod } from "./journey.rules.ts";
import { selectSteps } from "./list-item.queries.ts";

/**
 * The journey of an account, or of the whole workspace without one (docs/journey.md): touchpoints
 * by decision step × function with counts and averages, per development step, and the gaps.
 */
export async function getJourney(
  ctx: Ctx,
  query: { accountId?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<Journey> {
  const { from, to } = journeyPeriod(query.from, query.to);
  if (from > to) {
    throw new AppError("VALIDATION_FAILED", "from must not be after to", {
      issues: [{ path: "from", message: "must not be after to" }],
    });
  }
  // Another workspace's account reads as absent: a 404, not an empty journey.
  if (query.accountId && !(await findAccount(ctx.db, ctx.workspaceId, query.accountId))) {
    throw new AppError("NOT_FOUND", "Account not found");
  }
  const period = { accountId: query.accountId ?? null, from, to };
  const steps = (await selectSteps(ctx.db, ctx.workspaceId)).map((s) => ({
    list: s.list,
    key: s.key,
    label: s.label,
    archived: s.archivedAt !== null,
  }));
  const rows = await tallyByDecisionStep(ctx.db, ctx.workspaceId, period);
  const development = await tallyByDevelopmentStep(ctx.db, ctx.workspaceId, period);
  return buildJourney(
    period,
    steps.filter((s) => s.list === "decision"),
    steps.filter((s) => s.list === "development"),
    rows,
    development,
  );
}
