import type { FastifyRequest } from "fastify";
import { AppError } from "../common/errors.ts";
import { type Access, minRoleFor, roleAtLeast, scopeFor } from "../common/roles.ts";
import type { Db } from "../db/index.ts";
import { type ApiKeyPrincipal, authenticateApiKey } from "../domain/api-keys/index.ts";
import { type ResolvedSession, resolveSession, type SessionPolicy } from "../domain/auth/index.ts";
import type { Ctx } from "../domain/context.ts";
import { safeEqual } from "../domain/kernel/index.ts";

export const SESSION_COOKIE = "steward_session";

export type Principal =
  | { kind: "anonymous" }
  | { kind: "session"; session: ResolvedSession; token: string }
  | ({ kind: "apiKey" } & ApiKeyPrincipal);

/** Who is calling: a bearer API key wins over a cookie, so scripts never act as a browser session. */
export async function identify(db: Db, req: FastifyRequest, policy: SessionPolicy): Promise<Principal> {
  const auth = req.headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    const principal = m?.[1] ? await authenticateApiKey(db, m[1]) : null;
    if (!principal)
      throw new AppError("UNAUTHENTICATED", "The API key is missing, malformed, unknown or revoked");
    return { kind: "apiKey", ...principal };
  }
  const token = req.cookies[SESSION_COOKIE];
  if (token) {
    const session = await resolveSession(db, token, policy);
    if (session) return { kind: "session", session, token };
  }
  return { kind: "anonymous" };
}

/** The rate-limit key of a request's verified caller, set once the caller is known. */
export const callerKeys = new WeakMap<FastifyRequest, string>();

export const callerKey = (principal: Principal, req: FastifyRequest): string =>
  principal.kind === "apiKey"
    ? `key:${principal.apiKeyId}`
    : principal.kind === "session"
      ? `session:${principal.session.sessionId}`
      : `ip:${req.ip}`;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Refuses the caller unless it may use a route with this access rule; returns its domain context. */
export function authorize(
  principal: Principal,
  access: Access,
  req: FastifyRequest,
  db: Db,
): Omit<Ctx, "workspaceId"> & { workspaceId: string | null } {
  if (access === "public") {
    return { db, workspaceId: null, actor: { kind: "system", label: "public" }, ip: req.ip };
  }
  if (principal.kind === "anonymous") {
    throw new AppError("UNAUTHENTICATED", "Sign in or send an API key as `Authorization: Bearer <key>`");
  }
  if (principal.kind === "apiKey") {
    if (access === "session")
      throw new AppError("FORBIDDEN", "This route is for signed-in people, not API keys");
    const scope = scopeFor[access];
    if (!principal.scopes.includes(scope)) {
      throw new AppError("FORBIDDEN", `This API key lacks the "${scope}" scope`);
    }
    // A key acts for its person: its scopes count only as far as their current role reaches.
    if (!roleAtLeast(principal.role, minRoleFor[access])) {
      throw new AppError(
        "FORBIDDEN",
        `This API key's person (role ${principal.role}) cannot do this; it needs ${minRoleFor[access]} or above`,
      );
    }
    return {
      db,
      workspaceId: principal.workspaceId,
      actor: {
        kind: "apiKey",
        apiKeyId: principal.apiKeyId,
        userId: principal.userId,
        role: principal.role,
        scopes: principal.scopes,
      },
      ip: req.ip,
    };
  }
  const { session } = principal;
  if (access !== "session" && !roleAtLeast(session.role, minRoleFor[access])) {
    throw new AppError(
      "FORBIDDEN",
      `Your role (${session.role}) cannot do this; it needs ${minRoleFor[access]} or above`,
    );
  }
  if (!SAFE_METHODS.has(req.method)) {
    const sent = req.headers["x-csrf-token"];
    if (typeof sent !== "string" || !safeEqual(sent, session.csrfToken)) {
      throw new AppError(
        "CSRF_FAILED",
        "Missing or wrong X-CSRF-Token header; reload the page and try again",
      );
    }
  }
  return {
    db,
    workspaceId: session.workspaceId,
    actor: { kind: "user", userId: session.userId, role: session.role },
    ip: req.ip,
  };
}
