import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type RouteBodyIn, routes, type Task } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { apiQuery, invalidate, invalidateAccount } from "../../lib/query.ts";

export type TaskCreateBody = RouteBodyIn<typeof routes.createTask>;
export type TaskUpdateBody = RouteBodyIn<typeof routes.updateTask>;
export type TaskCloseBody = RouteBodyIn<typeof routes.closeTask>;

/** Open items per inbox tab for the caller, for the tabs and the navigation's badge. */
export const taskCountsQuery = apiQuery(routes.countTasks, {});

/** One item's query: the drawer reads it, and every write puts its answer there. */
export const taskQuery = (taskId: string) => apiQuery(routes.getTask, { params: { taskId } });

/**
 * An inbox item's writes. Each answers the item, which becomes the drawer's data at once; then the
 * lists and counts (every view, the navigation badge) read again, and — for a close or a reopen —
 * the account's page, whose timeline keeps what was done.
 */
export function useTaskMutations() {
  const qc = useQueryClient();
  const fresh = (task: Task, touchesAccount = false) => {
    qc.setQueryData(taskQuery(task.id).queryKey, task);
    return Promise.all([
      // The prefix reaches the list, the counts and other items' queries alike.
      invalidate(qc, routes.listTasks.path),
      touchesAccount ? invalidateAccount(qc, task.account.id) : null,
      // A playbook step's close or reopen moves its run's progress (and may end the run).
      touchesAccount && task.reason.kind === "playbook" ? invalidate(qc, "/api/v1/playbook") : null,
    ]);
  };

  const create = useMutation({
    mutationFn: (body: TaskCreateBody) => api(routes.createTask, { body }),
    onSuccess: (t) => fresh(t),
  });
  const update = useMutation({
    mutationFn: ({ task, body }: { task: Task; body: TaskUpdateBody }) =>
      api(routes.updateTask, { params: { taskId: task.id }, body }),
    onSuccess: (t) => fresh(t),
  });
  const snooze = useMutation({
    mutationFn: ({ task, until }: { task: Task; until: string }) =>
      api(routes.snoozeTask, { params: { taskId: task.id }, body: { until } }),
    onSuccess: (t) => fresh(t),
  });
  const close = useMutation({
    mutationFn: ({ task, body }: { task: Task; body: TaskCloseBody }) =>
      api(routes.closeTask, { params: { taskId: task.id }, body }),
    onSuccess: (t) => fresh(t, true),
  });
  const reopen = useMutation({
    mutationFn: (task: Task) => api(routes.reopenTask, { params: { taskId: task.id } }),
    onSuccess: (t) => fresh(t, true),
  });
  return { create, update, snooze, close, reopen };
}
