import { isAppError } from "../../common/errors.ts";
import { CHURN_KINDS, type ChurnKind } from "../../contract/churn.ts";
import type { Db } from "../../db/index.ts";
import type { Ctx } from "../context.ts";
import { listWorkspaces } from "../workspaces/index.ts";
import { analyzeTrainingInputs } from "./churn.queries.ts";
import { trainAndStore } from "./train-and-store.ts";

export type RetrainResult =
  | { kind: ChurnKind; trained: true; modelId: string; auc: number; scored: number }
  | { kind: ChurnKind; trained: false; reason: string };

export type RetrainOptions = {
  /** The workspace's tables were just filled (the demo loader): refresh planner statistics first. */
  afterBulkLoad?: boolean;
};

/**
 * Trains both kinds for one workspace; a kind without enough history is skipped with the reason
 * (any other failure is thrown).
 */
export async function retrainWorkspace(ctx: Ctx, options: RetrainOptions = {}): Promise<RetrainResult[]> {
  if (options.afterBulkLoad) await analyzeTrainingInputs(ctx.db);
  const results: RetrainResult[] = [];
  for (const kind of CHURN_KINDS) {
    try {
      const m = await trainAndStore(ctx, { kind });
      results.push({ kind, trained: true, modelId: m.id, auc: m.evaluation.auc, scored: m.scored });
    } catch (e) {
      if (!isAppError(e) || e.code !== "NOT_ENOUGH_HISTORY") throw e;
      results.push({ kind, trained: false, reason: e.message });
    }
  }
  return results;
}

/**
 * Retrains both kinds in every workspace (the weekly job). Workspaces with too little history are
 * skipped quietly, with the reason in the result; a workspace that fails does not stop the others,
 * and the run fails at the end naming them, so the job is retried.
 */
export async function retrainAllWorkspaces(
  db: Db,
  label = "churn retraining",
): Promise<{ workspaces: { slug: string; results: RetrainResult[] }[] }> {
  const workspaces: { slug: string; results: RetrainResult[] }[] = [];
  const failed: string[] = [];
  for (const w of await listWorkspaces(db)) {
    try {
      const results = await retrainWorkspace({ db, workspaceId: w.id, actor: { kind: "system", label } });
      workspaces.push({ slug: w.slug, results });
    } catch (e) {
      failed.push(`${w.slug}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (failed.length > 0)
    throw new Error(`churn retraining failed in ${failed.length} workspace(s): ${failed.join("; ")}`);
  return { workspaces };
}
