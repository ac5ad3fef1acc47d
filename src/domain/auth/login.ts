import { AppError } from "../../common/errors.ts";
import type { Role, TeamFunction } from "../../common/roles.ts";
import type { SessionInfo } from "../../contract/auth.ts";
import type { Db } from "../../db/index.ts";
import { insertAudit } from "../audit/index.ts";
import { newToken, sha256 } from "../kernel/crypto.ts";
import { acceptInvitationsOnSignIn, findUserByEmail } from "../members/index.ts";
import { verifyPassword } from "../passwords/index.ts";
import { deleteExpiredSessions, deleteSession, insertSession, userWorkspaces } from "./session.queries.ts";
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from "./session.rules.ts";

export type LoginInput = {
  email: string;
  password: string;
  workspace?: string;
  ip: string | null;
  userAgent: string | null;
  /** The session token the browser already had: ended, so sign-in always starts a new session. */
  previousToken?: string | null;
};

export type LoginResult = { token: string; expiresAt: Date; info: SessionInfo };

const invalid = () => new AppError("INVALID_CREDENTIALS", "The email or password is not correct");

export async function login(
  db: Db,
  input: LoginInput,
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
): Promise<LoginResult> {
  const user = await findUserByEmail(db, input.email);
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  // A login created by an invitation joins that workspace with its first sign-in.
  if (user && ok) await acceptInvitationsOnSignIn(db, { id: user.id, email: user.email, ip: input.ip });
  const memberships = user && ok ? await userWorkspaces(db, user.id) : [];
  const membership = input.workspace ? memberships.find((m) => m.slug === input.workspace) : memberships[0];
  if (!user || !ok || !membership) {
    const reason = !user ? "unknown_email" : !ok ? "wrong_password" : "no_membership";
    const workspaceId = user ? ((await userWorkspaces(db, user.id))[0]?.id ?? null) : null;
    await insertAudit(db, {
      workspaceId,
      action: "auth.login_failed",
      // Nobody proved who they are: the account tried is the target, not the actor.
      targetType: user ? "user" : undefined,
      targetId: user?.id,
      ip: input.ip,
      success: false,
      details: { email: input.email.toLowerCase(), reason },
    });
    throw invalid();
  }
  if (input.previousToken) await deleteSession(db, sha256(input.previousToken));
  // Expired sessions are otherwise deleted only when presented again; sign-in is rare enough to
  // sweep them here (a scan of a small table: sessions live hours).
  const sweepAt = Date.now();
  await deleteExpiredSessions(db, new Date(sweepAt), new Date(sweepAt - policy.idleMinutes * 60_000));
  const now = new Date();
  const expiresAt = new Date(now.getTime() + policy.absoluteHours * 3_600_000);
  const result = await openSession(db, user, membership, memberships, { ...input, now, expiresAt });
  await insertAudit(db, {
    workspaceId: membership.id,
    action: "auth.login",
    actorUserId: user.id,
    ip: input.ip,
  });
  return result;
}

type Membership = Awaited<ReturnType<typeof userWorkspaces>>[number];

/** Starts a session in one of the user's workspaces; only the token's hash is stored. */
export async function openSession(
  db: Db,
  user: { id: string; email: string; name: string; mustChangePassword: boolean },
  membership: Membership,
  memberships: Membership[],
  meta: { ip: string | null; userAgent: string | null; expiresAt: Date; now?: Date },
): Promise<LoginResult> {
  const token = newToken();
  const csrfToken = newToken(24);
  const now = meta.now ?? new Date();
  await insertSession(db, {
    id: sha256(token),
    workspaceId: membership.id,
    userId: user.id,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: meta.expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 500) ?? null,
  });
  return {
    token,
    expiresAt: meta.expiresAt,
    info: {
      user: { id: user.id, email: user.email, name: user.name },
      workspace: { id: membership.id, slug: membership.slug, name: membership.name },
      role: membership.role as Role,
      function: membership.function as TeamFunction,
      csrfToken,
      mustChangePassword: user.mustChangePassword,
      workspaces: memberships.map((m) => ({ slug: m.slug, name: m.name, role: m.role as Role })),
    },
  };
}
