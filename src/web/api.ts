import type { z } from "zod";
import type { RouteBodyIn, RouteDef, RouteQueryIn, RouteResponse } from "../contract/index.ts";
import { issueSentences } from "./lib/issues.ts";

/** A failed API call: the HTTP status and the server's `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

type ParamsOpt<R extends RouteDef> = R["params"] extends z.ZodType
  ? { params: z.input<R["params"]> }
  : { params?: undefined };
type QueryOpt<R extends RouteDef> = R["query"] extends z.ZodType
  ? { query?: RouteQueryIn<R> }
  : { query?: undefined };
type BodyOpt<R extends RouteDef> = R["body"] extends z.ZodType
  ? { body: RouteBodyIn<R> }
  : { body?: undefined };

export type ApiOptions<R extends RouteDef> = ParamsOpt<R> &
  QueryOpt<R> &
  BodyOpt<R> & { signal?: AbortSignal };

/** Options are optional only for routes that take no params and no body. */
type ApiArgs<R extends RouteDef> = R["params"] extends z.ZodType
  ? [opts: ApiOptions<R>]
  : R["body"] extends z.ZodType
    ? [opts: ApiOptions<R>]
    : [opts?: ApiOptions<R>];

let csrfToken: string | null = null;
/** Set from the session answer; sent back as `X-CSRF-Token` on every write. */
export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};

let onUnauthenticated: (() => void) | null = null;
/** Called when a request answers 401 because the session ended (not for the login call itself). */
export const setUnauthenticatedHandler = (fn: (() => void) | null): void => {
  onUnauthenticated = fn;
};

/** Fills `:params` of a Fastify-style path. */
export const buildPath = (path: string, params?: Record<string, unknown>): string =>
  path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(String(value));
  });

/** Query values: arrays are sent comma-separated, empty values are left out. */
export const buildQuery = (query?: Record<string, unknown>): string => {
  if (!query) return "";
  const sp = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) {
      if (value.length > 0) sp.set(key, value.join(","));
    } else sp.set(key, String(value));
  }
  const s = sp.toString();
  return s ? `?${s}` : "";
};

export const routeUrl = <R extends RouteDef>(
  route: R,
  params?: Record<string, unknown>,
  query?: Record<string, unknown>,
): string => buildPath(route.path, params) + buildQuery(query);

/** Calls one route of the contract and returns its typed answer, or throws an ApiError. */
export async function api<R extends RouteDef>(route: R, ...args: ApiArgs<R>): Promise<RouteResponse<R>> {
  const opts = (args[0] ?? {}) as CallOptions;
  try {
    return (await call(route, opts)) as RouteResponse<R>;
  } catch (e) {
    // A token gone stale (the session was renewed in another tab): fetch the current one and retry once.
    if (isApiError(e) && e.code === "CSRF_FAILED" && route.method !== "GET" && (await refreshCsrfToken())) {
      return (await call(route, opts)) as RouteResponse<R>;
    }
    throw e;
  }
}

type CallOptions = { params?: object; query?: object; body?: unknown; signal?: AbortSignal };

async function call(route: RouteDef, opts: CallOptions): Promise<unknown> {
  const url = routeUrl(
    route,
    opts.params as Record<string, unknown> | undefined,
    opts.query as Record<string, unknown> | undefined,
  );
  const headers: Record<string, string> = { accept: "application/json" };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  if (route.method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;

  let res: Response;
  try {
    res = await fetch(url, {
      method: route.method,
      headers,
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      credentials: "same-origin",
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(
      0,
      "NETWORK",
      "Steward's server could not be reached. Check your connection and try again.",
    );
  }

  if (!res.ok) {
    const err = await errorFrom(res);
    const isSessionCall = route.path.startsWith("/api/v1/auth/");
    if (err.status === 401 && err.code === "UNAUTHENTICATED" && !isSessionCall) onUnauthenticated?.();
    throw err;
  }
  if (res.status === 204 || route.response === null) return undefined;
  return await res.json();
}

const refreshCsrfToken = async (): Promise<boolean> => {
  try {
    const res = await fetch("/api/v1/auth/session", {
      credentials: "same-origin",
      headers: { accept: "application/json" },
    });
    if (!res.ok) return false;
    const s = (await res.json()) as { csrfToken?: unknown };
    if (typeof s.csrfToken !== "string" || s.csrfToken === csrfToken) return false;
    csrfToken = s.csrfToken;
    return true;
  } catch {
    return false;
  }
};

const errorFrom = async (res: Response): Promise<ApiError> => {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: fall through to a message built from the status
  }
  const e = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (e && typeof e.code === "string" && typeof e.message === "string") {
    return new ApiError(res.status, e.code, e.message, e.details);
  }
  return new ApiError(res.status, `HTTP_${res.status}`, statusMessage(res.status));
};

const statusMessage = (status: number): string => {
  if (status === 413) return "The request is too large.";
  if (status === 429) return "Too many requests. Wait a moment and try again.";
  if (status >= 500)
    return `The server failed (HTTP ${status}). Try again; if it persists, check the server logs.`;
  return `The request failed (HTTP ${status}).`;
};

/** A readable sentence for any error thrown by `api` (or anything else). */
export const errorMessage = (e: unknown): string => {
  if (isApiError(e)) {
    // A refused input reads as its issues in plain words ("Name is required."), not the raw summary.
    const issues = issueSentences(e);
    return issues.length > 0 ? issues.map((t) => `${t}.`).join(" ") : e.message;
  }
  if (e instanceof Error) return e.message;
  return "Something went wrong.";
};
