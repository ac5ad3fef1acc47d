import { z } from "zod";
import { type ChurnEvaluation, ZChurnKind } from "../../contract/churn.ts";
import type { Ctx } from "../context.ts";
import { buildTrainingSet } from "./build-training-set.ts";
import { crossValidate } from "./cross-validate.ts";
import { checkHistory, DEFAULT_FOLDS, DEFAULT_SEED, toEvaluation } from "./evaluation.rules.ts";
import { trainChurnModel } from "./train-churn-model.ts";

export const ZEvaluateInput = z.strictObject({
  kind: ZChurnKind.default("churn"),
  folds: z.number().int().min(2).max(20).default(DEFAULT_FOLDS),
  seed: z.union([z.number().int(), z.string().min(1).max(100)]).default(DEFAULT_SEED),
  /** The day the training set is taken (default today). */
  asOf: z.iso.date().optional(),
});
export type EvaluateInput = z.input<typeof ZEvaluateInput>;

/**
 * Cross-validates a model of the kind on the workspace's history without storing anything: what
 * `trainAndStore` would report. Throws NOT_ENOUGH_HISTORY when there is too little to learn from.
 */
export async function evaluateChurnModel(ctx: Ctx, input: EvaluateInput = {}): Promise<ChurnEvaluation> {
  const { kind, folds, seed, asOf } = ZEvaluateInput.parse(input);
  const set = await buildTrainingSet(ctx.db, ctx.workspaceId, { kind, asOf });
  checkHistory(set, folds);
  const cv = crossValidate(set, { folds, seed });
  return toEvaluation(set, cv, trainChurnModel(set).features.length);
}
