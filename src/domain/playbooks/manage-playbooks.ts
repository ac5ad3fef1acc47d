import { AppError, notFound } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import {
  type Playbook,
  type PlaybookCreate,
  type PlaybookStep,
  type PlaybookUpdate,
  ZPlaybookStep,
} from "../../contract/playbooks.ts";
import type { TaskType } from "../../contract/tasks.ts";
import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import {
  deletePlaybookRow,
  findPlaybookByName,
  findPlaybookRow,
  insertPlaybooks,
  listPlaybookRows,
  type PlaybookRow,
  playbookKeys,
  rulesStarting,
  updatePlaybookRow,
} from "./playbook.queries.ts";
import { DEFAULT_PLAYBOOKS } from "./playbook.rules.ts";

export const toPlaybook = (r: PlaybookRow): Playbook => ({
  id: r.id,
  key: r.key as Playbook["key"],
  name: r.name,
  description: r.description,
  type: r.type as TaskType,
  steps: r.steps as PlaybookStep[],
  archived: r.archivedAt !== null,
  runs: { active: r.active, completed: r.completed, heldOut: r.heldOut },
  createdAt: new Date(r.createdAt).toISOString(),
  updatedAt: new Date(r.updatedAt).toISOString(),
});

const nameTaken = () =>
  new AppError("CONFLICT", "Another playbook already has this name", {
    issues: [{ path: "name", message: "is already the name of another playbook" }],
  });

export async function listPlaybooks(ctx: Ctx, archived: "true" | "false" | "all" = "false") {
  return { data: (await listPlaybookRows(ctx.db, ctx.workspaceId, archived)).map(toPlaybook) };
}

export async function playbookRow(ctx: Ctx, id: string): Promise<PlaybookRow> {
  const row = await findPlaybookRow(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound("Playbook");
  return row;
}

/** A playbook by id, or null when the workspace has none by that id (for checking references). */
export async function findPlaybook(ctx: Ctx, id: string): Promise<Playbook | null> {
  const row = await findPlaybookRow(ctx.db, ctx.workspaceId, id);
  return row ? toPlaybook(row) : null;
}

export const getPlaybook = async (ctx: Ctx, id: string): Promise<Playbook> =>
  toPlaybook(await playbookRow(ctx, id));

/**
 * Adds the defaults the workspace does not have (by key): a new workspace gets all six, and a
 * workspace that deleted one can have it back. A default whose name another playbook took now is
 * skipped rather than renamed.
 */
export async function addDefaultPlaybooks(ctx: Ctx): Promise<Playbook[]> {
  return withTx(ctx.db, async (db) => {
    const have = await playbookKeys(db, ctx.workspaceId);
    const rows = [];
    for (const d of DEFAULT_PLAYBOOKS) {
      if (have.has(d.key) || (await findPlaybookByName(db, ctx.workspaceId, d.name))) continue;
      rows.push({
        workspaceId: ctx.workspaceId,
        id: newId(),
        key: d.key,
        name: d.name,
        description: d.description,
        type: d.type,
        steps: d.steps.map((s) => ZPlaybookStep.parse(s)),
      });
    }
    await insertPlaybooks(db, rows);
    const added = [];
    for (const r of rows) added.push(toPlaybook(await playbookRow({ ...ctx, db }, r.id)));
    return added;
  });
}

export async function createPlaybook(ctx: Ctx, input: PlaybookCreate): Promise<Playbook> {
  return withTx(ctx.db, async (db) => {
    if (await findPlaybookByName(db, ctx.workspaceId, input.name)) throw nameTaken();
    const id = newId();
    await insertPlaybooks(db, [
      {
        workspaceId: ctx.workspaceId,
        id,
        name: input.name,
        description: input.description,
        type: input.type,
        steps: input.steps,
      },
    ]);
    return toPlaybook(await playbookRow({ ...ctx, db }, id));
  });
}

/** Runs already started keep the tasks they were given; the new steps apply from the next start. */
export async function updatePlaybook(ctx: Ctx, id: string, patch: PlaybookUpdate): Promise<Playbook> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    await playbookRow(tx, id);
    if (patch.name !== undefined) {
      const other = await findPlaybookByName(db, ctx.workspaceId, patch.name);
      if (other && other.id !== id) throw nameTaken();
    }
    const { archived, ...fields } = patch;
    const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    if (archived !== undefined) Object.assign(set, { archivedAt: archived ? new Date() : null });
    await updatePlaybookRow(db, ctx.workspaceId, id, set);
    return toPlaybook(await playbookRow(tx, id));
  });
}

/**
 * A playbook that has run keeps its history and report, so it is archived, not deleted; one a rule
 * starts cannot go while the rule needs it.
 */
export async function deletePlaybook(ctx: Ctx, id: string): Promise<void> {
  const row = await playbookRow(ctx, id);
  const rules = await rulesStarting(ctx.db, ctx.workspaceId, id);
  if (rules.length > 0) {
    throw new AppError(
      "CONFLICT",
      `The rule${rules.length > 1 ? "s" : ""} ${rules.map((r) => `"${r.name}"`).join(", ")} start${rules.length > 1 ? "" : "s"} this playbook: change ${rules.length > 1 ? "them" : "it"} first`,
      { rules },
    );
  }
  if (row.total > 0) {
    throw new AppError(
      "CONFLICT",
      "This playbook has runs, kept with its report: archive it instead of deleting it",
    );
  }
  await deletePlaybookRow(ctx.db, ctx.workspaceId, id);
}
