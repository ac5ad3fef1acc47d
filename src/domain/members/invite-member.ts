import { AppError } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { Invitation, MemberCreate } from "../../contract/workspace.ts";
import { withTx } from "../../db/transaction.ts";
import { recordAudit } from "../audit/index.ts";
import { actorUserId, type Ctx } from "../context.ts";
import { assertStrongPassword, hashPassword } from "../passwords/index.ts";
import { findInvitationByEmail, insertInvitation } from "./invitation.queries.ts";
import { toInvitation } from "./invitation.rules.ts";
import { findMember, findUserByEmail, insertUser } from "./member.queries.ts";
import { assertMayAssignRole } from "./member.rules.ts";

/**
 * Invites a person to the workspace; they become a member only by accepting after they sign in.
 * An email without a login gets one, with the password given, and its first sign-in accepts.
 * Whether the email already had a login (perhaps in another workspace) must not show: the answer,
 * the audit entry and the work done (the password is judged and hashed either way) are the same,
 * and nothing of the existing login (its name) is returned.
 */
export async function inviteMember(ctx: Ctx, input: MemberCreate): Promise<Invitation> {
  assertMayAssignRole(ctx.actor, null, input.role);
  const email = input.email.toLowerCase();
  let passwordHash: string | null = null;
  if (input.password !== undefined) {
    await assertStrongPassword(input.password, { field: "password", email, name: input.name });
    passwordHash = await hashPassword(input.password);
  }
  return withTx(ctx.db, async (db) => {
    let user = await findUserByEmail(db, email);
    if (user && (await findMember(db, ctx.workspaceId, user.id))) {
      throw new AppError("CONFLICT", `${email} is already a member of this workspace`);
    }
    if (await findInvitationByEmail(db, ctx.workspaceId, email)) {
      throw new AppError("CONFLICT", `${email} is already invited: cancel that invitation to invite again`);
    }
    let acceptOnSignIn = false;
    if (!user && passwordHash) {
      user = (await insertUser(db, { id: newId(), email, name: input.name, passwordHash })) ?? null;
      acceptOnSignIn = true;
    }
    const row = await insertInvitation(db, {
      workspaceId: ctx.workspaceId,
      id: newId(),
      email,
      name: input.name,
      role: input.role,
      function: input.function,
      title: input.title ?? null,
      invitedBy: actorUserId(ctx.actor),
      acceptOnSignIn,
    });
    if (!row) throw new AppError("INTERNAL", "invitation insert returned nothing");
    await recordAudit(
      { ...ctx, db },
      {
        action: "member.invite",
        targetType: "invitation",
        targetId: row.id,
        details: { email, role: input.role },
      },
    );
    return toInvitation(row);
  });
}
