import { AppError, notFound } from "../../common/errors.ts";
import type { Db } from "../../db/index.ts";
import { withTx } from "../../db/transaction.ts";
import { insertAudit } from "../audit/index.ts";
import { assertStrongPassword, hashPassword, verifyPassword } from "../passwords/index.ts";
import { type LoginResult, openSession } from "./login.ts";
import {
  deleteAllUserSessions,
  findSessionById,
  findUserPassword,
  setUserPassword,
  userWorkspaces,
} from "./session.queries.ts";

export type PasswordChange = { currentPassword: string; newPassword: string };

const fieldError = (path: string, message: string) =>
  new AppError("VALIDATION_FAILED", `The ${path === "newPassword" ? "new" : "current"} password ${message}`, {
    issues: [{ path, message }],
  });

/**
 * A signed-in person changes their own password, proving the current one. Every session of theirs
 * ends (a thief's included) and this one is replaced by a new session, keeping its expiry.
 */
export async function changePassword(
  db: Db,
  sessionId: string,
  input: PasswordChange,
  meta: { ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  const session = await findSessionById(db, sessionId);
  if (!session) throw notFound("Session");
  const stored = await findUserPassword(db, session.userId);
  if (!(await verifyPassword(stored?.passwordHash ?? null, input.currentPassword))) {
    await insertAudit(db, {
      workspaceId: session.workspaceId,
      action: "auth.password_change",
      actorUserId: session.userId,
      ip: meta.ip,
      success: false,
      details: { reason: "wrong_current_password" },
    });
    throw fieldError("currentPassword", "is not correct");
  }
  if (input.newPassword === input.currentPassword) {
    throw fieldError("newPassword", "must differ from the current one");
  }
  await assertStrongPassword(input.newPassword, {
    field: "newPassword",
    email: session.userEmail,
    name: session.userName,
  });
  const passwordHash = await hashPassword(input.newPassword);
  return withTx(db, async (tx) => {
    await setUserPassword(tx, session.userId, passwordHash, false);
    const ended = await deleteAllUserSessions(tx, session.userId);
    const memberships = await userWorkspaces(tx, session.userId);
    const here = memberships.find((m) => m.id === session.workspaceId);
    if (!here) throw new AppError("UNAUTHENTICATED", "You are no longer a member of this workspace");
    const result = await openSession(
      tx,
      { id: session.userId, email: session.userEmail, name: session.userName, mustChangePassword: false },
      here,
      memberships,
      { ...meta, expiresAt: session.expiresAt },
    );
    await insertAudit(tx, {
      workspaceId: session.workspaceId,
      action: "auth.password_change",
      actorUserId: session.userId,
      ip: meta.ip,
      details: { otherSessionsEnded: ended - 1, wasTemporary: session.mustChangePassword },
    });
    return result;
  });
}
