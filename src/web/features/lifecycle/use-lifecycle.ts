import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { type LifecycleSettings, type RouteBodyIn, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { STAGE_LABELS } from "../../lib/labels.ts";
import { apiQuery, invalidate } from "../../lib/query.ts";

export const lifecycleSettingsQuery = apiQuery(routes.getLifecycleSettings, {});
export const accountLifecycleQuery = (accountId: string) =>
  apiQuery(routes.getAccountLifecycle, { params: { accountId } });

type SettingsBody = RouteBodyIn<typeof routes.updateLifecycleSettings>;
type Stage = LifecycleSettings["stages"][number];

export type Stages = {
  /** Every stage in journey order, hidden ones too (accounts may be in them). */
  all: Stage[];
  /** The stage's name in this workspace (a key it no longer has shows as itself). */
  labelOf: (key: string) => string;
  /** What a picker offers: the visible stages, plus `current` when it is hidden. */
  options: (current?: string | null) => { value: string; label: string }[];
};

/** The workspace's lifecycle stages as pickers and badges need them; built-in names until loaded. */
export function useStages(): Stages {
  const { data } = useQuery(lifecycleSettingsQuery);
  // One object per load of the settings, so memoized readers of it keep theirs.
  return useMemo(() => {
    const all = data?.stages ?? [];
    const byKey = new Map(all.map((s) => [s.key, s]));
    const labelOf = (key: string) => byKey.get(key)?.label ?? STAGE_LABELS[key] ?? key;
    const options = (current?: string | null) =>
      (all.length ? all : Object.keys(STAGE_LABELS).map((key) => ({ key, hidden: false })))
        .filter((s) => !s.hidden || s.key === current)
        .map((s) => ({ value: s.key, label: labelOf(s.key) }));
    return { all, labelOf, options };
  }, [data]);
}

// Stages name accounts' badges, filters, segments' and rules' pickers: all read again.
const READERS = ["/api/v1/lifecycle", "/api/v1/accounts", "/api/v1/segments"];

/** The lifecycle settings' writes: saving them, and moving accounts into automatic stages now. */
export function useLifecycleMutations() {
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (body: SettingsBody) => api(routes.updateLifecycleSettings, { body }),
    onSuccess: async (settings) => {
      qc.setQueryData(lifecycleSettingsQuery.queryKey, settings);
      await invalidate(qc, ...READERS);
    },
  });
  const apply = useMutation({
    mutationFn: () => api(routes.applyTransitions),
    onSuccess: () => invalidate(qc, ...READERS),
  });
  return { save, apply };
}
