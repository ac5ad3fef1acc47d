import { Readable } from "node:stream";
import type { RateLimitOptions } from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from "fastify";
import type { z } from "zod";
import { AppError } from "../common/errors.ts";
import { JsonText } from "../common/json-text.ts";
import {
  issueMessage,
  issuesOf,
  issuesSummary,
  type RouteBody,
  type RouteDef,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
} from "../contract/index.ts";
import type { Db } from "../db/index.ts";
import { systemDb } from "../db/system.ts";
import { inWorkspace } from "../db/workspace.ts";
import type { Ctx } from "../domain/context.ts";
import { trackOutbox } from "../domain/events/index.ts";
import { authorize, callerKey, callerKeys, identify, type Principal } from "./principal.ts";
import type { ServerState } from "./state.ts";

type HandlerInput<R extends RouteDef> = {
  params: RouteParams<R>;
  query: RouteQuery<R>;
  body: RouteBody<R>;
  req: FastifyRequest;
  reply: FastifyReply;
  principal: Principal;
  /**
   * Starts work that outlives the request once its transaction has committed (not awaited): a
   * backtest's run. It gets the system path, as the job that resumes such work does.
   */
  afterCommit(work: (systemDb: Db) => Promise<unknown>): void;
};

/** A route handler gets a workspace context; public routes get a context without a workspace. */
export type RouteHandler<R extends RouteDef> = (
  ctx: R["access"] extends "public" ? Omit<Ctx, "workspaceId"> & { workspaceId: null } : Ctx,
  input: HandlerInput<R>,
) => Promise<R["response"] extends z.ZodType ? RouteResponse<R> | JsonText<RouteResponse<R>> : unknown>;

function parse<T extends z.ZodType>(
  schema: T | undefined,
  value: unknown,
  where: string,
): z.infer<T> | undefined {
  if (!schema) return undefined;
  // Plain-words messages, unless the schema carries its own.
  const result = schema.safeParse(value ?? (where === "body" ? undefined : {}), { error: issueMessage });
  if (result.success) return result.data;
  const issues = issuesOf(result.error, where === "body" ? "" : where);
  throw new AppError("VALIDATION_FAILED", `Invalid ${where}: ${issuesSummary(issues)}`, { issues });
}

