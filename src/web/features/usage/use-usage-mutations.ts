import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ParkedResolve, type RouteBodyIn, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { invalidate } from "../../lib/query.ts";

export type FeatureBody = RouteBodyIn<typeof routes.updateUsageFeature>;
export type UsageSettingsBody = RouteBodyIn<typeof routes.updateUsageSettings>;

// Usage overviews and each account's usage tab read features and thresholds.
const USAGE = ["/api/v1/usage/", routes.getAccountUsage.path];

/** Renames a feature or marks it key. */
export function useSaveFeature(event: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: FeatureBody) =>
      api(routes.updateUsageFeature, { params: { event: event ?? "" }, body }),
    onSuccess: () => invalidate(qc, ...USAGE),
  });
}

/** Saves the quiet thresholds. */
export function useSaveUsageSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UsageSettingsBody) => api(routes.updateUsageSettings, { body }),
    onSuccess: () => invalidate(qc, ...USAGE),
  });
}

/** Creates, links or discards a parked group; accounts and usage change with it. */
export function useResolveParked(groupId: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ParkedResolve) =>
      api(routes.resolveParkedGroup, { params: { groupId: groupId ?? "" }, body }),
    onSuccess: () => invalidate(qc, ...USAGE, "/api/v1/events", routes.listAccounts.path),
  });
}
