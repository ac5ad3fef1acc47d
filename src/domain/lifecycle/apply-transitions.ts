import { AppError } from "../../common/errors.ts";
import type { StageDefinition, TransitionsResult } from "../../contract/lifecycle.ts";
import { type Db, withTx } from "../../db/transaction.ts";
import { upsertAccounts, workspaceStages } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import { compileFilter, listSegmentFields, liveDay, selectedIds } from "../segments/index.ts";
import { accountStages, workspacesWithAutomaticStages } from "./lifecycle.queries.ts";
import { stageIssues, throwIssues } from "./manage-settings.ts";

/** Transitions listed account by account, at most this many (`moved` counts all). */
const LISTED = 500;

/**
 * Where automatic stages move accounts: each automatic stage's entry criteria select their accounts
 * in one statement (live, as of today), and an account goes to the furthest stage it qualifies for
 * that lies after the one it is in. Forward only, and never out of churned: going back, or leaving
 * churned, is a person's or a rule's call.
 */
async function plan(ctx: Ctx, stages: StageDefinition[]) {
  const fields = await listSegmentFields(ctx, "account");
  const furthest = new Map<string, number>();
  for (const [i, stage] of stages.entries()) {
    if (!stage.automatic || stage.hidden || !stage.entry) continue;
    const select = compileFilter(ctx.workspaceId, "account", stage.entry, fields, liveDay());
    for (const id of await selectedIds(ctx.db, select)) furthest.set(id, i);
  }
  const position = new Map(stages.map((s, i) => [s.key, i]));
  const accounts = await accountStages(ctx.db, ctx.workspaceId, [...furthest.keys()]);
  return accounts.flatMap((a) => {
    const to = furthest.get(a.id) as number;
    const at = position.get(a.stage);
    if (a.stage === "churned" || at === undefined || at >= to) return [];
    return [{ account: { id: a.id, name: a.name }, from: a.stage, to: (stages[to] as StageDefinition).key }];
  });
}

const result = (applied: boolean, moves: Awaited<ReturnType<typeof plan>>): TransitionsResult => ({
  applied,
  moved: moves.length,
  transitions: moves.slice(0, LISTED),
});

/** The accounts the saved stages, or a draft of them (checked as a save checks it), would move now. */
export async function previewTransitions(ctx: Ctx, draft?: StageDefinition[]): Promise<TransitionsResult> {
  if (draft) throwIssues(await stageIssues(ctx, draft));
  return result(false, await plan(ctx, draft ?? (await workspaceStages(ctx))));
}

/** Moves them, through the accounts' write path as a rule: each move is in the stage history. */
export async function applyTransitions(ctx: Ctx): Promise<TransitionsResult> {
  const stages = await workspaceStages(ctx);
  if (!stages.some((s) => s.automatic)) {
    throw new AppError(
      "CONFLICT",
      "No stage moves accounts on its own: give one entry criteria and switch it on first",
    );
  }
  const moves = await plan(ctx, stages);
  if (moves.length > 0) {
    await upsertAccounts(
      ctx,
      moves.map((m) => ({ id: m.account.id, externalId: null, input: { lifecycleStage: m.to } })),
      "rule",
    );
  }
  return result(true, moves);
}

/** Nightly: every workspace with an automatic stage (a job; system path). */
export async function applyTransitionsEverywhere(db: Db): Promise<number> {
  let moved = 0;
  for (const workspaceId of await workspacesWithAutomaticStages(db)) {
    moved += await withTx(db, async (tx) => {
      const ctx: Ctx = { db: tx, workspaceId, actor: { kind: "system", label: "lifecycle transitions" } };
      return (await applyTransitions(ctx)).moved;
    });
  }
  return moved;
}
