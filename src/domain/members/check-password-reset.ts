import { AppError, notFound } from "../../common/errors.ts";
import type { Ctx } from "../context.ts";
import { countOtherWorkspaces, findMember } from "./member.queries.ts";

/**
 * Whether the caller may give this member a temporary password: not their own (that asks for the
 * current one), an owner's only when they are an owner, and nobody who signs in elsewhere too.
 * Answers the member's login details.
 */
export async function checkPasswordReset(ctx: Ctx, userId: string) {
  const member = await findMember(ctx.db, ctx.workspaceId, userId);
  if (!member) throw notFound("Member");
  const { actor } = ctx;
  // Nor may a key set its own person's: that would turn the key into their login.
  if (actor.kind !== "system" && actor.userId === userId) {
    throw new AppError(
      "FORBIDDEN",
      "Change your own password from your profile: it asks for the current one",
    );
  }
  if (
    member.role === "owner" &&
    !(actor.kind === "system" || (actor.kind === "user" && actor.role === "owner"))
  ) {
    throw new AppError("FORBIDDEN", "Only an owner can reset an owner's password");
  }
  // One login serves all of a person's workspaces, and those they are invited to: a password this
  // workspace's admins chose would open the others too, so only the person may change it then.
  if ((await countOtherWorkspaces(ctx.db, ctx.workspaceId, userId)) > 0) {
    throw new AppError(
      "FORBIDDEN",
      `${member.name} also signs in to another workspace or is invited to one, so only they can change their password (from their profile)`,
    );
  }
  return { id: userId, email: member.email, name: member.name };
}
