import { utcToday } from "../../common/dates.ts";
import { notFound } from "../../common/errors.ts";
import type { Plan, PlanOutcome, PlanSummary } from "../../contract/plans.ts";
import type { Db } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import {
  contactNames,
  findPlanRow,
  hasActiveLink,
  type ItemRow,
  itemsOfPlans,
  latestConfirmations,
  linksOfPlans,
  listPlanRows,
  outcomesOfItems,
  type PlanRow,
  userNames,
} from "./plan.queries.ts";
import { inPlanOrder, type Names, toPlanItem, toPlanLink, toPlanSummary } from "./plan.rules.ts";

async function namesOf(db: Db, workspaceId: string, users: (string | null)[], contacts: (string | null)[]) {
  const ids = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => x !== null))];
  return {
    users: await userNames(db, ids(users)),
    contacts: await contactNames(db, workspaceId, ids(contacts)),
  } satisfies Names;
}

/** Plans with their progress: items of all of them in one read. */
export async function listPlans(
  ctx: Ctx,
  query: { accountId?: string | undefined; status?: string[] | undefined },
): Promise<{ data: PlanSummary[] }> {
  const rows = await listPlanRows(ctx.db, ctx.workspaceId, {
    accountId: query.accountId,
    statuses: query.status,
  });
  const ids = rows.map((p) => p.id);
  const items = await itemsOfPlans(ctx.db, ctx.workspaceId, ids);
  const now = new Date();
  const shared = await hasActiveLink(ctx.db, ctx.workspaceId, ids, now);
  const names = await namesOf(
    ctx.db,
    ctx.workspaceId,
    rows.map((p) => p.ownerId),
    rows.map((p) => p.customerOwnerId),
  );
  const today = utcToday(now);
  return {
    data: rows.map((p) =>
      toPlanSummary(
        p,
        items.filter((i) => i.planId === p.id),
        shared.has(p.id),
        names,
        today,
      ),
    ),
  };
}

/** A plan as the API shows it, from its row. */
export async function planOf(db: Db, workspaceId: string, plan: PlanRow, now = new Date()): Promise<Plan> {
  const items: ItemRow[] = inPlanOrder(await itemsOfPlans(db, workspaceId, [plan.id]));
  const served = await outcomesOfItems(
    db,
    workspaceId,
    items.map((i) => i.id),
  );
  const confirmations = await latestConfirmations(db, workspaceId, [...new Set(served.map((o) => o.id))]);
  const links = await linksOfPlans(db, workspaceId, [plan.id]);
  const names = await namesOf(
    db,
    workspaceId,
    [plan.ownerId, ...items.map((i) => i.ownerId), ...links.map((l) => l.createdBy)],
    [plan.customerOwnerId, ...items.map((i) => i.customerOwnerId), ...links.map((l) => l.contactId)],
  );
  const today = utcToday(now);
  const outcomesOf = (itemId: string): PlanOutcome[] =>
    served
      .filter((o) => o.itemId === itemId)
      .map((o) => {
        const c = confirmations.find((x) => x.outcomeId === o.id);
        return {
          id: o.id,
          contactId: o.contactId,
          contactName: o.contactName,
          kind: o.kind as PlanOutcome["kind"],
          title: o.title,
          status: o.status as PlanOutcome["status"],
          dueDate: o.dueDate,
          customerConfirmation:
            c && (c.verdict === "achieved" || c.verdict === "not_yet")
              ? { verdict: c.verdict, comment: c.note, at: c.createdAt.toISOString() }
              : null,
        };
      });
  const activeLinks = links.map((l) => toPlanLink(l, names, now));
  return {
    ...toPlanSummary(
      plan,
      items,
      activeLinks.some((l) => l.state === "active"),
      names,
      today,
    ),
    items: items.map((i) => toPlanItem(i, items, outcomesOf(i.id), names, today)),
    links: activeLinks,
  };
}

export async function readPlan(ctx: Ctx, id: string): Promise<Plan> {
  const row = await findPlanRow(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound("Success plan");
  return planOf(ctx.db, ctx.workspaceId, row);
}
