import { notFound } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { Plan, PlanItemCreate, PlanItemUpdate } from "../../contract/plans.ts";
import { type Db, withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { readPlan } from "./find-plans.ts";
import { checkOwners, invalid } from "./manage-plans.ts";
import {
  deleteItemRow,
  findItemRow,
  findPlanRow,
  type ItemRow,
  insertItem,
  itemsOfPlans,
  outcomeAccounts,
  type PlanRow,
  replaceItemOutcomes,
  touchPlan,
  updateItemRow,
  writePositions,
} from "./plan.queries.ts";
import { reorder } from "./plan.rules.ts";

async function planFor(db: Db, workspaceId: string, planId: string): Promise<PlanRow> {
  const plan = await findPlanRow(db, workspaceId, planId);
  if (!plan) throw notFound("Success plan");
  return plan;
}

/** An item may serve only outcomes of the plan's account's key players. */
async function checkOutcomes(ctx: Ctx, plan: PlanRow, outcomeIds: string[] | undefined) {
  if (!outcomeIds || outcomeIds.length === 0) return;
  const found = await outcomeAccounts(ctx.db, ctx.workspaceId, [...new Set(outcomeIds)]);
  const ok = new Set(found.filter((o) => o.accountId === plan.accountId).map((o) => o.id));
  const bad = outcomeIds.findIndex((id) => !ok.has(id));
  if (bad >= 0) throw invalid(`outcomeIds.${bad}`, "is not an outcome of this account's key players");
}

const siblingsOf = (all: ItemRow[], item: Pick<ItemRow, "kind" | "parentId">) =>
  all
    .filter((i) => i.kind === item.kind && i.parentId === item.parentId)
    .sort((a, b) => a.position - b.position);

async function changed(ctx: Ctx, plan: PlanRow) {
  await touchPlan(ctx.db, ctx.workspaceId, plan.id);
  await recordEvents(ctx, [
    { type: "plan.changed", data: { accountId: plan.accountId, planId: plan.id, fields: ["items"] } },
  ]);
}

export async function createPlanItem(ctx: Ctx, planId: string, input: PlanItemCreate): Promise<Plan> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const plan = await planFor(db, ctx.workspaceId, planId);
    const all = await itemsOfPlans(db, ctx.workspaceId, [planId]);
    const parentId = input.parentId ?? null;
    if (input.kind === "milestone") {
      if (!parentId) throw invalid("parentId", "is required: a milestone belongs to an objective");
      if (!all.some((i) => i.id === parentId && i.kind === "objective")) {
        throw invalid("parentId", "is not an objective of this plan");
      }
    } else if (parentId) {
      throw invalid("parentId", "must be left out: objectives are the plan's top level");
    }
    await checkOwners(tx, plan.accountId, input);
    await checkOutcomes(tx, plan, input.outcomeIds);
    const id = newId();
    const status = input.status ?? "not_started";
    await insertItem(db, [
      {
        workspaceId: ctx.workspaceId,
        id,
        planId,
        kind: input.kind,
        parentId,
        title: input.title,
        description: input.description ?? null,
        internalNotes: input.internalNotes ?? null,
        status,
        dueDate: input.dueDate ?? null,
        ownerId: input.ownerId ?? null,
        customerOwnerId: input.customerOwnerId ?? null,
        shared: input.shared ?? false,
        position: siblingsOf(all, { kind: input.kind, parentId }).length,
        completedAt: status === "done" ? new Date() : null,
      },
    ]);
    if (input.outcomeIds?.length)
      await replaceItemOutcomes(db, ctx.workspaceId, id, [...new Set(input.outcomeIds)]);
    await changed(tx, plan);
    return readPlan(tx, planId);
  });
}

const ITEM_FIELDS = [
  "title",
  "description",
  "internalNotes",
  "status",
  "dueDate",
  "ownerId",
  "customerOwnerId",
  "shared",
] as const;

export async function updatePlanItem(
  ctx: Ctx,
  planId: string,
  itemId: string,
  patch: PlanItemUpdate,
): Promise<Plan> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const plan = await planFor(db, ctx.workspaceId, planId);
    const item = await findItemRow(db, ctx.workspaceId, planId, itemId);
    if (!item) throw notFound("Plan item");
    const fields = ITEM_FIELDS.filter((f) => patch[f] !== undefined && patch[f] !== item[f]);
    await checkOwners(tx, plan.accountId, {
      ownerId: fields.includes("ownerId") ? patch.ownerId : null,
      customerOwnerId: fields.includes("customerOwnerId") ? patch.customerOwnerId : null,
    });
    await checkOutcomes(tx, plan, patch.outcomeIds);
    if (fields.length > 0) {
      const done = fields.includes("status")
        ? { completedAt: patch.status === "done" ? new Date() : null }
        : {};
      await updateItemRow(db, ctx.workspaceId, itemId, {
        ...Object.fromEntries(fields.map((f) => [f, patch[f]])),
        ...done,
      });
    }
    if (patch.outcomeIds !== undefined) {
      await replaceItemOutcomes(db, ctx.workspaceId, itemId, [...new Set(patch.outcomeIds)]);
    }
    if (patch.position !== undefined && patch.position !== item.position) {
      const siblings = siblingsOf(await itemsOfPlans(db, ctx.workspaceId, [planId]), item).map((i) => i.id);
      await writePositions(db, ctx.workspaceId, reorder(siblings, itemId, patch.position));
    }
    if (fields.length > 0 || patch.outcomeIds !== undefined || patch.position !== undefined)
      await changed(tx, plan);
    return readPlan(tx, planId);
  });
}

export async function deletePlanItem(ctx: Ctx, planId: string, itemId: string): Promise<Plan> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const plan = await planFor(db, ctx.workspaceId, planId);
    const item = await findItemRow(db, ctx.workspaceId, planId, itemId);
    if (!item) throw notFound("Plan item");
    await deleteItemRow(db, ctx.workspaceId, itemId);
    const rest = siblingsOf(await itemsOfPlans(db, ctx.workspaceId, [planId]), item).map((i) => i.id);
    await writePositions(db, ctx.workspaceId, rest);
    await changed(tx, plan);
    return readPlan(tx, planId);
  });
}
