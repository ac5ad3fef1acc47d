import { addDays, DAY_MS } from "../../common/dates.ts";
import { newId } from "../../common/ids.ts";
import { newToken, sha256 } from "../kernel/crypto.ts";
import type {
  OutcomeEvidenceInsert,
  OutcomeInsert,
  PlanInsert,
  PlanItemInsert,
  PlanItemOutcomeInsert,
  PlanLinkInsert,
  TimelineInsert,
} from "./factories.ts";
import type { SuccessPlanPlan } from "./plan-success-plans.ts";

/**
 * Turns an account's planned success plan into rows as the plans module writes them, and shares
 * one plan of the book with its customer owner, who has confirmed an outcome through the link.
 */

export type PlanRows = {
  plans: PlanInsert[];
  planItems: PlanItemInsert[];
  planItemOutcomes: PlanItemOutcomeInsert[];
  planLinks: PlanLinkInsert[];
};

type Entry = (kind: string, title: string, when: Date, extra?: Partial<TimelineInsert>) => void;
type At = (offset: number, hour?: number, minute?: number) => Date;

export function addSuccessPlan(
  rows: PlanRows,
  keys: { workspaceId: string; accountId: string },
  plan: SuccessPlanPlan,
  ctx: {
    today: string;
    outcomeIds: string[];
    contactIds: string[];
    ownerId: string | null;
    at: At;
    entry: Entry;
  },
): void {
  const { workspaceId } = keys;
  const id = newId();
  const day = (offset: number) => addDays(ctx.today, offset);
  const contact = (i: number | null) => (i === null ? null : (ctx.contactIds[i] ?? null));
  const created = ctx.at(plan.startOffset, 10, 0);
  rows.plans.push({
    ...keys,
    id,
    title: plan.title,
    summary: plan.summary,
    status: plan.status,
    ownerId: ctx.ownerId,
    customerOwnerId: contact(plan.customerOwnerIndex),
    startDate: day(plan.startOffset),
    dueDate: day(plan.dueOffset),
    createdAt: created,
    updatedAt: ctx.at(Math.min(-1, plan.startOffset + 30)),
  });
  ctx.entry("plan", `Success plan started: ${plan.title}`, created);
  const item = (fields: Omit<PlanItemInsert, "workspaceId" | "planId" | "createdAt" | "updatedAt">) =>
    rows.planItems.push({ workspaceId, planId: id, createdAt: created, updatedAt: created, ...fields });
  plan.objectives.forEach((o, position) => {
    const objectiveId = newId();
    const completedAt = (status: string, offset: number) =>
      status === "done" ? ctx.at(Math.min(-1, offset)) : null;
    item({
      id: objectiveId,
      kind: "objective",
      parentId: null,
      title: o.title,
      description: o.description || null,
      internalNotes: o.internalNotes,
      status: o.status,
      dueDate: day(o.dueOffset),
      ownerId: ctx.ownerId,
      customerOwnerId: contact(o.customerOwnerIndex),
      shared: o.shared,
      position,
      completedAt: completedAt(o.status, o.dueOffset),
    });
    for (const i of o.outcomes) {
      rows.planItemOutcomes.push({
        workspaceId,
        itemId: objectiveId,
        outcomeId: ctx.outcomeIds[i] as string,
      });
    }
    for (const [j, m] of o.milestones.entries()) {
      item({
        id: newId(),
        kind: "milestone",
        parentId: objectiveId,
        title: m.title,
        description: null,
        internalNotes: null,
        status: m.status,
        dueDate: day(m.dueOffset),
        ownerId: ctx.ownerId,
        customerOwnerId: contact(o.customerOwnerIndex),
        shared: m.shared,
        position: j,
        completedAt: completedAt(m.status, m.dueOffset),
      });
    }
  });
}

/**
 * Shares one plan with its customer owner: the active plan with the most shared objectives whose
 * owner has an achieved outcome on it, shared ten days ago; the owner confirmed that outcome
 * through the link. The link's address is not kept (only its hash), as for any link.
 */
export function shareOnePlan(
  rows: PlanRows & {
    outcomes: OutcomeInsert[];
    outcomeEvidence: OutcomeEvidenceInsert[];
    timeline: TimelineInsert[];
  },
  ctx: { now: Date; names: Map<string, string> },
): void {
  const outcomeOf = new Map(rows.outcomes.map((o) => [o.id as string, o]));
  const candidates = rows.plans
    .filter((p) => p.status === "active" && p.customerOwnerId)
    .map((p) => {
      const items = rows.planItems.filter((i) => i.planId === p.id && i.kind === "objective" && i.shared);
      const confirmable = rows.planItemOutcomes
        .filter((l) => items.some((i) => i.id === l.itemId))
        .map((l) => outcomeOf.get(l.outcomeId))
        .find((o) => o?.contactId === p.customerOwnerId && o?.status === "achieved");
      return { p, shared: items.length, confirmable };
    })
    .filter((c) => c.confirmable)
    .sort((a, b) => b.shared - a.shared);
  const chosen = candidates[0];
  if (!chosen?.confirmable) return;
  const { p, confirmable } = chosen;
  const sharedAt = new Date(ctx.now.getTime() - 10 * DAY_MS);
  const contactId = p.customerOwnerId as string;
  const who = ctx.names.get(contactId) ?? "the customer";
  rows.planLinks.push({
    workspaceId: p.workspaceId,
    id: newId(),
    planId: p.id as string,
    contactId,
    tokenHash: sha256(newToken()),
    createdBy: p.ownerId ?? null,
    createdAt: sharedAt,
    expiresAt: new Date(sharedAt.getTime() + 90 * DAY_MS),
  });
  const confirmedAt = new Date(ctx.now.getTime() - 6 * DAY_MS);
  rows.outcomeEvidence.push({
    workspaceId: p.workspaceId,
    id: newId(),
    outcomeId: confirmable.id as string,
    note: "Confirmed — we showed these numbers to our board last week.",
    url: null,
    authorId: null,
    source: "customer_confirmed",
    contactId,
    verdict: "achieved",
    createdAt: confirmedAt,
  });
  const entry = (title: string, when: Date, body: string | null = null) =>
    rows.timeline.push({
      workspaceId: p.workspaceId,
      id: newId(),
      accountId: p.accountId,
      kind: title.startsWith("Success plan") ? "plan" : "outcome",
      title,
      body,
      contactId,
      authorId: title.startsWith("Success plan") ? (p.ownerId ?? null) : null,
      occurredAt: when,
      createdAt: when,
      updatedAt: when,
    });
  entry(`Success plan shared with ${who}: ${p.title}`, sharedAt);
  entry(
    `Outcome confirmed achieved by ${who}: ${confirmable.title}`,
    confirmedAt,
    "Confirmed — we showed these numbers to our board last week.",
  );
}
