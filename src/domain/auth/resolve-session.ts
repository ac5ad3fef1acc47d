import type { Role, TeamFunction } from "../../common/roles.ts";
import type { SessionInfo } from "../../contract/auth.ts";
import type { Db } from "../../db/index.ts";
import { sha256 } from "../kernel/crypto.ts";
import { deleteSession, findSessionById, touchSession, userWorkspaces } from "./session.queries.ts";
import { DEFAULT_SESSION_POLICY, type SessionPolicy, sessionExpired, shouldTouch } from "./session.rules.ts";

export type ResolvedSession = {
  sessionId: string;
  workspaceId: string;
  userId: string;
  role: Role;
  csrfToken: string;
  /** Signed in with a temporary password: only changing it (or signing out) is allowed. */
  mustChangePassword: boolean;
};

/** The live session behind a cookie token, or null (unknown, expired, or membership removed). */
export async function resolveSession(
  db: Db,
  token: string,
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
  now = new Date(),
): Promise<ResolvedSession | null> {
  const id = sha256(token);
  const s = await findSessionById(db, id);
  if (!s) return null;
  if (sessionExpired(s, policy, now) || !s.role) {
    await deleteSession(db, id);
    return null;
  }
  if (shouldTouch(s.lastSeenAt, now)) await touchSession(db, id, now);
  return {
    sessionId: id,
    workspaceId: s.workspaceId,
    userId: s.userId,
    role: s.role as Role,
    csrfToken: s.csrfToken,
    mustChangePassword: s.mustChangePassword,
  };
}

export async function describeSession(db: Db, sessionId: string): Promise<SessionInfo | null> {
  const s = await findSessionById(db, sessionId);
  if (!s?.role || !s.function) return null;
  const all = await userWorkspaces(db, s.userId);
  return {
    user: { id: s.userId, email: s.userEmail, name: s.userName },
    workspace: { id: s.workspaceId, slug: s.workspaceSlug, name: s.workspaceName },
    role: s.role as Role,
    function: s.function as TeamFunction,
    csrfToken: s.csrfToken,
    mustChangePassword: s.mustChangePassword,
    workspaces: all.map((m) => ({ slug: m.slug, name: m.name, role: m.role as Role })),
  };
}

export async function logout(db: Db, sessionId: string): Promise<void> {
  await deleteSession(db, sessionId);
}
