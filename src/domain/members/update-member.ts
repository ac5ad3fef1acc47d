import { AppError, notFound } from "../../common/errors.ts";
import type { Role } from "../../common/roles.ts";
import type { MemberUpdate } from "../../contract/workspace.ts";
import { withTx } from "../../db/index.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import { countOwners, findMember, updateMembership } from "./member.queries.ts";
import { assertMayAssignRole, assertNotLastOwner, toMember } from "./member.rules.ts";

export async function updateMember(ctx: Ctx, userId: string, patch: MemberUpdate) {
  return withTx(ctx.db, async (db) => {
    const current = await findMember(db, ctx.workspaceId, userId);
    if (!current) throw notFound("Member");
    const from = current.role as Role;
    if (patch.role && patch.role !== from) {
      assertMayAssignRole(ctx.actor, from, patch.role);
      assertNotLastOwner(from, patch.role, await countOwners(db, ctx.workspaceId));
    }
    await updateMembership(db, ctx.workspaceId, userId, patch);
    if (patch.role && patch.role !== from) {
      await recordAudit(
        { ...ctx, db },
        {
          action: "member.role_change",
          targetType: "user",
          targetId: userId,
          details: { from, to: patch.role },
        },
      );
    }
    const updated = await findMember(db, ctx.workspaceId, userId);
    if (!updated) throw new AppError("INTERNAL", "membership vanished");
    return toMember(updated);
  });
}
