import { addDays } from "../../common/dates.ts";
import type {
  PlanItem,
  PlanItemStatus,
  PlanLink,
  PlanOutcome,
  PlanStatus,
  PlanSummary,
  PlanTemplate,
} from "../../contract/plans.ts";
import type { ItemRow, LinkRow, PlanRow, TemplateRow } from "./plan.queries.ts";

/** Names of the people on either side, by id. */
export type Names = { users: Map<string, string>; contacts: Map<string, string> };

const person = (id: string | null, names: Map<string, string>) =>
  id ? { id, name: names.get(id) ?? "Former member" } : null;

export const isOverdue = (item: { status: string; dueDate: string | null }, today: string): boolean =>
  item.status !== "done" && item.dueDate !== null && item.dueDate < today;

/**
 * An objective with milestones is as far along as the share of them done; one without, or a
 * milestone, is 1 when done and 0 until then (in progress is not a fraction we can measure).
 */
export function itemProgress(
  item: Pick<ItemRow, "id" | "kind" | "status">,
  all: Pick<ItemRow, "parentId" | "status">[],
) {
  if (item.kind === "objective") {
    const milestones = all.filter((m) => m.parentId === item.id);
    if (milestones.length > 0)
      return milestones.filter((m) => m.status === "done").length / milestones.length;
  }
  return item.status === "done" ? 1 : 0;
}

/** A plan's progress: the mean of its objectives' progress; 0 without objectives. */
export function planProgress(items: Pick<ItemRow, "id" | "kind" | "status" | "parentId">[]): number {
  const objectives = items.filter((i) => i.kind === "objective");
  if (objectives.length === 0) return 0;
  return objectives.reduce((sum, o) => sum + itemProgress(o, items), 0) / objectives.length;
}

/** Objectives in order, each followed by its milestones in order. */
export function inPlanOrder<T extends Pick<ItemRow, "id" | "kind" | "parentId" | "position">>(
  items: T[],
): T[] {
  const byPosition = (a: T, b: T) => a.position - b.position;
  return items
    .filter((i) => i.kind === "objective")
    .sort(byPosition)
    .flatMap((o) => [o, ...items.filter((m) => m.parentId === o.id).sort(byPosition)]);
}

export const linkState = (link: Pick<LinkRow, "expiresAt" | "revokedAt">, now: Date): PlanLink["state"] =>
  link.revokedAt ? "revoked" : link.expiresAt && link.expiresAt <= now ? "expired" : "active";

export const toPlanLink = (link: LinkRow, names: Names, now: Date): PlanLink => ({
  id: link.id,
  contact: person(link.contactId, names.contacts),
  createdBy: person(link.createdBy, names.users),
  createdAt: link.createdAt.toISOString(),
  expiresAt: link.expiresAt?.toISOString() ?? null,
  revokedAt: link.revokedAt?.toISOString() ?? null,
  state: linkState(link, now),
});

export function toPlanItem(
  item: ItemRow,
  all: ItemRow[],
  outcomes: PlanOutcome[],
  names: Names,
  today: string,
): PlanItem {
  return {
    id: item.id,
    kind: item.kind as PlanItem["kind"],
    parentId: item.parentId,
    title: item.title,
    description: item.description,
    internalNotes: item.internalNotes,
    status: item.status as PlanItemStatus,
    dueDate: item.dueDate,
    owner: person(item.ownerId, names.users),
    customerOwner: person(item.customerOwnerId, names.contacts),
    shared: item.shared,
    position: item.position,
    progress: itemProgress(item, all),
    overdue: isOverdue(item, today),
    completedAt: item.completedAt?.toISOString() ?? null,
    outcomes,
  };
}

export function toPlanSummary(
  plan: PlanRow,
  items: ItemRow[],
  shared: boolean,
  names: Names,
  today: string,
): PlanSummary {
  return {
    id: plan.id,
    accountId: plan.accountId,
    accountName: plan.accountName,
    title: plan.title,
    summary: plan.summary,
    status: plan.status as PlanStatus,
    owner: person(plan.ownerId, names.users),
    customerOwner: person(plan.customerOwnerId, names.contacts),
    startDate: plan.startDate,
    dueDate: plan.dueDate,
    progress: planProgress(items),
    objectives: items.filter((i) => i.kind === "objective").length,
    milestones: items.filter((i) => i.kind === "milestone").length,
    overdue: items.filter((i) => isOverdue(i, today)).length,
    shared,
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
  };
}

export const toPlanTemplate = (t: TemplateRow): PlanTemplate => ({
  id: t.id,
  name: t.name,
  description: t.description,
  objectives: t.objectives,
  createdAt: t.createdAt.toISOString(),
});

/**
 * A template's objectives and milestones as items of a new plan, due dates counted from its start;
 * template items are shared with the customer unless made internal afterwards.
 */
