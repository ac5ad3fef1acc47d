import { AppError } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { Member } from "../../contract/workspace.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { findMember, findUserByEmail, insertMembership, insertUser } from "./member.queries.ts";
import { toMember } from "./member.rules.ts";

/**
 * The address of a workspace's operator: `.invalid` can never receive mail, and the workspace id
 * keeps it unique (the migration that gave every key a person uses the same form).
 */
export const operatorEmail = (workspaceId: string): string => `operator+${workspaceId}@steward.invalid`;

/**
 * Makes, inside the caller's transaction, the person Steward's own keys belong to in a workspace
 * that has no owner yet (one made by the CLI): an owner with no password, so nobody signs in as
 * them; their keys end with the workspace. Only Steward itself (the CLI) may.
 */
export async function addOperator(ctx: Ctx): Promise<Member> {
  if (ctx.actor.kind !== "system") throw new AppError("FORBIDDEN", "Only Steward itself adds its operator");
  const email = operatorEmail(ctx.workspaceId);
  const user =
    (await findUserByEmail(ctx.db, email)) ??
    (await insertUser(ctx.db, { id: newId(), email, name: "Steward operator", passwordHash: null }));
  if (!user) throw new AppError("INTERNAL", "user insert returned nothing");
  if (!(await findMember(ctx.db, ctx.workspaceId, user.id))) {
    await insertMembership(ctx.db, {
      workspaceId: ctx.workspaceId,
      userId: user.id,
      role: "owner",
      function: "customer_success",
      title: null,
    });
    await recordAudit(ctx, {
      action: "member.add",
      targetType: "user",
      targetId: user.id,
      details: { role: "owner", operator: true },
    });
    await recordEvents(ctx, [{ type: "member.added", data: { userId: user.id } }]);
  }
  const member = await findMember(ctx.db, ctx.workspaceId, user.id);
  if (!member) throw new AppError("INTERNAL", "membership vanished");
  return toMember(member);
}
