import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type CharterDraftInput, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { apiQuery, invalidate } from "../../lib/query.ts";

export const charterQuery = apiQuery(routes.getCharter, {});

/** The charter as every member reads it: the current version, the draft and the history. */
export const useCharter = () => useQuery(charterQuery);

/** The draft's writes (owners and admins); each is followed by the charter read again. */
export function useCharterMutations() {
  const qc = useQueryClient();
  const fresh = () => invalidate(qc, routes.getCharter.path);
  return {
    save: useMutation({
      mutationFn: (body: CharterDraftInput) => api(routes.saveCharterDraft, { body }),
      onSuccess: fresh,
    }),
    approve: useMutation({
      mutationFn: () => api(routes.approveCharterDraft),
      onSuccess: fresh,
    }),
    discard: useMutation({
      mutationFn: () => api(routes.discardCharterDraft),
      onSuccess: fresh,
    }),
  };
}
