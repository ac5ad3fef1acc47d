import { AppError, notFound } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type {
  ExpansionCreate,
  ExpansionList,
  ExpansionOpportunity,
  ExpansionUpdate,
} from "../../contract/renewals.ts";
import { ZExpansionCreate, ZExpansionQuery, ZExpansionUpdate } from "../../contract/renewals.ts";
import { withTx } from "../../db/transaction.ts";
import { findAccount } from "../accounts/index.ts";
import { actorPerson, type Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { findMember } from "../members/index.ts";
import {
  deleteExpansionRow,
  type ExpansionRow,
  expansionRows,
  expansionSuggestions,
  insertExpansion,
  updateExpansionRow,
} from "./expansion.queries.ts";

/** The expansion model's probability from which a customer without an opportunity is suggested. */
const SUGGEST_FROM = 0.3;

const invalid = (path: string, message: string) =>
  new AppError("VALIDATION_FAILED", `${path} ${message}`, { issues: [{ path, message }] });

const owner = (id: string | null, name: string | null) => (id ? { id, name: name ?? "" } : null);

const toOpportunity = (r: ExpansionRow): ExpansionOpportunity => ({
  id: r.id,
  accountId: r.accountId,
  accountName: r.accountName,
  title: r.title,
  arrMinor: r.arrMinor,
  currency: r.currency,
  stage: r.stage as ExpansionOpportunity["stage"],
  expectedClose: r.expectedClose,
  owner: owner(r.ownerId, r.ownerName),
  note: r.note,
  expansionProbability: r.expansionProbability,
  closedAt: r.closedAt ? new Date(r.closedAt).toISOString() : null,
  createdAt: new Date(r.createdAt).toISOString(),
});

async function checkOwner(ctx: Ctx, ownerId: string | null | undefined) {
  if (ownerId && !(await findMember(ctx.db, ctx.workspaceId, ownerId)))
    throw invalid("ownerId", "is not a member of this workspace");
}

async function getExpansion(ctx: Ctx, id: string): Promise<ExpansionOpportunity> {
  const [row] = await expansionRows(ctx.db, ctx.workspaceId, { id });
  if (!row) throw notFound("Expansion opportunity");
  return toOpportunity(row);
}

/** Opportunities (open first), and the customers the expansion model suggests that have none open. */
export async function listExpansions(ctx: Ctx, query: Record<string, unknown> = {}): Promise<ExpansionList> {
  const q = ZExpansionQuery.parse(query);
  const rows = await expansionRows(ctx.db, ctx.workspaceId, q);
  const suggestions = await expansionSuggestions(ctx.db, ctx.workspaceId, SUGGEST_FROM, 25);
  return {
    data: rows.map(toOpportunity),
    suggestions: suggestions.map((s) => ({
      accountId: s.accountId,
      accountName: s.accountName,
      expansionProbability: s.expansionProbability,
      mrrMinor: s.mrrMinor,
      currency: s.currency,
      owner: owner(s.ownerId, s.ownerName),
    })),
  };
}

/** A chance to sell an account more; its owner is the account's unless another member is named. */
export async function createExpansion(ctx: Ctx, input: ExpansionCreate): Promise<ExpansionOpportunity> {
  const body = ZExpansionCreate.parse(input);
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const account = await findAccount(db, ctx.workspaceId, body.accountId);
    if (!account) throw invalid("accountId", "is not an account here");
    await checkOwner(tx, body.ownerId);
    const id = newId();
    await insertExpansion(db, {
      workspaceId: ctx.workspaceId,
      id,
      accountId: account.id,
      title: body.title,
      arrMinor: body.arrMinor,
      currency: body.currency ?? account.currency,
      expectedClose: body.expectedClose ?? null,
      ownerId: body.ownerId !== undefined ? body.ownerId : account.ownerId,
      note: body.note || null,
      createdBy: actorPerson(ctx.actor),
    });
    await recordEvents(tx, [
      { type: "expansion.created", data: { accountId: account.id, opportunityId: id } },
    ]);
    return getExpansion(tx, id);
  });
}

const EDITABLE = ["title", "arrMinor", "stage", "expectedClose", "ownerId", "note"] as const;

/** Changes what the patch names; won or lost closes it (reopening clears the closing time). */
export async function updateExpansion(
  ctx: Ctx,
  id: string,
  patch: ExpansionUpdate,
): Promise<ExpansionOpportunity> {
  const body = ZExpansionUpdate.parse(patch);
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const [row] = await expansionRows(db, ctx.workspaceId, { id });
    if (!row) throw notFound("Expansion opportunity");
    await checkOwner(tx, body.ownerId);
    const next = {
      title: body.title ?? row.title,
      arrMinor: body.arrMinor ?? row.arrMinor,
      stage: body.stage ?? row.stage,
      expectedClose: body.expectedClose !== undefined ? body.expectedClose : row.expectedClose,
      ownerId: body.ownerId !== undefined ? body.ownerId : row.ownerId,
      note: body.note !== undefined ? body.note || null : row.note,
    };
    const fields = EDITABLE.filter((f) => next[f] !== row[f]);
    if (fields.length === 0) return toOpportunity(row);
    const closedAt = next.stage === "open" ? null : next.stage === row.stage ? row.closedAt : new Date();
    await updateExpansionRow(db, ctx.workspaceId, id, { ...next, closedAt });
    await recordEvents(tx, [
      {
        type: "expansion.changed",
        data: {
          accountId: row.accountId,
          opportunityId: id,
          fields,
          stage: next.stage as ExpansionOpportunity["stage"],
        },
      },
    ]);
    return getExpansion(tx, id);
  });
}

export async function deleteExpansion(ctx: Ctx, id: string): Promise<{ ok: true }> {
  return withTx(ctx.db, async (db) => {
    const gone = await deleteExpansionRow(db, ctx.workspaceId, id);
    if (!gone) throw notFound("Expansion opportunity");
    await recordEvents({ ...ctx, db }, [
      { type: "expansion.deleted", data: { accountId: gone.accountId, opportunityId: id } },
    ]);
    return { ok: true as const };
  });
}
