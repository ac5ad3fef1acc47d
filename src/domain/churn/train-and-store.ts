import { newId } from "../../common/ids.ts";
import { type ChurnModelInfo, type ChurnTrain, ZChurnTrain } from "../../contract/churn.ts";
import { withTx } from "../../db/transaction.ts";
import { actorUserId, type Ctx } from "../context.ts";
import { lockKey } from "../kernel/locks.queries.ts";
import { buildScoringSet, buildTrainingSet } from "./build-training-set.ts";
import { insertModel, replacePredictions, selectModel } from "./churn.queries.ts";
import { crossValidate } from "./cross-validate.ts";
import { checkHistory, DEFAULT_FOLDS, DEFAULT_SEED, toDrivers, toEvaluation } from "./evaluation.rules.ts";
import { predict } from "./predict-churn.ts";
import { trainChurnModel } from "./train-churn-model.ts";
import type { TrainingSet } from "./training-set.rules.ts";

/** Drivers kept per account. */
const TOP_DRIVERS = 5;

/**
 * The current customers to score. A churn set's retained rows are exactly them, described as of
 * its day; an expansion set describes accounts before they grew, so they are read again.
 */
const scoringSetFor = async (ctx: Ctx, set: TrainingSet): Promise<TrainingSet> =>
  set.kind === "churn"
    ? { ...set, rows: set.rows.filter((r) => !r.positive) }
    : buildScoringSet(ctx.db, ctx.workspaceId, { asOf: set.asOf, kind: set.kind });

/**
 * Trains a model of the kind on the workspace's history, evaluates it by stratified 5-fold
 * cross-validation, stores model and evaluation, and replaces the kind's predictions with every
 * current customer's probability and top drivers (one transaction). Throws NOT_ENOUGH_HISTORY
 * (422) when there is too little history; nothing is stored then.
 */
export async function trainAndStore(ctx: Ctx, input: ChurnTrain): Promise<ChurnModelInfo> {
  const { kind } = ZChurnTrain.parse(input);
  const set = await buildTrainingSet(ctx.db, ctx.workspaceId, { kind });
  checkHistory(set);
  const cv = crossValidate(set, { folds: DEFAULT_FOLDS, seed: DEFAULT_SEED });
  const model = trainChurnModel(set);
  const evaluation = toEvaluation(set, cv, model.features.length);
  const predictions = predict(model, await scoringSetFor(ctx, set), { top: TOP_DRIVERS });
  const id = newId();
  await withTx(ctx.db, async (tx) => {
    // Two trainings of one kind at once would otherwise interleave their replacements.
    await lockKey(tx, "churn.train", ctx.workspaceId, kind);
    await insertModel(tx, ctx.workspaceId, {
      id,
      kind,
      model,
      evaluation,
      trainedBy: actorUserId(ctx.actor),
    });
    await replacePredictions(
      tx,
      ctx.workspaceId,
      kind,
      id,
      predictions.map((p) => ({ accountId: p.accountId, probability: p.probability, drivers: toDrivers(p) })),
    );
  });
  const stored = await selectModel(ctx.db, ctx.workspaceId, kind, id);
  if (!stored) throw new Error(`churn model ${id} was not stored`);
  return stored;
}
