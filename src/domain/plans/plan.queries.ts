import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { schema } from "../../db/index.ts";

const {
  successPlans: plans,
  successPlanItems: items,
  successPlanItemOutcomes: itemOutcomes,
  successPlanLinks: links,
  successPlanTemplates: templates,
  accounts,
  contacts,
  users,
  outcomes,
  outcomeEvidence: evidence,
  workspaces,
} = schema;

const contactName = (c: typeof contacts) =>
  sql<string>`coalesce(nullif(trim(concat_ws(' ', ${c.firstName}, ${c.lastName})), ''), ${c.email}, '(unnamed)')`;

// Plans

export type PlanRow = typeof plans.$inferSelect & { accountName: string };

const planColumns = {
  workspaceId: plans.workspaceId,
  id: plans.id,
  accountId: plans.accountId,
  accountName: accounts.name,
  title: plans.title,
  summary: plans.summary,
  status: plans.status,
  ownerId: plans.ownerId,
  customerOwnerId: plans.customerOwnerId,
  startDate: plans.startDate,
  dueDate: plans.dueDate,
  createdAt: plans.createdAt,
  updatedAt: plans.updatedAt,
};

const planQuery = (db: Db) =>
  db
    .select(planColumns)
    .from(plans)
    .innerJoin(accounts, and(eq(accounts.workspaceId, plans.workspaceId), eq(accounts.id, plans.accountId)));

export const findPlanRow = async (db: Db, workspaceId: string, id: string): Promise<PlanRow | null> =>
  (await planQuery(db).where(and(eq(plans.workspaceId, workspaceId), eq(plans.id, id))))[0] ?? null;

export const listPlanRows = (
  db: Db,
  workspaceId: string,
  filter: { accountId?: string | undefined; statuses?: string[] | undefined },
): Promise<PlanRow[]> =>
  planQuery(db)
    .where(
      and(
        eq(plans.workspaceId, workspaceId),
        filter.accountId ? eq(plans.accountId, filter.accountId) : undefined,
        filter.statuses?.length ? inArray(plans.status, filter.statuses) : undefined,
      ),
    )
    .orderBy(
      // Active plans first, then by due date (undated last), newest first among equals.
      sql`case ${plans.status} when 'active' then 0 when 'draft' then 1 when 'completed' then 2 else 3 end`,
      sql`${plans.dueDate} asc nulls last`,
      desc(plans.createdAt),
    )
    .limit(500);

export const insertPlan = (db: Db, row: typeof plans.$inferInsert) => db.insert(plans).values(row);

export const updatePlanRow = (
  db: Db,
  workspaceId: string,
  id: string,
  patch: Partial<typeof plans.$inferInsert>,
) =>
  db
    .update(plans)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(plans.workspaceId, workspaceId), eq(plans.id, id)));

/** Marks the plan as changed (an item or a link changed). */
export const touchPlan = (db: Db, workspaceId: string, id: string) => updatePlanRow(db, workspaceId, id, {});

export const deletePlanRow = (db: Db, workspaceId: string, id: string) =>
  db.delete(plans).where(and(eq(plans.workspaceId, workspaceId), eq(plans.id, id)));

// Items

export type ItemRow = typeof items.$inferSelect;

export const itemsOfPlans = (db: Db, workspaceId: string, planIds: string[]): Promise<ItemRow[]> =>
  planIds.length === 0
    ? Promise.resolve([])
    : db
        .select()
        .from(items)
        .where(and(eq(items.workspaceId, workspaceId), inArray(items.planId, planIds)))
        .orderBy(asc(items.position), asc(items.createdAt));

export const findItemRow = async (
  db: Db,
  workspaceId: string,
  planId: string,
  id: string,
): Promise<ItemRow | null> =>
  (
    await db
      .select()
      .from(items)
      .where(and(eq(items.workspaceId, workspaceId), eq(items.planId, planId), eq(items.id, id)))
  )[0] ?? null;

export const insertItem = (db: Db, rows: (typeof items.$inferInsert)[]) =>
  rows.length === 0
    ? Promise.resolve()
    : db
        .insert(items)
        .values(rows)
        .then(() => undefined);

export const updateItemRow = (
  db: Db,
  workspaceId: string,
  id: string,
  patch: Partial<typeof items.$inferInsert>,
) =>
  db
    .update(items)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(items.workspaceId, workspaceId), eq(items.id, id)));

