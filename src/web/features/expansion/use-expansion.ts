import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ExpansionCreate, type ExpansionUpdate, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { apiQuery, invalidate } from "../../lib/query.ts";

const READERS = ["/api/v1/expansion-opportunities"];

export const useExpansions = (accountId?: string) =>
  useQuery(apiQuery(routes.listExpansions, { query: { accountId } }));

export function useCreateExpansion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ExpansionCreate) => api(routes.createExpansion, { body }),
    onSuccess: () => invalidate(qc, ...READERS),
  });
}

export function useUpdateExpansion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ExpansionUpdate }) =>
      api(routes.updateExpansion, { params: { id }, body }),
    onSuccess: () => invalidate(qc, ...READERS),
  });
}

export function useDeleteExpansion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(routes.deleteExpansion, { params: { id } }),
    onSuccess: () => invalidate(qc, ...READERS),
  });
}
