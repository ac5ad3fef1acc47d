import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type Account, type RouteBodyIn, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { invalidate, invalidateAccount, keyOf } from "../../lib/query.ts";

export type AccountBody = RouteBodyIn<typeof routes.createAccount>;

/** Creates an account, or saves `account`; the account's page, health and the lists read it again. */
export function useSaveAccount(account: Account | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AccountBody) =>
      account
        ? api(routes.updateAccount, { params: { id: account.id }, body })
        : api(routes.createAccount, { body }),
    onSuccess: async (saved) => {
      qc.setQueryData(keyOf(routes.getAccount, { params: { id: saved.id } }), saved);
      // A new parent shows the account among its children.
      const parents = [saved.parentId, account?.parentId].filter((p): p is string => Boolean(p));
      await Promise.all([saved.id, ...parents].map((id) => invalidateAccount(qc, id)));
    },
  });
}

/** Deletes an account; lists and search forget it. */
export function useDeleteAccount(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api(routes.deleteAccount, { params: { id } }),
    onSuccess: () =>
      invalidate(qc, routes.listAccounts.path, "/api/v1/search", "/api/v1/health", "/api/v1/churn"),
  });
}
