import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { type RouteBodyIn, type Rule, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { apiQuery, invalidate } from "../../lib/query.ts";

export type RuleCreateBody = RouteBodyIn<typeof routes.createRule>;
export type RuleUpdateBody = RouteBodyIn<typeof routes.updateRule>;

export const rulesQuery = apiQuery(routes.listRules, {});
export const ruleQuery = (ruleId: string) => apiQuery(routes.getRule, { params: { ruleId } });

/** The workspace's account segments' names by id, for segment triggers. */
export function useAccountSegments() {
  const q = useQuery(apiQuery(routes.listSegments, { query: { entity: "account" } }));
  return useMemo(() => {
    const list = q.data?.data ?? [];
    const names = new Map(list.map((s) => [s.id, s.name]));
    return {
      options: list.map((s) => ({ value: s.id, label: s.name })),
      nameOf: (id: string) => names.get(id),
      loading: q.isLoading,
    };
  }, [q.data, q.isLoading]);
}

/**
 * A rule's writes. Each refreshes the rules' answers; a run also the inbox and accounts, which its
 * actions may have changed.
 */
export function useRuleMutations() {
  const qc = useQueryClient();
  const fresh = async (rule: Rule) => {
    qc.setQueryData(ruleQuery(rule.id).queryKey, rule);
    await invalidate(qc, routes.listRules.path);
  };
  const create = useMutation({
    mutationFn: (body: RuleCreateBody) => api(routes.createRule, { body }),
    onSuccess: fresh,
  });
  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: RuleUpdateBody }) =>
      api(routes.updateRule, { params: { ruleId: id }, body }),
    onSuccess: fresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(routes.deleteRule, { params: { ruleId: id } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [routes.listRules.path] }),
  });
  const run = useMutation({
    mutationFn: (id: string) => api(routes.runRule, { params: { ruleId: id } }),
    onSuccess: () => invalidate(qc, routes.listRules.path, "/api/v1/tasks", routes.listAccounts.path),
  });
  return { create, update, remove, run };
}
