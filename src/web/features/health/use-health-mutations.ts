import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type RouteBodyIn, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { invalidate, invalidateAccount } from "../../lib/query.ts";

export type SentimentBody = RouteBodyIn<typeof routes.createSentiment>;
export type HealthModelBody = RouteBodyIn<typeof routes.createHealthModel>;

/** Records a CSM rating; the score, the lists' health column and the timeline all change with it. */
export function useRateSentiment(accountId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SentimentBody) => api(routes.createSentiment, { params: { accountId }, body }),
    onSuccess: () => invalidateAccount(qc, accountId),
  });
}

/** Creates a health model as a draft. */
export function useCreateHealthModel() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: HealthModelBody) => api(routes.createHealthModel, { body }),
    onSuccess: () => invalidate(qc, routes.listHealthModels.path),
  });
}

export type BacktestBody = RouteBodyIn<typeof routes.startBacktest>;

/** Starts a backtest of a model's draft or published version. */
export function useStartBacktest(modelId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BacktestBody) => api(routes.startBacktest, { params: { id: modelId }, body }),
    onSuccess: () => invalidate(qc, routes.listBacktests.path),
  });
}

export type HealthSettingsBody = RouteBodyIn<typeof routes.updateHealthSettings>;

/** Saves the health settings; today's scores were recomputed, so lists and panels read them again. */
export function useSaveHealthSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: HealthSettingsBody) => api(routes.updateHealthSettings, { body }),
    onSuccess: () => invalidate(qc, "/api/v1/health/", "/api/v1/accounts"),
  });
}
