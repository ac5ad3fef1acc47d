import { AppError } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { MemberCreate } from "../../contract/workspace.ts";
import { withTx } from "../../db/transaction.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { assertStrongPassword, hashPassword } from "../passwords/index.ts";
import { findMember, findUserByEmail, insertMembership, insertUser } from "./member.queries.ts";
import { assertMayAssignRole, toMember } from "./member.rules.ts";

/**
 * Adds a person to the workspace at once, creating their login when the email is new: for Steward
 * itself (the CLI, run by whoever runs the installation). People in the app invite instead
 * (inviteMember), so that they learn nothing of logins elsewhere and nobody joins unasked.
 */
export async function addMember(ctx: Ctx, input: MemberCreate) {
  if (ctx.actor.kind !== "system") {
    throw new AppError("FORBIDDEN", "People join a workspace by accepting an invitation");
  }
  assertMayAssignRole(ctx.actor, null, input.role);
  if (input.password !== undefined) {
    await assertStrongPassword(input.password, { field: "password", email: input.email, name: input.name });
  }
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return withTx(ctx.db, async (db) => {
    let user = await findUserByEmail(db, input.email);
    if (!user) {
      if (!passwordHash) {
        throw new AppError("VALIDATION_FAILED", "password is required for a person without a Steward login", {
          issues: [{ path: "password", message: "is required for a new person" }],
        });
      }
      user =
        (await insertUser(db, {
          id: newId(),
          email: input.email.toLowerCase(),
          name: input.name,
          passwordHash,
        })) ?? null;
      if (!user) throw new AppError("INTERNAL", "user insert returned nothing");
    }
    if (await findMember(db, ctx.workspaceId, user.id)) {
      throw new AppError("CONFLICT", `${input.email} is already a member of this workspace`);
    }
    await insertMembership(db, {
      workspaceId: ctx.workspaceId,
      userId: user.id,
      role: input.role,
      function: input.function,
      title: input.title ?? null,
    });
    await recordAudit(
      { ...ctx, db },
      { action: "member.add", targetType: "user", targetId: user.id, details: { role: input.role } },
    );
    await recordEvents({ ...ctx, db }, [{ type: "member.added", data: { userId: user.id } }]);
    const member = await findMember(db, ctx.workspaceId, user.id);
    if (!member) throw new AppError("INTERNAL", "membership vanished");
    return toMember(member);
  });
}
