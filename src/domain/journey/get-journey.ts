import { AppError } from "../../common/errors.ts";
import type { Journey } from "../../contract/touchpoints.ts";
import { findAccount } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import { tallyByDecisionStep, tallyByDevelopmentStep } from "./journey.queries.ts";
import { buildJourney, journeyPeriod } from "./journey.rules.ts";
import { selectListItems } from "./list-item.queries.ts";
import { toListItem } from "./list-items.rules.ts";

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
  const items = (await selectListItems(ctx.db, ctx.workspaceId)).map(toListItem);
  const rows = await tallyByDecisionStep(ctx.db, ctx.workspaceId, period);
  const development = await tallyByDevelopmentStep(ctx.db, ctx.workspaceId, period);
  return buildJourney(
    period,
    items.filter((i) => i.list === "decision"),
    items.filter((i) => i.list === "development"),
    rows,
    development,
  );
}
