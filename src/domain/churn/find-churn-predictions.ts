import type { ChurnPredictionPage, ChurnPredictionQuery } from "../../contract/churn.ts";
import type { Ctx } from "../context.ts";
import { pagePredictions, predictionTotals } from "./churn.queries.ts";

/**
 * A page of current customers by probability (or ARR at risk, ARR, name) with their drivers,
 * filtered by owner and tier, plus the ARR and ARR at risk of everything the filters match.
 */
export async function findChurnPredictions(
  ctx: Ctx,
  query: ChurnPredictionQuery,
): Promise<ChurnPredictionPage> {
  const page = await pagePredictions(ctx.db, ctx.workspaceId, query);
  const totals = await predictionTotals(ctx.db, ctx.workspaceId, query);
  return {
    data: page.data.map(({ id: _id, arrMinor, ...r }) => ({
      ...r,
      arrMinor: Number(arrMinor),
      arrAtRiskMinor: Math.round(r.probability * Number(arrMinor)),
    })),
    nextCursor: page.nextCursor,
    totals,
  };
}
