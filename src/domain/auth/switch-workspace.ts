import { notFound } from "../../common/errors.ts";
import type { Db } from "../../db/index.ts";
import { insertAudit } from "../audit/index.ts";
import { type LoginResult, openSession } from "./login.ts";
import { deleteSession, findSessionById, userWorkspaces } from "./session.queries.ts";

/**
 * Moves a signed-in person to another of their workspaces: the old session ends and a new one
 * starts there, keeping the old one's absolute expiry (switching is not signing in again).
 */
export async function switchWorkspace(
  db: Db,
  sessionId: string,
  slug: string,
  meta: { ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  const session = await findSessionById(db, sessionId);
  if (!session) throw notFound("Session");
  const memberships = await userWorkspaces(db, session.userId);
  const target = memberships.find((m) => m.slug === slug);
  if (!target) throw notFound(`Workspace "${slug}"`);
  await deleteSession(db, sessionId);
  const result = await openSession(
    db,
    {
      id: session.userId,
      email: session.userEmail,
      name: session.userName,
      mustChangePassword: session.mustChangePassword,
    },
    target,
    memberships,
    { ...meta, expiresAt: session.expiresAt },
  );
  await insertAudit(db, {
    workspaceId: target.id,
    action: "auth.switch_workspace",
    actorUserId: session.userId,
    ip: meta.ip,
    details: { from: session.workspaceSlug },
  });
  return result;
}
