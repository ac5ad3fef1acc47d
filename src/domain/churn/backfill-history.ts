import { isAppError } from "../../common/errors.ts";
import type { Ctx } from "../context.ts";
import { buildScoringSet, buildTrainingSet } from "./build-training-set.ts";
import { insertProbabilityHistory } from "./churn.queries.ts";
import { predict } from "./predict-churn.ts";
import { trainChurnModel } from "./train-churn-model.ts";

/**
 * What the churn model would have said on past days, for a workspace whose history arrived in
 * bulk (an import, the demo): on each day a model is trained only on what was known then (the
 * training set as of that day) and scores the customers of that day, and the day's churn
 * probabilities join the history the daily job keeps — so a replay, a renewal calibration or a
 * backtest reads them as they would have stood. A day with too little history to train on is
 * skipped and named. Days already kept are rewritten.
 */
export async function backfillChurnHistory(
  ctx: Ctx,
  days: readonly string[],
): Promise<{ kept: string[]; skipped: { day: string; reason: string }[] }> {
  const kept: string[] = [];
  const skipped: { day: string; reason: string }[] = [];
  for (const day of days) {
    try {
      const model = trainChurnModel(
        await buildTrainingSet(ctx.db, ctx.workspaceId, { asOf: day, kind: "churn" }),
      );
      const scored = predict(
        model,
        await buildScoringSet(ctx.db, ctx.workspaceId, { asOf: day, kind: "churn" }),
        {
          top: 0,
        },
      );
      await insertProbabilityHistory(
        ctx.db,
        ctx.workspaceId,
        "churn",
        day,
        scored.map((p) => ({ accountId: p.accountId, probability: p.probability })),
      );
      kept.push(day);
    } catch (e) {
      if (!isAppError(e) || e.code !== "NOT_ENOUGH_HISTORY") throw e;
      skipped.push({ day, reason: e.message });
    }
  }
  return { kept, skipped };
}
