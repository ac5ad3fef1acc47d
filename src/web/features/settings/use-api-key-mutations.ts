import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ApiKey, type RouteBodyIn, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { invalidate } from "../../lib/query.ts";

export type ApiKeyBody = RouteBodyIn<typeof routes.createApiKey>;

/** Creating and revoking API keys; the key list reads again. */
export function useApiKeyMutations() {
  const qc = useQueryClient();
  const refresh = () => invalidate(qc, routes.listApiKeys.path);
  const create = useMutation({
    mutationFn: (body: ApiKeyBody) => api(routes.createApiKey, { body }),
    onSuccess: refresh,
  });
  const revoke = useMutation({
    mutationFn: (k: ApiKey) => api(routes.revokeApiKey, { params: { id: k.id } }),
    onSuccess: refresh,
  });
  return { create, revoke };
}
