import { LIFECYCLE_STAGES } from "../../contract/accounts.ts";
import { BUILT_IN_STAGES, type StageDefinition } from "../../contract/lifecycle.ts";
import type { Ctx } from "../context.ts";
import { findLifecycleSettings } from "./stages.queries.ts";

/** A stage as a workspace has it: built-in (renamed or hidden at most) or its own. */
export type WorkspaceStage = StageDefinition & { builtIn: boolean };

const BUILT_IN = new Set<string>(LIFECYCLE_STAGES);

/** The eight built-in stages with their own names, none hidden, no entry criteria. */
export const DEFAULT_STAGES: WorkspaceStage[] = LIFECYCLE_STAGES.map((key) => ({
  key,
  ...BUILT_IN_STAGES[key],
  hidden: false,
  entry: null,
  automatic: false,
  builtIn: true,
}));

/** Saved stages as stored; a workspace that never saved any has the built-in ones. */
export const asWorkspaceStages = (stored: unknown): WorkspaceStage[] =>
  Array.isArray(stored)
    ? (stored as StageDefinition[]).map((s) => ({ ...s, builtIn: BUILT_IN.has(s.key) }))
    : DEFAULT_STAGES;

/** The workspace's lifecycle stages in journey order. */
export async function workspaceStages(ctx: Ctx): Promise<WorkspaceStage[]> {
  const row = await findLifecycleSettings(ctx.db, ctx.workspaceId);
  return row ? asWorkspaceStages(row.stages) : DEFAULT_STAGES;
}

/**
 * Why an account cannot be put in `stage`, in words that follow the stage's field ("lifecycleStage
 * is …"); null when it can. An account already in a stage the workspace later hid keeps it (a write
 * that leaves the stage as it is passes).
 */
export function stageProblem(
  stages: WorkspaceStage[],
  stage: string,
  current?: string | null,
): string | null {
  if (stage === current) return null;
  const found = stages.find((s) => s.key === stage);
  if (!found) return "is not a lifecycle stage of this workspace";
  return found.hidden ? `is a stage this workspace hides (${found.label})` : null;
}