export const deleteItemRow = (db: Db, workspaceId: string, id: string) =>
  db.delete(items).where(and(eq(items.workspaceId, workspaceId), eq(items.id, id)));

/** Writes the positions of siblings in the given order (0, 1, …); a plan has tens of items. */
export async function writePositions(db: Db, workspaceId: string, orderedIds: string[]): Promise<void> {
  for (const [position, id] of orderedIds.entries()) {
    await db
      .update(items)
      .set({ position })
      .where(and(eq(items.workspaceId, workspaceId), eq(items.id, id)));
  }
}

// The outcomes items serve

export type ItemOutcomeRow = {
  itemId: string;
  id: string;
  contactId: string;
  contactName: string;
  accountId: string;
  kind: string;
  title: string;
  status: string;
  dueDate: string | null;
};

export const outcomesOfItems = (db: Db, workspaceId: string, itemIds: string[]): Promise<ItemOutcomeRow[]> =>
  itemIds.length === 0
    ? Promise.resolve([])
    : db
        .select({
          itemId: itemOutcomes.itemId,
          id: outcomes.id,
          contactId: outcomes.contactId,
          contactName: contactName(contacts),
          accountId: contacts.accountId,
          kind: outcomes.kind,
          title: outcomes.title,
          status: outcomes.status,
          dueDate: outcomes.dueDate,
        })
        .from(itemOutcomes)
        .innerJoin(
          outcomes,
          and(eq(outcomes.workspaceId, itemOutcomes.workspaceId), eq(outcomes.id, itemOutcomes.outcomeId)),
        )
        .innerJoin(
          contacts,
          and(eq(contacts.workspaceId, outcomes.workspaceId), eq(contacts.id, outcomes.contactId)),
        )
        .where(and(eq(itemOutcomes.workspaceId, workspaceId), inArray(itemOutcomes.itemId, itemIds)))
        .orderBy(asc(outcomes.title));

/** The accounts of the contacts whose outcomes these are (to check they belong to the plan's account). */
export const outcomeAccounts = (db: Db, workspaceId: string, outcomeIds: string[]) =>
  outcomeIds.length === 0
    ? Promise.resolve([])
    : db
        .select({ id: outcomes.id, accountId: contacts.accountId })
        .from(outcomes)
        .innerJoin(
          contacts,
          and(eq(contacts.workspaceId, outcomes.workspaceId), eq(contacts.id, outcomes.contactId)),
        )
        .where(and(eq(outcomes.workspaceId, workspaceId), inArray(outcomes.id, outcomeIds)));

export async function replaceItemOutcomes(
  db: Db,
  workspaceId: string,
  itemId: string,
  outcomeIds: string[],
): Promise<void> {
  await db
    .delete(itemOutcomes)
    .where(and(eq(itemOutcomes.workspaceId, workspaceId), eq(itemOutcomes.itemId, itemId)));
  if (outcomeIds.length > 0) {
    await db.insert(itemOutcomes).values(outcomeIds.map((outcomeId) => ({ workspaceId, itemId, outcomeId })));
  }
}

/** The latest customer confirmation of each outcome. */
export const latestConfirmations = (db: Db, workspaceId: string, outcomeIds: string[]) =>
  outcomeIds.length === 0
    ? Promise.resolve([])
    : db
        .selectDistinctOn([evidence.outcomeId], {
          outcomeId: evidence.outcomeId,
          contactId: evidence.contactId,
          verdict: evidence.verdict,
          note: evidence.note,
          createdAt: evidence.createdAt,
        })
        .from(evidence)
        .where(
          and(
            eq(evidence.workspaceId, workspaceId),
            inArray(evidence.outcomeId, outcomeIds),
            eq(evidence.source, "customer_confirmed"),
          ),
        )
        .orderBy(evidence.outcomeId, desc(evidence.createdAt));

// Links

export type LinkRow = typeof links.$inferSelect;

export const linksOfPlans = (db: Db, workspaceId: string, planIds: string[]): Promise<LinkRow[]> =>
  planIds.length === 0
    ? Promise.resolve([])
    : db
        .select()
        .from(links)
        .where(and(eq(links.workspaceId, workspaceId), inArray(links.planId, planIds)))
        .orderBy(desc(links.createdAt));

