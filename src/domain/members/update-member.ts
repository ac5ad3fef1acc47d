import { AppError, notFound } from "../../common/errors.ts";
import type { Role } from "../../common/roles.ts";
import type { Member, MemberUpdate } from "../../contract/workspace.ts";
import { withTx } from "../../db/index.ts";
import { forgetApiKeys, revokeCreatorKeys } from "../api-keys/index.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import { countOwners, findMember, lockOwners, updateMembership } from "./member.queries.ts";
import { assertMayAssignRole, assertNotLastOwner, definedChanges, toMember } from "./member.rules.ts";

/**
 * Changes a member's role, function or title. A role change is audited and revokes the API keys
 * the person created whose scopes the new role may not hold; an empty patch changes nothing.
 */
export async function updateMember(ctx: Ctx, userId: string, patch: MemberUpdate): Promise<Member> {
  const changes = definedChanges(patch);
  const result = await withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    // Owners are counted under a lock, so two owners demoting each other at once cannot both pass.
    if (changes.role !== undefined) await lockOwners(db, ctx.workspaceId);
    const current = await findMember(db, ctx.workspaceId, userId);
    if (!current) throw notFound("Member");
    const from = current.role as Role;
    const to = changes.role !== undefined && changes.role !== from ? changes.role : null;
    if (to) {
      assertMayAssignRole(ctx.actor, from, to);
      assertNotLastOwner(from, to, await countOwners(db, ctx.workspaceId));
    }
    if (Object.keys(changes).length === 0) return { member: toMember(current), revoked: [] };
    await updateMembership(db, ctx.workspaceId, userId, changes);
    let revoked: string[] = [];
    if (to) {
      await recordAudit(tx, {
        action: "member.role_change",
        targetType: "user",
        targetId: userId,
        details: { from, to },
      });
      revoked = await revokeCreatorKeys(tx, userId, { reason: "creator's role changed", role: to });
    }
    const updated = await findMember(db, ctx.workspaceId, userId);
    if (!updated) throw new AppError("INTERNAL", "membership vanished");
    return { member: toMember(updated), revoked };
  });
  forgetApiKeys(result.revoked);
  return result.member;
}
