import { queryOptions, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { roleAtLeast } from "../../common/roles.ts";
import { routes, type SessionInfo } from "../../contract/index.ts";
import { api, isApiError, setCsrfToken } from "../api.ts";

export const SESSION_KEY = ["session"] as const;

/** The current session, or null when nobody is signed in. */
export const sessionQuery = queryOptions({
  queryKey: SESSION_KEY,
  queryFn: async (): Promise<SessionInfo | null> => {
    try {
      const s = await api(routes.getSession);
      setCsrfToken(s.csrfToken);
      return s;
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        setCsrfToken(null);
        return null;
      }
      throw e;
    }
  },
  staleTime: 5 * 60_000,
  retry: false,
});

export type Permissions = { canWrite: boolean; isAdmin: boolean };

export const permissionsOf = (s: SessionInfo): Permissions => ({
  canWrite: roleAtLeast(s.role, "member"),
  isAdmin: roleAtLeast(s.role, "admin"),
});

/** The signed-in session; only used below the authenticated layout, which guarantees one. */
export const useSession = (): SessionInfo & Permissions => {
  const { data } = useSuspenseQuery(sessionQuery);
  if (!data) throw new Error("no session");
  return { ...data, ...permissionsOf(data) };
};

export const useSetSession = () => {
  const qc = useQueryClient();
  return (s: SessionInfo | null) => {
    setCsrfToken(s?.csrfToken ?? null);
    qc.setQueryData(SESSION_KEY, s);
  };
};
