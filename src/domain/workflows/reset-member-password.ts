import { recordAudit } from "../audit/index.ts";
import { setTemporaryPassword } from "../auth/index.ts";
import type { Ctx } from "../context.ts";
import { checkPasswordReset } from "../members/index.ts";
import { transact } from "./transact.ts";

/**
 * An owner or admin gives a member a temporary password, which the member must change at their
 * next sign-in; the member's sessions end and nothing else changes. The emailed reset link that
 * lets people do this themselves comes with email sending.
 */
export async function resetMemberPassword(ctx: Ctx, userId: string, password: string): Promise<void> {
  await transact(ctx, async (tx) => {
    const user = await checkPasswordReset(tx, userId);
    const sessionsEnded = await setTemporaryPassword(tx.db, user, password);
    await recordAudit(tx, {
      action: "member.password_reset",
      targetType: "user",
      targetId: userId,
      details: { sessionsEnded },
    });
  });
}