/** A stream's contents, read while the transaction that feeds it is still open. */
async function readToEnd<T>(result: T): Promise<T | Buffer> {
  if (!(result instanceof Readable)) return result;
  const chunks: Buffer[] = [];
  for await (const chunk of result) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Identifies the caller, then counts the request against that caller's API rate limit. */
async function identifyAndLimit(
  app: FastifyInstance,
  state: ServerState,
  req: FastifyRequest,
  reply: FastifyReply,
  limited: boolean,
): Promise<Principal> {
  let principal: Principal;
  try {
    // Credentials are looked up before any workspace is known: the system path.
    principal = await identify(systemDb(state.db), req, state.sessionPolicy);
  } catch (e) {
    // A rejected key is still counted, against the address it came from.
    if (limited) await state.apiRateLimiter.call(app, req, reply);
    throw e;
  }
  if (limited) {
    callerKeys.set(req, callerKey(principal, req));
    await state.apiRateLimiter.call(app, req, reply);
  }
  return principal;
}

/**
 * Where a route's handler runs. `workspace` (every route with a workspace, by default): in one
 * transaction as `steward_app` with the caller's workspace set, so row-level security holds even
 * where a query forgets the workspace. `system`: on the system path, for routes that cannot have
 * one workspace — public routes (sign-in: credentials), a person's own session routes (their
 * memberships and invitations span workspaces) and pg-boss's tables, which carry no workspace_id
 * (the jobs routes filter by the payload's workspaceId themselves).
 */
export type RoutePath = "workspace" | "system";

type PathRule<R extends RouteDef> = RoutePath | ((params: RouteParams<R>) => RoutePath);

const pathOf = <R extends RouteDef>(
  route: R,
  rule: PathRule<R> | undefined,
  params: RouteParams<R>,
): RoutePath =>
  route.access === "public" || route.access === "session"
    ? "system"
    : typeof rule === "function"
      ? rule(params)
      : (rule ?? "workspace");

/**
 * Registers one contract route: identify the caller, enforce the route's access rule (and CSRF for
 * cookie writes), validate params, query and body with the contract's zod schemas, run the handler
 * (in a workspace transaction unless the route is on the system path, see `RoutePath`).
 * Auth comes before validation so an anonymous caller learns nothing about the input rules.
 */
export function handle<R extends RouteDef>(
  app: FastifyInstance,
  state: ServerState,
  route: R,
  handler: RouteHandler<R>,
  options: {
    rateLimit?: RateLimitOptions;
    onRequest?: preHandlerAsyncHookHandler;
    path?: PathRule<R>;
    /**
     * Reads the answer again once the consumers of the request's events have run, for an answer
     * that shows their effects (an account's new health score after its update).
     */
    reread?: (ctx: Ctx, result: never) => Promise<unknown>;
  } = {},
) {
  const responseSchemas: Record<number, z.ZodType> = {};
  if (route.response) responseSchemas[route.status ?? 200] = route.response;
  app.route({
    method: route.method,
    url: route.path,
    bodyLimit: route.bodyLimit,
    // A route with its own limit (sign-in) gets its own counter; all others share one per caller.
    config: options.rateLimit ? { rateLimit: options.rateLimit } : {},
    onRequest: options.onRequest,
    schema: {
      summary: route.summary,
      tags: [route.tag],
      // Only the parts the route has: Fastify warns about keys present but empty.
      ...(route.params ? { params: route.params } : {}),
      ...(route.query ? { querystring: route.query } : {}),
      ...(route.body ? { body: route.body } : {}),
      ...(route.produces ? {} : { response: responseSchemas }),
      security: route.access === "public" ? [] : [{ apiKey: [] }, { session: [] }],
    },
    handler: async (req, reply) => {
      const principal = await identifyAndLimit(app, state, req, reply, !options.rateLimit);
      const outbox = trackOutbox();
      // Work that must follow the commit (forgetting a revoked key's cache) waits for the end of
      // the request's transaction, not the end of the workflow's savepoint inside it.
      const committed: (() => void)[] = [];
      const ctx = { ...authorize(principal, route.access, req, systemDb(state.db)), outbox, committed };
      if (
        principal.kind === "session" &&
        principal.session.mustChangePassword &&
        !route.beforePasswordChange
      ) {
        throw new AppError(
          "PASSWORD_CHANGE_REQUIRED",
          "You signed in with a temporary password: choose your own password first",
        );
      }
      const later: ((systemDb: Db) => Promise<unknown>)[] = [];
      const input = {
        afterCommit: (work: (systemDb: Db) => Promise<unknown>) => {
          later.push(work);
        },
        params: parse(route.params, req.params, "params"),
        query: parse(route.query, req.query, "query"),
        body: parse(route.body, req.body, "body"),
        req,
        reply,
        principal,
      } as HandlerInput<R>;
      const { workspaceId } = ctx;
      const path = pathOf(route, options.path, input.params);
      const onPath = <T>(work: (c: Ctx) => Promise<T>): Promise<T> =>
        path === "workspace" && workspaceId !== null
          ? inWorkspace(state.db, workspaceId, (tx) => work({ ...ctx, db: tx } as Ctx))
          : work(ctx as Ctx);
      // A streamed answer (CSV) is read to the end inside the transaction, which closes with it.
      let result = await onPath(async (c) => readToEnd(await handler(c as never, input)));
      for (const work of committed) work();
      for (const work of later)
        void work(systemDb(state.db)).catch((err) => req.log.error({ err }, "work after the answer failed"));
      // Committed: the consumers of what this request wrote (health rescoring first) run before it
      // answers, so the next read sees their effects, as when the route did it itself.
      if (outbox.last) {
        await state.dispatcher.settle(outbox.last);
        const { reread } = options;
        if (reread) result = (await onPath((c) => reread(c, result as never))) as typeof result;
      }
      if (state.validateResponses && route.response) {
        route.response.parse(result instanceof JsonText ? result.parse() : result);
      }
      if (route.status === 204) return reply.code(204).send();
      reply.code(route.status ?? 200);
      if (result instanceof JsonText) return reply.type("application/json; charset=utf-8").send(result.text);
      return route.produces ? reply.type(route.produces).send(result) : result;
    },
  });
}
