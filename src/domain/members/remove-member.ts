import { notFound } from "../../common/errors.ts";
import type { Role } from "../../common/roles.ts";
import { withTx } from "../../db/index.ts";
import { leaveAccountTeams } from "../account-team/index.ts";
import { releaseOwnedAccounts } from "../accounts/index.ts";
import { forgetApiKeys, revokeCreatorKeys } from "../api-keys/index.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import {
  countOwners,
  deleteMembership,
  deleteUserSessions,
  findMember,
  lockOwners,
} from "./member.queries.ts";
import { assertMayAssignRole, assertNotLastOwner } from "./member.rules.ts";

/**
 * Removes the membership (the login stays for other workspaces), all in one transaction: ends the
 * person's sessions here, revokes the API keys they created, clears them as owner of their
 * accounts and takes them off account teams (each account's timeline says so).
 */
export async function removeMember(ctx: Ctx, userId: string): Promise<void> {
  const revoked = await withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    await lockOwners(db, ctx.workspaceId);
    const current = await findMember(db, ctx.workspaceId, userId);
    if (!current) throw notFound("Member");
    const role = current.role as Role;
    assertMayAssignRole(ctx.actor, role, null);
    assertNotLastOwner(role, null, await countOwners(db, ctx.workspaceId));
    await deleteUserSessions(db, ctx.workspaceId, userId);
    const accounts = await releaseOwnedAccounts(tx, userId, current.name);
    const teams = await leaveAccountTeams(tx, userId, current.name);
    await deleteMembership(db, ctx.workspaceId, userId);
    const prefixes = await revokeCreatorKeys(tx, userId, { reason: "creator removed" });
    await recordAudit(tx, {
      action: "member.remove",
      targetType: "user",
      targetId: userId,
      details: { role, ownedAccounts: accounts, accountTeams: teams, revokedApiKeys: prefixes.length },
    });
    return prefixes;
  });
  forgetApiKeys(revoked);
}
