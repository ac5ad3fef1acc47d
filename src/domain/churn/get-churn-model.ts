import type { ChurnKind, ChurnModelAnswer } from "../../contract/churn.ts";
import type { Ctx } from "../context.ts";
import { selectModel } from "./churn.queries.ts";

/** The latest model of the kind with its evaluation; `model` is null before the first training. */
export async function getChurnModel(ctx: Ctx, kind: ChurnKind): Promise<ChurnModelAnswer> {
  return { kind, model: await selectModel(ctx.db, ctx.workspaceId, kind) };
}