export function itemsFromTemplate(
  template: Pick<TemplateRow, "objectives">,
  start: string,
  newId: () => string,
): Omit<ItemRow, "workspaceId" | "planId" | "createdAt" | "updatedAt">[] {
  const due = (days: number | undefined) => (days === undefined ? null : addDays(start, days));
  return template.objectives.flatMap((o, i) => {
    const objectiveId = newId();
    const base = {
      internalNotes: null,
      status: "not_started",
      ownerId: null,
      customerOwnerId: null,
      shared: true,
    };
    return [
      {
        ...base,
        id: objectiveId,
        kind: "objective",
        parentId: null,
        title: o.title,
        description: o.description ?? null,
        dueDate: due(o.dueInDays),
        position: i,
        completedAt: null,
      },
      ...o.milestones.map((m, j) => ({
        ...base,
        id: newId(),
        kind: "milestone",
        parentId: objectiveId,
        title: m.title,
        description: null,
        dueDate: due(m.dueInDays),
        position: j,
        completedAt: null,
      })),
    ];
  });
}

/** Moves `id` to `position` among its siblings and answers the new order. */
export function reorder(siblingIds: string[], id: string, position: number): string[] {
  const rest = siblingIds.filter((s) => s !== id);
  const at = Math.min(Math.max(position, 0), rest.length);
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}

/** What the customer's page shows of an outcome: never another person's personal win. */
export type SharedOutcome = PlanOutcome & { canConfirm: boolean };

/**
 * The customer's view of a plan through a link: only shared objectives and the shared milestones
 * under them, without internal notes; outcomes of those items, except personal wins of anyone but
 * the link's own key player; only the link's key player may confirm, and only their own outcomes.
 */
export function sharedView(plan: { items: PlanItem[] }, linkContactId: string | null) {
  const objectives = plan.items.filter((i) => i.kind === "objective" && i.shared);
  const visible = (o: PlanOutcome) => o.kind === "business_outcome" || o.contactId === linkContactId;
  const show = (item: PlanItem) => ({
    id: item.id,
    title: item.title,
    description: item.description,
    status: item.status,
    dueDate: item.dueDate,
    overdue: item.overdue,
    owner: item.owner?.name ?? null,
    customerOwner: item.customerOwner?.name ?? null,
    outcomes: item.outcomes
      .filter(visible)
      .map(
        (o): SharedOutcome => ({ ...o, canConfirm: linkContactId !== null && o.contactId === linkContactId }),
      ),
  });
  const shown = objectives.map((o) => {
    const milestones = plan.items.filter((m) => m.parentId === o.id && m.shared);
    const progress =
      milestones.length > 0
        ? milestones.filter((m) => m.status === "done").length / milestones.length
        : o.progress;
    return { ...show(o), progress, milestones: milestones.map(show) };
  });
  const progress = shown.length === 0 ? 0 : shown.reduce((s, o) => s + o.progress, 0) / shown.length;
  return { objectives: shown, progress };
}
export type SharedPlanView = ReturnType<typeof sharedView>;

/** A new workspace's starting plan templates (provisioning); admins change them in Settings. */
export const DEFAULT_PLAN_TEMPLATES: Omit<PlanTemplate, "id" | "createdAt">[] = [
  {
    name: "Onboarding to first value",
    description: "From kickoff to the first outcome the customer can point to, in the first 90 days.",
    objectives: [
      {
        title: "Agree what success looks like",
        description: "Each key player's business outcome and how we will measure it.",
        dueInDays: 14,
        milestones: [
          { title: "Kickoff with the economic buyer and champion", dueInDays: 7 },
          { title: "Outcomes and baselines written down and agreed", dueInDays: 14 },
        ],
      },
      {
        title: "Go live",
        dueInDays: 45,
        milestones: [
          { title: "Data connected and users invited", dueInDays: 30 },
          { title: "Core team trained", dueInDays: 40 },
          { title: "First workflow running in production", dueInDays: 45 },
        ],
      },
      {
        title: "First value confirmed",
        description: "The first outcome reached, confirmed by the key player who wanted it.",
        dueInDays: 90,
        milestones: [
          { title: "First progress review against the baseline", dueInDays: 60 },
          { title: "Executive review of results", dueInDays: 90 },
        ],
      },
    ],
  },
  {
    name: "Renewal readiness",
    description: "The evidence the customer needs to renew, gathered well before the date.",
    objectives: [
      {
        title: "Outcomes reviewed with every decision maker",
        dueInDays: 30,
        milestones: [
          { title: "Success review with the economic buyer", dueInDays: 21 },
          { title: "Results summary shared", dueInDays: 30 },
        ],
      },
      {
        title: "Next year's outcomes agreed",
        dueInDays: 60,
        milestones: [{ title: "New targets written down with the champion", dueInDays: 60 }],
      },
    ],
  },
  {
    name: "Expansion",
    description: "A second team or use case reaching the value the first one did.",
    objectives: [
      {
        title: "New use case scoped",
        dueInDays: 30,
        milestones: [
          { title: "Sponsor in the new team named", dueInDays: 14 },
          { title: "Outcome and measure agreed", dueInDays: 30 },
        ],
      },
      {
        title: "New team live",
        dueInDays: 75,
        milestones: [
          { title: "Team trained", dueInDays: 60 },
          { title: "First results reviewed", dueInDays: 75 },
        ],
      },
    ],
  },
];
