import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type CaptureAssign, type CapturedEmail, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { apiQuery, invalidate, invalidateAccount } from "../../lib/query.ts";

/** The workspace's capture address (null while the server's inbound listener is off). */
export const useCaptureAddress = () =>
  useQuery({ ...apiQuery(routes.getCaptureAddress, {}), staleTime: 60_000 });

/** The review list's writes: assigning makes a touchpoint, so touchpoint lists and the account refresh too. */
export function useCaptureMutations() {
  const qc = useQueryClient();
  const assign = useMutation({
    mutationFn: ({ email, body }: { email: CapturedEmail; body: CaptureAssign }) =>
      api(routes.assignCapturedEmail, { params: { emailId: email.id }, body }),
    onSuccess: (done) =>
      Promise.all([
        invalidate(qc, routes.listCapturedEmails.path, routes.listTouchpoints.path, routes.getJourney.path),
        done.accountId ? invalidateAccount(qc, done.accountId) : null,
      ]),
  });
  const dismiss = useMutation({
    mutationFn: (email: CapturedEmail) => api(routes.dismissCapturedEmail, { params: { emailId: email.id } }),
    onSuccess: () => invalidate(qc, routes.listCapturedEmails.path),
  });
  const regenerate = useMutation({
    mutationFn: () => api(routes.regenerateCaptureAddress, {}),
    onSuccess: (address) => qc.setQueryData(apiQuery(routes.getCaptureAddress, {}).queryKey, address),
  });
  return { assign, dismiss, regenerate };
}
