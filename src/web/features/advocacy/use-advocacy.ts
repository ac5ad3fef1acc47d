import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type AdvocacyAsk, type RouteBodyIn, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { invalidate, invalidateAccount } from "../../lib/query.ts";

export type AskCreateBody = RouteBodyIn<typeof routes.createAdvocacyAsk>;
export type StateChangeBody = RouteBodyIn<typeof routes.changeAdvocacyAskState>;

/**
 * An ask's writes. Each is followed by the advocacy lists and summary (the candidates change when
 * someone is asked) and the account's page, whose timeline says what happened.
 */
export function useAdvocacyMutations() {
  const qc = useQueryClient();
  const fresh = (ask: AdvocacyAsk) =>
    Promise.all([invalidate(qc, "/api/v1/advocacy"), invalidateAccount(qc, ask.account.id)]);
  return {
    create: useMutation({
      mutationFn: (body: AskCreateBody) => api(routes.createAdvocacyAsk, { body }),
      onSuccess: fresh,
    }),
    move: useMutation({
      mutationFn: ({ ask, body }: { ask: AdvocacyAsk; body: StateChangeBody }) =>
        api(routes.changeAdvocacyAskState, { params: { askId: ask.id }, body }),
      onSuccess: fresh,
    }),
    remove: useMutation({
      mutationFn: async (ask: AdvocacyAsk) => {
        await api(routes.deleteAdvocacyAsk, { params: { askId: ask.id } });
        return ask;
      },
      onSuccess: fresh,
    }),
  };
}
