import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type RouteBodyIn, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { apiQuery, invalidate, keyOf } from "../../lib/query.ts";

export const bookQuery = (team?: string) => apiQuery(routes.getBook, { query: { team } });
export const coverageSettingsQuery = apiQuery(routes.getCoverageSettings, {});

type MovesBody = RouteBodyIn<typeof routes.moveAccounts>;
type SettingsBody = RouteBodyIn<typeof routes.updateCoverageSettings>;

// Owners, tiers and coverage show on the accounts' pages and lists, and feed the book.
const ACCOUNTS = "/api/v1/accounts";
const COVERAGE = "/api/v1/coverage";

/** Gives accounts to other CSMs; the book (every team's) and the accounts are read again. */
export function useMoveAccounts() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: MovesBody) => api(routes.moveAccounts, { body }),
    onSuccess: async (book) => {
      qc.setQueryData(keyOf(routes.getBook, { query: { team: undefined } }), book);
      await invalidate(qc, COVERAGE, ACCOUNTS, "/api/v1/search");
    },
  });
}

/** The coverage settings' writes: saving them, and applying the saved tiering rules now. */
export function useCoverageMutations() {
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (body: SettingsBody) => api(routes.updateCoverageSettings, { body }),
    onSuccess: async (settings) => {
      qc.setQueryData(coverageSettingsQuery.queryKey, settings);
      // Capacity changes every load in the book.
      await invalidate(qc, routes.getBook.path);
    },
  });
  const apply = useMutation({
    mutationFn: () => api(routes.applyTiering),
    onSuccess: () => invalidate(qc, routes.getBook.path, ACCOUNTS, "/api/v1/segments"),
  });
  return { save, apply };
}
