import type { z } from "zod";
import type { Access } from "../common/roles.ts";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One entry of the route table: the single description both the server and the web app use. */
export type RouteDef = {
  method: HttpMethod;
  /** Fastify-style path, e.g. `/api/v1/accounts/:id`. */
  path: string;
  access: Access;
  summary: string;
  tag: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Success body; `null` for 204 or non-JSON answers such as CSV. */
  response: z.ZodType | null;
  status?: 200 | 201 | 204;
  /** Answers something other than JSON (e.g. `text/csv`). */
  produces?: string;
  /** Larger request bodies than the default, e.g. CSV uploads. */
  bodyLimit?: number;
  /** Open to a session signed in with a temporary password (all other routes refuse it). */
  beforePasswordChange?: true;
};

export const defineRoute = <const T extends RouteDef>(r: T): T => r;

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;
type InferIn<T> = T extends z.ZodType ? z.input<T> : undefined;

export type RouteParams<R extends RouteDef> = Infer<R["params"]>;
export type RouteQuery<R extends RouteDef> = Infer<R["query"]>;
export type RouteBody<R extends RouteDef> = Infer<R["body"]>;
export type RouteResponse<R extends RouteDef> = Infer<R["response"]>;
/** What a client sends (before defaults and coercion). */
export type RouteQueryIn<R extends RouteDef> = InferIn<R["query"]>;
export type RouteBodyIn<R extends RouteDef> = InferIn<R["body"]>;
