import { utcToday } from "../../common/dates.ts";
import { AppError, notFound } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { Plan, PlanCreate, PlanUpdate } from "../../contract/plans.ts";
import { withTx } from "../../db/transaction.ts";
import { findAccount } from "../accounts/index.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { findMember } from "../members/index.ts";
import { recordTimeline } from "../timeline/index.ts";
import { readPlan } from "./find-plans.ts";
import {
  contactsOfAccount,
  deletePlanRow,
  findPlanRow,
  findTemplateRow,
  insertItem,
  insertPlan,
  updatePlanRow,
} from "./plan.queries.ts";
import { itemsFromTemplate } from "./plan.rules.ts";

export const invalid = (path: string, message: string) =>
  new AppError("VALIDATION_FAILED", `${path} ${message}`, { issues: [{ path, message }] });

/** Our owner must be a member; the customer's owner one of the account's contacts. */
export async function checkOwners(
  ctx: Ctx,
  accountId: string,
  owners: { ownerId?: string | null | undefined; customerOwnerId?: string | null | undefined },
) {
  if (owners.ownerId && !(await findMember(ctx.db, ctx.workspaceId, owners.ownerId))) {
    throw invalid("ownerId", "is not a member of this workspace");
  }
  const customer = owners.customerOwnerId;
  if (customer && (await contactsOfAccount(ctx.db, ctx.workspaceId, accountId, [customer])).length === 0) {
    throw invalid("customerOwnerId", "is not a contact of this account");
  }
}

export const checkDates = (start: string | null | undefined, due: string | null | undefined) => {
  if (start && due && due < start) throw invalid("dueDate", "must be on or after the start date");
};

export async function createPlan(ctx: Ctx, input: PlanCreate): Promise<Plan> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const account = await findAccount(db, ctx.workspaceId, input.accountId);
    if (!account) throw invalid("accountId", "is not an account here");
    await checkOwners(tx, account.id, input);
    checkDates(input.startDate, input.dueDate);
    const template = input.templateId ? await findTemplateRow(db, ctx.workspaceId, input.templateId) : null;
    if (input.templateId && !template) throw invalid("templateId", "is not a plan template here");
    const id = newId();
    const startDate = input.startDate ?? utcToday();
    await insertPlan(db, {
      workspaceId: ctx.workspaceId,
      id,
      accountId: account.id,
      title: input.title,
      summary: input.summary ?? null,
      status: input.status ?? "active",
      ownerId: input.ownerId ?? null,
      customerOwnerId: input.customerOwnerId ?? null,
      startDate,
      dueDate: input.dueDate ?? null,
    });
    if (template) {
      await insertItem(
        db,
        itemsFromTemplate(template, startDate, newId).map((i) => ({
          ...i,
          workspaceId: ctx.workspaceId,
          planId: id,
        })),
      );
    }
    await recordTimeline(tx, [
      { accountId: account.id, kind: "plan", title: `Success plan started: ${input.title}` },
    ]);
    await recordEvents(tx, [{ type: "plan.created", data: { accountId: account.id, planId: id } }]);
    return readPlan(tx, id);
  });
}

const PLAN_FIELDS = [
  "title",
  "summary",
  "status",
  "ownerId",
  "customerOwnerId",
  "startDate",
  "dueDate",
] as const;

export async function updatePlan(ctx: Ctx, id: string, patch: PlanUpdate): Promise<Plan> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const before = await findPlanRow(db, ctx.workspaceId, id);
    if (!before) throw notFound("Success plan");
    const fields = PLAN_FIELDS.filter((f) => patch[f] !== undefined && patch[f] !== before[f]);
    if (fields.length === 0) return readPlan(tx, id);
    await checkOwners(tx, before.accountId, {
      ownerId: fields.includes("ownerId") ? patch.ownerId : null,
      customerOwnerId: fields.includes("customerOwnerId") ? patch.customerOwnerId : null,
    });
    checkDates(
      patch.startDate !== undefined ? patch.startDate : before.startDate,
      patch.dueDate !== undefined ? patch.dueDate : before.dueDate,
    );
    await updatePlanRow(db, ctx.workspaceId, id, Object.fromEntries(fields.map((f) => [f, patch[f]])));
    if (fields.includes("status") && patch.status === "completed") {
      await recordTimeline(tx, [
        {
          accountId: before.accountId,
          kind: "plan",
          title: `Success plan completed: ${patch.title ?? before.title}`,
        },
      ]);
    }
    await recordEvents(tx, [
      { type: "plan.changed", data: { accountId: before.accountId, planId: id, fields: [...fields].sort() } },
    ]);
    return readPlan(tx, id);
  });
}

export async function deletePlan(ctx: Ctx, id: string): Promise<void> {
  await withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const plan = await findPlanRow(db, ctx.workspaceId, id);
    if (!plan) throw notFound("Success plan");
    await deletePlanRow(db, ctx.workspaceId, id);
    await recordAudit(tx, { action: "plan.delete", targetType: "success_plan", targetId: id });
    await recordEvents(tx, [{ type: "plan.deleted", data: { accountId: plan.accountId, planId: id } }]);
  });
}
