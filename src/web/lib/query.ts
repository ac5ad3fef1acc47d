import { type QueryClient, queryOptions } from "@tanstack/react-query";
import type { RouteDef } from "../../contract/index.ts";
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

/** Invalidates every cached answer whose route path starts with one of these prefixes. */
export const invalidate = (qc: QueryClient, ...prefixes: string[]) =>
  qc.invalidateQueries({
    predicate: (q) => {
      const k = q.queryKey[0];
      return typeof k === "string" && prefixes.some((p) => k.startsWith(p));
    },
  });
