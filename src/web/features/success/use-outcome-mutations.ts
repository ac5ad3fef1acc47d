import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type Outcome, type RouteBodyIn, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { invalidate, invalidateAccount } from "../../lib/query.ts";

export type OutcomeBody = RouteBodyIn<typeof routes.createOutcome>;
export type EvidenceBody = RouteBodyIn<typeof routes.addOutcomeEvidence>;

/**
 * An outcome's writes. Each refreshes the outcome lists and the account's page (its success
 * index, the key players' indexes and the timeline entry the write may add).
 */
export function useOutcomeMutations() {
  const qc = useQueryClient();
  const refresh = (accountId: string) =>
    Promise.all([invalidate(qc, routes.listOutcomes.path), invalidateAccount(qc, accountId)]);
  const save = useMutation({
    mutationFn: ({ outcome, body }: { outcome?: Outcome; body: OutcomeBody }) => {
      if (!outcome) return api(routes.createOutcome, { body });
      // Only what the user changed: a field someone else updated meanwhile is not written back.
      const { contactId: _, ...fields } = body;
      const patch = Object.fromEntries(
        Object.entries(fields).filter(([k, v]) => v !== outcome[k as keyof typeof fields]),
      );
      return api(routes.updateOutcome, { params: { outcomeId: outcome.id }, body: patch });
    },
    onSuccess: (o) => refresh(o.accountId),
  });
  const remove = useMutation({
    mutationFn: (o: Outcome) => api(routes.deleteOutcome, { params: { outcomeId: o.id } }),
    onSuccess: (_, o) => refresh(o.accountId),
  });
  const addEvidence = useMutation({
    mutationFn: ({ outcome, body }: { outcome: Outcome; body: EvidenceBody }) =>
      api(routes.addOutcomeEvidence, { params: { outcomeId: outcome.id }, body }),
    onSuccess: (o) => refresh(o.accountId),
  });
  const removeEvidence = useMutation({
    mutationFn: ({ outcome, evidenceId }: { outcome: Outcome; evidenceId: string }) =>
      api(routes.deleteOutcomeEvidence, { params: { outcomeId: outcome.id, evidenceId } }),
    onSuccess: (_, v) => refresh(v.outcome.accountId),
  });
  return { save, remove, addEvidence, removeEvidence };
}
