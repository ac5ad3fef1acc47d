import { type QueryClient, queryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { type RouteDef, type RouteResponse, routes } from "../../contract/index.ts";
import { type ApiOptions, api } from "../api.ts";

/** Query key of one call: the route path first, so a whole resource can be invalidated by prefix. */
export const keyOf = <R extends RouteDef>(route: R, opts?: Partial<ApiOptions<R>>) =>
  [route.path, opts?.params ?? null, opts?.query ?? null] as const;

/** `queryOptions` for a GET route of the contract. */
export const apiQuery = <R extends RouteDef>(route: R, opts: ApiOptions<R>) =>
  queryOptions({
    queryKey: keyOf(route, opts),
    queryFn: ({ signal }) =>
      (api as (r: R, o: ApiOptions<R>) => ReturnType<typeof api<R>>)(route, { ...opts, signal }),
  });

type PageOf<R extends RouteDef> = RouteResponse<R> extends { data: (infer T)[] } ? T : never;

/**
 * A list route read page after page ("Show more"), keyed like `apiQuery` so that invalidating its
 * path reaches it; `rows` are the pages read so far, one after another.
 */
export function useApiPages<R extends RouteDef>(route: R, opts: ApiOptions<R>) {
  const list = useInfiniteQuery({
    queryKey: keyOf(route, opts),
    queryFn: ({ pageParam, signal }) => {
      const page = { ...opts, query: { ...opts.query, cursor: pageParam }, signal } as ApiOptions<R>;
      return (api as (r: R, o: ApiOptions<R>) => Promise<{ data: PageOf<R>[]; nextCursor: string | null }>)(
        route,
        page,
      );
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return { ...list, rows: list.data?.pages.flatMap((p) => p.data) ?? [] };
}

/** Invalidates every cached answer whose route path starts with one of these prefixes. */
export const invalidate = (qc: QueryClient, ...prefixes: string[]) =>
  qc.invalidateQueries({
    predicate: (q) => {
      const k = q.queryKey[0];
      return typeof k === "string" && prefixes.some((p) => k.startsWith(p));
    },
  });

/**
 * After a write that touches an account (its record, a contact, a subscription, a note): the
 * account's page (the record, its health, team, timeline, revenue, churn risk) and every list and
 * overview that shows accounts, health or contacts. The health score is recomputed from the new
 * data on the server, so its panel must be read again too.
 */
export const invalidateAccount = (qc: QueryClient, accountId: string) =>
  qc.invalidateQueries({
    predicate: (q) => {
      const [path, params] = q.queryKey;
      if (typeof path !== "string") return false;
      if (path === routes.listAccounts.path || ACCOUNT_WIDE.some((p) => path.startsWith(p))) return true;
      if (!path.startsWith("/api/v1/accounts/:") || !params || typeof params !== "object") return false;
      const p = params as { id?: unknown; accountId?: unknown };
      return p.id === accountId || p.accountId === accountId;
    },
  });

// Lists and overviews whose rows carry account, health or contact facts.
const ACCOUNT_WIDE = [
  routes.accountFacets.path,
  "/api/v1/contacts",
  "/api/v1/subscriptions",
  "/api/v1/health",
  "/api/v1/churn",
  "/api/v1/search",
];
