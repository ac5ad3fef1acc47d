import { useQuery } from "@tanstack/react-query";
import { routes } from "../../../contract/index.ts";
import { apiQuery } from "../../lib/query.ts";

/** The installation's setup status, polled every second while the demo workspace loads. */
export function useSetupStatus() {
  return useQuery({
    ...apiQuery(routes.setupStatus, {}),
    refetchInterval: (query) => (query.state.data?.demo.state === "loading" ? 1000 : false),
  });
}
