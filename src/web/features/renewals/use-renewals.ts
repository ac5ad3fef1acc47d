import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { addDays, utcToday } from "../../../common/dates.ts";
import { type Renewal, type RenewalUpdate, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { apiQuery, invalidate, invalidateAccount } from "../../lib/query.ts";
import type { RevenuePeriod } from "../revenue/revenueView.ts";
import { DEFAULT_QUARTERS, DEFAULT_WINDOW, type RenewalsSearch } from "./renewalsView.ts";

/**
 * The renewals in the window of the view, with the forecast. The previous answer stays on screen
 * while another window or filter loads, so the page does not blank at each change.
 */
export const usePipeline = (s: RenewalsSearch) =>
  useQuery({
    ...apiQuery(routes.getRenewals, {
      query: {
        days: s.days ?? DEFAULT_WINDOW,
        segment: s.segment,
        owner: s.owner,
        stage: s.stage,
        forecast: s.forecast,
      },
    }),
    placeholderData: keepPreviousData,
  });

export const useOutcomes = (period: RevenuePeriod, segment: string | undefined) =>
  useQuery({
    ...apiQuery(routes.getRenewalOutcomes, { query: { from: period.from, to: period.to, segment } }),
    placeholderData: keepPreviousData,
  });

export const useBacktest = (quarters: number | undefined) =>
  useQuery({
    ...apiQuery(routes.getForecastBacktest, { query: { quarters: quarters ?? DEFAULT_QUARTERS } }),
    placeholderData: keepPreviousData,
  });

/**
 * The reason codes the workspace has used, offered beside the usual ones: read from the outcomes of
 * the last three years and the year ahead (no route lists the codes themselves).
 */
export function useUsedReasons(enabled: boolean): string[] {
  const today = utcToday();
  const outcomes = useQuery({
    ...apiQuery(routes.getRenewalOutcomes, {
      query: { from: addDays(today, -3 * 365), to: addDays(today, 365) },
    }),
    enabled,
    staleTime: 60_000,
  });
  return [...new Set((outcomes.data?.byReason ?? []).flatMap((r) => (r.reasonCode ? [r.reasonCode] : [])))];
}

/**
 * Records a renewal's conversation or outcome. The pipeline, the forecast and the outcomes are
 * read again, and the account's page (a decided renewal goes on its timeline).
 */
export function useSaveRenewal(renewal: Renewal) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RenewalUpdate) =>
      api(routes.updateRenewal, { params: { subscriptionId: renewal.subscriptionId }, body }),
    onSuccess: async () => {
      await Promise.all([invalidate(qc, routes.getRenewals.path), invalidateAccount(qc, renewal.accountId)]);
    },
  });
}
