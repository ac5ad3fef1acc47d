import { notFound } from "../../common/errors.ts";
import type { Role } from "../../common/roles.ts";
import { withTx } from "../../db/index.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import { countOwners, deleteMembership, deleteUserSessions, findMember } from "./member.queries.ts";
import { assertMayAssignRole, assertNotLastOwner } from "./member.rules.ts";

/** Removes the membership (the login stays for other workspaces) and ends its sessions here. */
export async function removeMember(ctx: Ctx, userId: string): Promise<void> {
  await withTx(ctx.db, async (db) => {
    const current = await findMember(db, ctx.workspaceId, userId);
    if (!current) throw notFound("Member");
    const role = current.role as Role;
    assertMayAssignRole(ctx.actor, role, null);
    assertNotLastOwner(role, null, await countOwners(db, ctx.workspaceId));
    await deleteUserSessions(db, ctx.workspaceId, userId);
    await deleteMembership(db, ctx.workspaceId, userId);
    await recordAudit(
      { ...ctx, db },
      { action: "member.remove", targetType: "user", targetId: userId, details: { role } },
    );
  });
}
