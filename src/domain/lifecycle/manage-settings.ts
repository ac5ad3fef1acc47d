import { AppError } from "../../common/errors.ts";
import { LIFECYCLE_STAGES } from "../../contract/accounts.ts";
import type {
  LifecycleSettings,
  LifecycleSettingsUpdate,
  StageDefinition,
} from "../../contract/lifecycle.ts";
import { ZLifecycleSettingsUpdate } from "../../contract/lifecycle.ts";
import {
  accountsPerStage,
  asWorkspaceStages,
  DEFAULT_STAGES,
  findLifecycleSettings,
  saveLifecycleSettings,
  workspaceStages,
} from "../accounts/index.ts";
import { actorPerson, type Ctx } from "../context.ts";
import { checkFilter, listSegmentFields } from "../segments/index.ts";

type Issue = { path: string; message: string };

/** The first-value milestone a settings row names, or null. */
export const milestoneOf = (
  row: { firstValueEvent: string | null; firstValueCount: number | null } | null,
): LifecycleSettings["firstValueMilestone"] =>
  row?.firstValueEvent && row.firstValueCount
    ? { event: row.firstValueEvent, count: row.firstValueCount }
    : null;

/** The workspace's stages (with how many accounts each holds) and its first-value milestone. */
export async function getLifecycleSettings(ctx: Ctx): Promise<LifecycleSettings> {
  const row = await findLifecycleSettings(ctx.db, ctx.workspaceId);
  const counts = await accountsPerStage(ctx.db, ctx.workspaceId);
  const stages = row ? asWorkspaceStages(row.stages) : DEFAULT_STAGES;
  return {
    stages: stages.map((s) => ({ ...s, accounts: counts.get(s.key) ?? 0 })),
    firstValueMilestone: milestoneOf(row),
    updatedAt: row ? new Date(row.updatedAt).toISOString() : null,
    updatedBy:
      row?.updatedBy && row.updatedByName !== null
        ? { userId: row.updatedBy, name: row.updatedByName }
        : null,
  };
}

/**
 * Everything wrong with a list of stages, each at its path (`stages.3.label`): keys and names used
 * twice, a built-in stage dropped (hide it instead), a stage of the workspace's own dropped while
 * accounts are in it (named as people know it), entry criteria that do not fit the account fields, a stage that would take
 * accounts on its own without criteria or while hidden.
 */
export async function stageIssues(ctx: Ctx, stages: StageDefinition[], at = "stages"): Promise<Issue[]> {
  const issues: Issue[] = [];
  const keys = new Map<string, number>();
  const labels = new Map<string, number>();
  const fields = await listSegmentFields(ctx, "account");
  for (const [i, s] of stages.entries()) {
    if (keys.has(s.key)) issues.push({ path: `${at}.${i}.key`, message: "is the key of another stage" });
    keys.set(s.key, i);
    const label = s.label.toLowerCase();
    if (labels.has(label)) issues.push({ path: `${at}.${i}.label`, message: "is the name of another stage" });
    labels.set(label, i);
    if (s.automatic && !s.entry)
      issues.push({
        path: `${at}.${i}.automatic`,
        message: "needs entry criteria to move accounts on its own",
      });
    if (s.automatic && s.hidden)
      issues.push({ path: `${at}.${i}.automatic`, message: "cannot move accounts into a hidden stage" });
    if (s.entry) issues.push(...checkFilter(s.entry, fields, `${at}.${i}.entry`));
  }
  for (const key of LIFECYCLE_STAGES) {
    if (!keys.has(key)) {
      const label = DEFAULT_STAGES.find((d) => d.key === key)?.label ?? key;
      issues.push({ path: at, message: `must keep the built-in stage "${label}" (hide it instead)` });
    }
  }
  const counts = await accountsPerStage(ctx.db, ctx.workspaceId);
  const saved = await workspaceStages(ctx);
  for (const [key, n] of counts) {
    if (!keys.has(key)) {
      const name = saved.find((s) => s.key === key)?.label ?? key;
      const one = n === 1;
      issues.push({
        path: at,
        message: `"${name}" cannot be removed while ${n} account${one ? " is" : "s are"} in it: move ${one ? "it" : "them"} to another stage first, or hide the stage instead`,
      });
    }
  }
  return issues;
}

export const throwIssues = (issues: Issue[]) => {
  if (issues.length > 0) {
    throw new AppError("VALIDATION_FAILED", issues.map((i) => `${i.path} ${i.message}`).join("; "), {
      issues,
    });
  }
};

export async function updateLifecycleSettings(
  ctx: Ctx,
  patch: LifecycleSettingsUpdate,
): Promise<LifecycleSettings> {
  const current = await getLifecycleSettings(ctx);
  const parsed = ZLifecycleSettingsUpdate.parse(patch);
  const stages = parsed.stages ?? current.stages.map(({ builtIn: _b, accounts: _a, ...s }) => s);
  throwIssues(await stageIssues(ctx, stages));
  const milestone =
    parsed.firstValueMilestone === undefined ? current.firstValueMilestone : parsed.firstValueMilestone;
  await saveLifecycleSettings(ctx.db, {
    workspaceId: ctx.workspaceId,
    stages,
    firstValueEvent: milestone?.event ?? null,
    firstValueCount: milestone?.count ?? null,
    updatedBy: actorPerson(ctx.actor),
  });
  return getLifecycleSettings(ctx);
}
