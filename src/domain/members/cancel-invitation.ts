import { notFound } from "../../common/errors.ts";
import type { Role } from "../../common/roles.ts";
import { withTx } from "../../db/transaction.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import { deleteInvitation } from "./invitation.queries.ts";
import { assertMayAssignRole } from "./member.rules.ts";

/**
 * Withdraws a pending invitation (only owners withdraw one to the owner role). A login created
 * for it stays, belonging to no workspace, as after a removal.
 */
export async function cancelInvitation(ctx: Ctx, id: string): Promise<void> {
  await withTx(ctx.db, async (db) => {
    const row = await deleteInvitation(db, ctx.workspaceId, id);
    if (!row) throw notFound("Invitation");
    assertMayAssignRole(ctx.actor, row.role as Role, null);
    await recordAudit(
      { ...ctx, db },
      {
        action: "member.invite_cancel",
        targetType: "invitation",
        targetId: id,
        details: { email: row.email, role: row.role },
      },
    );
  });
}
