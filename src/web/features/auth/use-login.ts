import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type RouteBodyIn, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { useSetSession } from "../../lib/session.ts";

/** Signs in; the answers cached for a previous session are dropped and the new session is kept. */
export function useLogin() {
  const qc = useQueryClient();
  const setSession = useSetSession();
  return useMutation({
    mutationFn: (body: RouteBodyIn<typeof routes.login>) => api(routes.login, { body }),
    onSuccess: (session) => {
      qc.clear();
      setSession(session);
    },
  });
}