export const insertLink = (db: Db, row: typeof links.$inferInsert) => db.insert(links).values(row);

export const revokeLinkRow = async (db: Db, workspaceId: string, planId: string, id: string, at: Date) =>
  (
    await db
      .update(links)
      .set({ revokedAt: sql`coalesce(${links.revokedAt}, ${at.toISOString()}::timestamptz)` })
      .where(and(eq(links.workspaceId, workspaceId), eq(links.planId, planId), eq(links.id, id)))
      .returning({ id: links.id })
  ).length > 0;

/** A link by its token's hash, whatever its workspace (the public page runs on the system path). */
export const findLinkByHash = async (db: Db, tokenHash: string) =>
  (
    await db
      .select({
        workspaceId: links.workspaceId,
        workspaceName: workspaces.name,
        id: links.id,
        planId: links.planId,
        contactId: links.contactId,
        expiresAt: links.expiresAt,
        revokedAt: links.revokedAt,
      })
      .from(links)
      .innerJoin(workspaces, eq(workspaces.id, links.workspaceId))
      .where(eq(links.tokenHash, tokenHash))
  )[0] ?? null;

export const hasActiveLink = async (db: Db, workspaceId: string, planIds: string[], now: Date) =>
  planIds.length === 0
    ? new Set<string>()
    : new Set(
        (
          await db
            .selectDistinct({ planId: links.planId })
            .from(links)
            .where(
              and(
                eq(links.workspaceId, workspaceId),
                inArray(links.planId, planIds),
                isNull(links.revokedAt),
                sql`(${links.expiresAt} is null or ${links.expiresAt} > ${now.toISOString()}::timestamptz)`,
              ),
            )
        ).map((r) => r.planId),
      );

// Names of people on either side

export const userNames = async (db: Db, ids: string[]): Promise<Map<string, string>> =>
  ids.length === 0
    ? new Map()
    : new Map(
        (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))).map(
          (u) => [u.id, u.name],
        ),
      );

export const contactNames = async (
  db: Db,
  workspaceId: string,
  ids: string[],
): Promise<Map<string, string>> =>
  ids.length === 0
    ? new Map()
    : new Map(
        (
          await db
            .select({ id: contacts.id, name: contactName(contacts) })
            .from(contacts)
            .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.id, ids)))
        ).map((c) => [c.id, c.name]),
      );

/** The contacts among `ids` that belong to the account. */
export const contactsOfAccount = async (db: Db, workspaceId: string, accountId: string, ids: string[]) =>
  ids.length === 0
    ? []
    : (
        await db
          .select({ id: contacts.id })
          .from(contacts)
          .where(
            and(
              eq(contacts.workspaceId, workspaceId),
              eq(contacts.accountId, accountId),
              inArray(contacts.id, ids),
            ),
          )
      ).map((c) => c.id);

// Templates

export type TemplateRow = typeof templates.$inferSelect;

export const listTemplateRows = (db: Db, workspaceId: string): Promise<TemplateRow[]> =>
  db.select().from(templates).where(eq(templates.workspaceId, workspaceId)).orderBy(asc(templates.name));

export const findTemplateRow = async (db: Db, workspaceId: string, id: string): Promise<TemplateRow | null> =>
  (
    await db
      .select()
      .from(templates)
      .where(and(eq(templates.workspaceId, workspaceId), eq(templates.id, id)))
  )[0] ?? null;

export const insertTemplates = (db: Db, rows: (typeof templates.$inferInsert)[]) =>
  rows.length === 0
    ? Promise.resolve()
    : db
        .insert(templates)
        .values(rows)
        .then(() => undefined);

export const updateTemplateRow = (
  db: Db,
  workspaceId: string,
  id: string,
  patch: Partial<typeof templates.$inferInsert>,
) =>
  db
    .update(templates)
    .set(patch)
    .where(and(eq(templates.workspaceId, workspaceId), eq(templates.id, id)));

export const deleteTemplateRow = async (db: Db, workspaceId: string, id: string) =>
  (
    await db
      .delete(templates)
      .where(and(eq(templates.workspaceId, workspaceId), eq(templates.id, id)))
      .returning({ id: templates.id })
  ).length > 0;
