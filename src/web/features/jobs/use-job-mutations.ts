import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type Job, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { invalidate } from "../../lib/query.ts";

/** Retrying and discarding failed jobs; the failures and the queue counts read again, also after a refusal (the job changed meanwhile). */
export function useJobMutations() {
  const qc = useQueryClient();
  const refresh = () => invalidate(qc, routes.listJobs.path);
  const retry = useMutation({
    mutationFn: (j: Job) => api(routes.retryJob, { params: { id: j.id } }),
    onSettled: refresh,
  });
  const discard = useMutation({
    mutationFn: (j: Job) => api(routes.discardJob, { params: { id: j.id } }),
    onSettled: refresh,
  });
  return { retry, discard };
}
