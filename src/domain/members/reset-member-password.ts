import { AppError, notFound } from "../../common/errors.ts";
import { withTx } from "../../db/index.ts";
import { recordAudit } from "../audit/index.ts";
import { setTemporaryPassword } from "../auth/index.ts";
import type { Ctx } from "../context.ts";
import { countOtherMemberships, findMember } from "./member.queries.ts";

/**
 * An owner or admin gives a member a temporary password, which the member must change at their
 * next sign-in; the member's sessions end and nothing else changes. The emailed reset link that
 * lets people do this themselves comes later.
 */
export async function resetMemberPassword(ctx: Ctx, userId: string, password: string): Promise<void> {
  await withTx(ctx.db, async (db) => {
    const member = await findMember(db, ctx.workspaceId, userId);
    if (!member) throw notFound("Member");
    const { actor } = ctx;
    if (actor.kind === "user" && actor.userId === userId) {
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
    // One login serves all of a person's workspaces: a password this workspace's admins chose
    // would open the others too, so only the person may change it then.
    if ((await countOtherMemberships(db, ctx.workspaceId, userId)) > 0) {
      throw new AppError(
        "FORBIDDEN",
        `${member.name} also signs in to another workspace, so only they can change their password (from their profile)`,
      );
    }
    const sessionsEnded = await setTemporaryPassword(
      db,
      { id: userId, email: member.email, name: member.name },
      password,
    );
    await recordAudit(
      { ...ctx, db },
      { action: "member.password_reset", targetType: "user", targetId: userId, details: { sessionsEnded } },
    );
  });
}
