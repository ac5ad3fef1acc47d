import { notifications } from "@mantine/notifications";
import type { Task } from "../../../contract/index.ts";
import { errorMessage } from "../../api.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useEditTarget } from "../../ui/form.ts";
import { CloseTaskModal } from "./CloseTaskModal.tsx";
import { ReassignModal } from "./ReassignModal.tsx";
import { SnoozeModal } from "./SnoozeModal.tsx";
import { TaskFormModal } from "./TaskFormModal.tsx";
import { useTaskMutations } from "./use-task-mutations.ts";

/**
 * What can be done to an item, from a row, the drawer or the account page: the dialogs (close,
 * snooze to a chosen time, reassign, edit) and the one-click writes (a quick snooze, reopen). A page
 * holds one of these and renders its dialogs once with `TaskActionDialogs`.
 */
export function useTaskActions() {
  const { snooze, reopen } = useTaskMutations();
  const closing = useEditTarget<Task>();
  const snoozing = useEditTarget<Task>();
  const reassigning = useEditTarget<Task>();
  const editing = useEditTarget<Task>();

  const snoozeUntil = (task: Task, until: string) =>
    snooze.mutate(
      { task, until },
      {
        onSuccess: (t) =>
          notifications.show({ message: `“${t.title}” snoozed until ${formatDateTime(until)}` }),
        onError: (e) => notifications.show({ color: "red", title: "Not snoozed", message: errorMessage(e) }),
      },
    );

  // Refused when the same account, type and reason has an open item again (409): the server's
  // message says to work on that one instead.
  const reopenTask = (task: Task) =>
    reopen.mutate(task, {
      onSuccess: (t) => notifications.show({ color: "green", message: `“${t.title}” is open again` }),
      onError: (e) =>
        notifications.show({
          color: "red",
          title: "Not reopened",
          message: errorMessage(e),
          autoClose: 10_000,
        }),
    });

  return { closing, snoozing, reassigning, editing, snoozeUntil, reopenTask, reopen };
}

export type TaskActions = ReturnType<typeof useTaskActions>;

export function TaskActionDialogs({ actions: a }: { actions: TaskActions }) {
  return (
    <>
      <CloseTaskModal task={a.closing.target} opened={a.closing.opened} onClose={a.closing.close} />
      <SnoozeModal task={a.snoozing.target} opened={a.snoozing.opened} onClose={a.snoozing.close} />
      <ReassignModal
        task={a.reassigning.target}
        opened={a.reassigning.opened}
        onClose={a.reassigning.close}
      />
      <TaskFormModal task={a.editing.target} opened={a.editing.opened} onClose={a.editing.close} />
    </>
  );
}
