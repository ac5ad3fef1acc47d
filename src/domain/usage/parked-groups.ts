import { AppError, notFound } from "../../common/errors.ts";
import type { ParkedGroup, ParkedResolve } from "../../contract/index.ts";
import { withTx } from "../../db/transaction.ts";
import { createAccount, getAccount, updateAccount } from "../accounts/index.ts";
import { recordAudit } from "../audit/index.ts";
import { contactsFromTraits } from "../contacts/index.ts";
import type { Ctx } from "../context.ts";
import { decodeCursorFor, encodeCursor } from "../kernel/pagination.queries.ts";
import { saveLinks, storedTraits } from "./ingest.queries.ts";
import {
  deleteParked,
  type ParkedGroupRow,
  parkedGroups,
  parkedUsers,
  unparkEvents,
} from "./parked.queries.ts";
import { rebuildRollups } from "./rollup.queries.ts";

// Group ids are not UUIDs: the cursor carries the last group id beside this placeholder id.
const NO_ID = "00000000-0000-0000-0000-000000000000";

const toParkedGroup = (r: ParkedGroupRow): ParkedGroup => ({
  groupId: r.group_id,
  events: r.events,
  users: r.users,
  firstSeenAt: new Date(r.first_seen_at).toISOString(),
  lastSeenAt: new Date(r.last_seen_at).toISOString(),
  suggestedName: r.suggested_name,
});

export async function findParkedGroups(ctx: Ctx, q: { limit: number; cursor?: string }) {
  const after = q.cursor ? decodeCursorFor("text", q.cursor)[0] : null;
  const rows = await parkedGroups(ctx.db, ctx.workspaceId, after, q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    data: page.map(toParkedGroup),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.group_id, NO_ID]) : null,
  };
}

/**
 * Settles a parked group: creates its account or links it to an existing one (whose external id
 * becomes the group id, so later events find it), then gives it the parked events, links their
 * users and contacts, and rebuilds the account's rollups for those days. Or discards the events.
 */
export async function resolveParkedGroup(ctx: Ctx, groupId: string, action: ParkedResolve) {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const group = (await parkedGroups(db, ctx.workspaceId, null, 1, groupId))[0];
    if (!group) throw notFound("Parked group");
    if (action.action === "discard") {
      const events = await deleteParked(db, ctx.workspaceId, groupId);
      await audit(tx, groupId, { action: "discard", events });
      return { events, accountId: null };
    }
    const accountId =
      action.action === "create"
        ? (
            await createAccount(tx, {
              name: action.name ?? group.suggested_name ?? groupId,
              externalId: groupId,
            })
          ).id
        : await claimAccount(tx, action.accountId, groupId);
    const users = (await parkedUsers(db, ctx.workspaceId, groupId)).map((u) => u.user_key);
    const traits = await storedTraits(db, ctx.workspaceId, users);
    const contactIds = await contactsFromTraits(
      tx,
      users.map((userKey) => ({ accountId, userKey, traits: traits.get(userKey) ?? {} })),
    );
    await saveLinks(
      db,
      ctx.workspaceId,
      users.map((userKey, i) => ({ userKey, accountId, contactId: contactIds[i] ?? null })),
      new Date(),
    );
    const days = await unparkEvents(db, ctx.workspaceId, groupId, accountId);
    await rebuildRollups(
      db,
      ctx.workspaceId,
      accountId,
      days.map((d) => d.day),
    );
    const events = days.reduce((n, d) => n + d.events, 0);
    await audit(tx, groupId, { action: action.action, accountId, events });
    return { events, accountId };
  });
}

async function claimAccount(ctx: Ctx, accountId: string, groupId: string): Promise<string> {
  const account = await getAccount(ctx, accountId);
  if (account.externalId && account.externalId !== groupId) {
    throw new AppError(
      "CONFLICT",
      `The account already has external id "${account.externalId}"; events name it by that id, not "${groupId}"`,
    );
  }
  if (!account.externalId) await updateAccount(ctx, accountId, { externalId: groupId });
  return accountId;
}

const audit = (ctx: Ctx, groupId: string, details: Record<string, unknown>) =>
  recordAudit(ctx, {
    action: "usage_parked.resolve",
    targetType: "usage_group",
    details: { groupId, ...details },
  });
