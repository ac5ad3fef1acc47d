import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type RevenueSettingsUpdate, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { apiQuery, invalidate } from "../../lib/query.ts";
import type { RevenuePeriod } from "./revenueView.ts";

export const revenueSettingsQuery = apiQuery(routes.getRevenueSettings, {});
export const accountRevenueQuery = (accountId: string) =>
  apiQuery(routes.getAccountRevenue, { params: { accountId } });

/**
 * The period's figures and its cohorts (those that started paying in the period). The previous
 * answer stays on screen while another period loads, so the page does not blank at each change.
 */
export function useRevenue(period: RevenuePeriod, segment: string | undefined) {
  const metrics = useQuery({
    ...apiQuery(routes.getRevenueMetrics, { query: { from: period.from, to: period.to, segment } }),
    placeholderData: keepPreviousData,
  });
  const cohorts = useQuery({
    ...apiQuery(routes.getCohorts, { query: { from: period.first, to: period.last, segment } }),
    placeholderData: keepPreviousData,
  });
  return { metrics, cohorts };
}

// Settings change how figures are read (policies, rates, margin): every revenue answer is read again.
const READERS = ["/api/v1/revenue", "/api/v1/metrics"];

export function useSaveRevenueSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RevenueSettingsUpdate) => api(routes.updateRevenueSettings, { body }),
    onSuccess: async (settings) => {
      qc.setQueryData(revenueSettingsQuery.queryKey, settings);
      await invalidate(qc, ...READERS);
    },
  });
}
