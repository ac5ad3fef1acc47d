import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../common/errors.ts";
import { routes } from "../../contract/index.ts";
import type { Db } from "../../db/index.ts";
import { recordAudit } from "../../domain/audit/index.ts";
import { changePassword, describeSession, login, logout, switchWorkspace } from "../../domain/auth/index.ts";
import {
  acceptInvitation,
  declineInvitation,
  type Invitee,
  myInvitations,
} from "../../domain/members/index.ts";
import { handle } from "../http.ts";
import type { Principal } from "../principal.ts";
import { SESSION_COOKIE } from "../principal.ts";
import type { ServerState } from "../state.ts";

/** The signed-in person answering invitations (never an API key: these routes are `session`). */
async function invitee(db: Db, principal: Principal, ip: string): Promise<Invitee & { sessionId: string }> {
  const info = principal.kind === "session" ? await describeSession(db, principal.session.sessionId) : null;
  if (!info || principal.kind !== "session") throw new AppError("UNAUTHENTICATED", "Not signed in");
  return { id: info.user.id, email: info.user.email, ip, sessionId: principal.session.sessionId };
}

const secureCookie = (state: ServerState, req: FastifyRequest): boolean =>
  state.config.COOKIE_SECURE === "auto" ? req.protocol === "https" : state.config.COOKIE_SECURE === "true";

function setSessionCookie(
  state: ServerState,
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expires: Date,
) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    secure: secureCookie(state, req),
    sameSite: "lax",
    path: "/",
    expires,
  });
}

export function registerAuthRoutes(app: FastifyInstance, state: ServerState): void {
  handle(
    app,
    state,
    routes.login,
    async (ctx, { body, req, reply }) => {
      const perAddress = await state.loginAddressLimit(req);
      if (!perAddress.isAllowed && perAddress.isExceeded) {
        reply.header("retry-after", String(perAddress.ttlInSeconds));
        throw new AppError(
          "RATE_LIMITED",
          "Too many sign-in attempts from this address; wait a minute and try again",
        );
      }
      const result = await login(
        ctx.db,
        {
          ...body,
          ip: req.ip,
          userAgent: req.headers["user-agent"] ?? null,
          previousToken: req.cookies[SESSION_COOKIE] ?? null,
        },
        state.sessionPolicy,
      );
      setSessionCookie(state, req, reply, result.token, result.expiresAt);
      return result.info;
    },
    {
      // Per email whatever the address, so rotating addresses cannot buy more guesses at one
      // account; counted after the body is parsed, so one attacker cannot lock out everyone.
      rateLimit: {
        max: state.config.LOGIN_RATE_LIMIT,
        timeWindow: 60_000,
        hook: "preHandler",
        keyGenerator: (req) => {
          const email = (req.body as { email?: unknown } | undefined)?.email;
          // Normalized as sign-in normalizes it, so padding or case cannot open a fresh bucket.
          return `login:${typeof email === "string" ? email.trim().toLowerCase() : ""}`;
        },
      },
    },
  );
  handle(app, state, routes.logout, async (ctx, { principal, reply }) => {
    if (principal.kind === "session") {
      await logout(ctx.db, principal.session.sessionId);
      await recordAudit(ctx, {
        action: "auth.logout",
        targetType: "user",
        targetId: principal.session.userId,
      });
    }
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return { ok: true as const };
  });
  handle(app, state, routes.switchWorkspace, async (ctx, { principal, body, req, reply }) => {
    if (principal.kind !== "session") throw new AppError("UNAUTHENTICATED", "Not signed in");
    const result = await switchWorkspace(ctx.db, principal.session.sessionId, body.workspace, {
      ip: req.ip,
      userAgent: req.headers["user-agent"] ?? null,
    });
    setSessionCookie(state, req, reply, result.token, result.expiresAt);
    return result.info;
  });
  handle(
    app,
    state,
    routes.changePassword,
    async (ctx, { principal, body, req, reply }) => {
      if (principal.kind !== "session") throw new AppError("UNAUTHENTICATED", "Not signed in");
      const result = await changePassword(ctx.db, principal.session.sessionId, body, {
        ip: req.ip,
        userAgent: req.headers["user-agent"] ?? null,
      });
      setSessionCookie(state, req, reply, result.token, result.expiresAt);
      return result.info;
    },
    {
      // The current password is checked here too: as limited as sign-in, per address.
      rateLimit: {
        max: state.config.LOGIN_RATE_LIMIT,
        timeWindow: 60_000,
        hook: "preHandler",
        keyGenerator: (req) => `password:${req.ip}`,
      },
    },
  );
  handle(app, state, routes.myInvitations, async (ctx, { principal, req }) => ({
    data: await myInvitations(ctx.db, await invitee(ctx.db, principal, req.ip)),
  }));
  handle(app, state, routes.acceptInvitation, async (ctx, { principal, params, req }) => {
    const who = await invitee(ctx.db, principal, req.ip);
    await acceptInvitation(ctx.db, who, params.id);
    const info = await describeSession(ctx.db, who.sessionId);
    if (!info) throw new AppError("UNAUTHENTICATED", "Not signed in");
    return info;
  });
  handle(app, state, routes.declineInvitation, async (ctx, { principal, params, req }) => {
    await declineInvitation(ctx.db, await invitee(ctx.db, principal, req.ip), params.id);
    return { ok: true as const };
  });
  handle(app, state, routes.getSession, async (ctx, { principal }) => {
    const info =
      principal.kind === "session" ? await describeSession(ctx.db, principal.session.sessionId) : null;
    if (!info) throw new AppError("UNAUTHENTICATED", "Not signed in");
    return info;
  });
}
