import { AppError } from "../../common/errors.ts";
import type { Ctx } from "../context.ts";
import { assertCustomFields } from "../custom-fields/index.ts";
import { findMember } from "../members/index.ts";
import { findAccount, selectAncestry } from "./account.queries.ts";
import { parentLoops } from "./account.rules.ts";
import { stageProblem, workspaceStages } from "./workspace-stages.ts";

const invalid = (path: string, message: string) =>
  new AppError("VALIDATION_FAILED", `${path} ${message}`, { issues: [{ path, message }] });

/** References an account write makes that must point inside the same workspace. */
export async function checkAccountReferences(
  ctx: Ctx,
  accountId: string | null,
  input: {
    parentId?: string | null;
    ownerId?: string | null;
    customFields?: Record<string, string | number | boolean | null>;
  },
  /** The stored custom fields on update: unchanged values are not checked again. */
  previousCustomFields?: Record<string, string | number | boolean | null>,
): Promise<void> {
  if (input.parentId) {
    if (!(await findAccount(ctx.db, ctx.workspaceId, input.parentId)))
      throw invalid("parentId", "is not an account here");
    const parentOf = accountId ? await selectAncestry(ctx.db, ctx.workspaceId, [input.parentId]) : null;
    if (accountId && parentOf && parentLoops(accountId, parentOf.set(accountId, input.parentId))) {
      throw invalid("parentId", "would make the account its own ancestor");
    }
  }
  if (input.ownerId && !(await findMember(ctx.db, ctx.workspaceId, input.ownerId))) {
    throw invalid("ownerId", "is not a member of this workspace");
  }
  await assertCustomFields(ctx, "account", input.customFields, previousCustomFields);
}

/** A stage an account write sets must be one of the workspace's visible stages (or the one it is in). */
export async function checkStage(ctx: Ctx, stage: string | undefined, current: string | null): Promise<void> {
  if (stage === undefined || stage === current) return;
  const problem = stageProblem(await workspaceStages(ctx), stage, current);
  if (problem) throw invalid("lifecycleStage", problem);
}

/**
 * A list filtered by stages names only stages of the workspace (hidden ones too): an unknown one
 * is refused rather than quietly matching nothing.
 */
export async function checkStageFilter(ctx: Ctx, stages: string[] | undefined, path = "lifecycleStage") {
  if (!stages?.length) return;
  const known = new Set((await workspaceStages(ctx)).map((s) => s.key));
  const unknown = stages.find((s) => !known.has(s));
  if (unknown !== undefined)
    throw invalid(path, `has "${unknown}", which is not a lifecycle stage of this workspace`);
}
