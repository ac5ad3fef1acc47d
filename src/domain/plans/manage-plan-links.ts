import { DAY_MS } from "../../common/dates.ts";
import { notFound } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import { PLAN_LINK_DEFAULT_DAYS, type PlanLink, type PlanLinkCreate } from "../../contract/plans.ts";
import { withTx } from "../../db/transaction.ts";
import { recordAudit } from "../audit/index.ts";
import { actorPerson, type Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { newToken, sha256 } from "../kernel/crypto.ts";
import { recordTimeline } from "../timeline/index.ts";
import { readPlan } from "./find-plans.ts";
import { invalid } from "./manage-plans.ts";
import {
  contactNames,
  contactsOfAccount,
  findPlanRow,
  insertLink,
  revokeLinkRow,
  touchPlan,
} from "./plan.queries.ts";

/** Where a link's page lives: built from the configured public address only, never a request's Host. */
export const planLinkUrl = (publicUrl: string, token: string) => `${publicUrl}/p/${token}`;

/**
 * Makes a share link for a plan: view only, or for one of the account's contacts, who may then
 * confirm their own outcomes through it. The token is answered once; only its hash is kept.
 */
export async function createPlanLink(
  ctx: Ctx,
  planId: string,
  input: PlanLinkCreate,
  publicUrl: string,
): Promise<{ link: PlanLink; url: string }> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const plan = await findPlanRow(db, ctx.workspaceId, planId);
    if (!plan) throw notFound("Success plan");
    const contactId = input.contactId ?? null;
    if (
      contactId &&
      (await contactsOfAccount(db, ctx.workspaceId, plan.accountId, [contactId])).length === 0
    ) {
      throw invalid("contactId", "is not a contact of this account");
    }
    const days = input.expiresInDays === undefined ? PLAN_LINK_DEFAULT_DAYS : input.expiresInDays;
    const now = new Date();
    const token = newToken();
    const id = newId();
    await insertLink(db, {
      workspaceId: ctx.workspaceId,
      id,
      planId,
      contactId,
      tokenHash: sha256(token),
      createdBy: actorPerson(ctx.actor),
      createdAt: now,
      expiresAt: days === null ? null : new Date(now.getTime() + days * DAY_MS),
    });
    await touchPlan(db, ctx.workspaceId, planId);
    const who = contactId ? (await contactNames(db, ctx.workspaceId, [contactId])).get(contactId) : null;
    await recordTimeline(tx, [
      {
        accountId: plan.accountId,
        kind: "plan",
        title: `Success plan shared${who ? ` with ${who}` : ""}: ${plan.title}`,
        contactId,
      },
    ]);
    await recordAudit(tx, {
      action: "plan_link.create",
      targetType: "success_plan",
      targetId: planId,
      details: { linkId: id, contactId, expiresInDays: days },
    });
    await recordEvents(tx, [
      { type: "plan.changed", data: { accountId: plan.accountId, planId, fields: ["links"] } },
    ]);
    const link = (await readPlan(tx, planId)).links.find((l) => l.id === id) as PlanLink;
    return { link, url: planLinkUrl(publicUrl, token) };
  });
}

export async function revokePlanLink(ctx: Ctx, planId: string, linkId: string): Promise<void> {
  await withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const plan = await findPlanRow(db, ctx.workspaceId, planId);
    if (!plan || !(await revokeLinkRow(db, ctx.workspaceId, planId, linkId, new Date()))) {
      throw notFound("Share link");
    }
    await touchPlan(db, ctx.workspaceId, planId);
    await recordAudit(tx, {
      action: "plan_link.revoke",
      targetType: "success_plan",
      targetId: planId,
      details: { linkId },
    });
    await recordEvents(tx, [
      { type: "plan.changed", data: { accountId: plan.accountId, planId, fields: ["links"] } },
    ]);
  });
}
