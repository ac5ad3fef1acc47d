import { type QueryClient, useMutation, useQueryClient } from "@tanstack/react-query";
import { type Account, type RouteBodyIn, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { invalidate, invalidateAccount, keyOf } from "../../lib/query.ts";

export type AccountBody = RouteBodyIn<typeof routes.createAccount>;
export type AccountPatch = RouteBodyIn<typeof routes.updateAccount>;

/** After a save: the account's page, its old and new parent, the lists, and the book of business (owner, coverage). */
const saved = async (qc: QueryClient, account: Account, before: Account | undefined) => {
  qc.setQueryData(keyOf(routes.getAccount, { params: { id: account.id } }), account);
  // A new parent shows the account among its children.
  const parents = [account.parentId, before?.parentId].filter((p): p is string => Boolean(p));
  await Promise.all([
    ...[account.id, ...parents].map((id) => invalidateAccount(qc, id)),
    invalidate(qc, "/api/v1/coverage"),
  ]);
};

/** Creates an account, or saves `account`; the account's page, health and the lists read it again. */
export function useSaveAccount(account: Account | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AccountBody) =>
      account
        ? api(routes.updateAccount, { params: { id: account.id }, body })
        : api(routes.createAccount, { body }),
    onSuccess: (a) => saved(qc, a, account),
  });
}

/** Changes only the fields given, e.g. emptying a tier to give it back to the rules. */
export function usePatchAccount(account: Account) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AccountPatch) => api(routes.updateAccount, { params: { id: account.id }, body }),
    onSuccess: (a) => saved(qc, a, account),
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
