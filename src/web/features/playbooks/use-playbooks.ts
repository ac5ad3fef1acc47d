import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { type Playbook, type PlaybookCreateIn, type RouteBodyIn, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { apiQuery, invalidate, invalidateAccount } from "../../lib/query.ts";

export type PlaybookUpdateBody = RouteBodyIn<typeof routes.updatePlaybook>;

export const playbookQuery = (playbookId: string) => apiQuery(routes.getPlaybook, { params: { playbookId } });
export const runQuery = (runId: string) => apiQuery(routes.getPlaybookRun, { params: { runId } });

/** Every playbook (archived ones too, so a rule that names one still reads), by id and as options. */
export function usePlaybookChoices() {
  const q = useQuery(apiQuery(routes.listPlaybooks, { query: { archived: "all" } }));
  return useMemo(() => {
    const all = q.data?.data ?? [];
    const names = new Map(all.map((p) => [p.id, p.name]));
    return {
      loading: q.isPending,
      nameOf: (id: string) => names.get(id),
      options: all.filter((p) => !p.archived).map((p) => ({ value: p.id, label: p.name })),
    };
  }, [q.data, q.isPending]);
}

// Playbooks and runs share the prefix: a write refreshes the list, one playbook, runs and reports.
const PLAYBOOKS = "/api/v1/playbook";

/** A playbook's writes (admins); each refreshes the playbooks' answers. */
export function usePlaybookMutations() {
  const qc = useQueryClient();
  const fresh = async (p: Playbook) => {
    qc.setQueryData(playbookQuery(p.id).queryKey, p);
    await invalidate(qc, PLAYBOOKS);
  };
  const create = useMutation({
    mutationFn: (body: PlaybookCreateIn) => api(routes.createPlaybook, { body }),
    onSuccess: fresh,
  });
  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: PlaybookUpdateBody }) =>
      api(routes.updatePlaybook, { params: { playbookId: id }, body }),
    onSuccess: fresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(routes.deletePlaybook, { params: { playbookId: id } }),
    onSuccess: () => invalidate(qc, PLAYBOOKS),
  });
  const restore = useMutation({
    mutationFn: () => api(routes.restoreDefaultPlaybooks),
    onSuccess: () => invalidate(qc, PLAYBOOKS),
  });
  return { create, update, remove, restore };
}

/**
 * Starting and stopping a playbook on an account: its runs, the inbox (steps are tasks) and the
 * account's page (its timeline) read again.
 */
export function useRunMutations(accountId: string) {
  const qc = useQueryClient();
  const fresh = () =>
    Promise.all([invalidate(qc, PLAYBOOKS, routes.listTasks.path), invalidateAccount(qc, accountId)]);
  const start = useMutation({
    mutationFn: (playbookId: string) =>
      api(routes.startPlaybook, { params: { playbookId }, body: { accountId } }),
    onSuccess: fresh,
  });
  const cancel = useMutation({
    mutationFn: (runId: string) => api(routes.cancelPlaybookRun, { params: { runId } }),
    onSuccess: fresh,
  });
  return { start, cancel };
}
