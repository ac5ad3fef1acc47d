import { Select, SimpleGrid, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  TASK_PRIORITIES,
  TASK_TYPES,
  type Task,
  type TaskPriority,
  type TaskType,
  ZTaskCreate,
  ZTaskUpdate,
} from "../../../contract/index.ts";
import { options } from "../../lib/labels.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import {
  blankToNull,
  type FieldLabels,
  restart,
  showServerErrors,
  useContractForm,
  useOnOpen,
} from "../../ui/form.ts";
import { AccountPicker, MemberPicker } from "../../ui/pickers.tsx";
import { changedFields } from "../plans/plan.rules.ts";
import { PRIORITY_LABELS, TYPE_LABELS } from "./labels.ts";
import { type TaskCreateBody, type TaskUpdateBody, useTaskMutations } from "./use-task-mutations.ts";

type Values = {
  accountId: string | null;
  title: string;
  description: string;
  type: TaskType;
  priority: TaskPriority;
  ownerId: string | null;
  dueDate: string;
};

export const TASK_LABELS: FieldLabels = {
  accountId: "Account",
  title: "Title",
  description: "Description",
  type: "Type",
  priority: "Priority",
  ownerId: "Owner",
  dueDate: "Due date",
};

const valuesOf = (t: Task | undefined, accountId: string | null): Values => ({
  accountId: t?.account.id ?? accountId,
  title: t?.title ?? "",
  description: t?.description ?? "",
  type: t?.type ?? "activity",
  priority: t?.priority ?? "medium",
  ownerId: t?.owner?.userId ?? null,
  dueDate: t?.dueDate ?? "",
});

/** What an edit may change, as the item holds it, to send only the fields the person changed. */
const editableOf = (t: Task): TaskUpdateBody => ({
  title: t.title,
  description: t.description,
  type: t.type,
  priority: t.priority,
  dueDate: t.dueDate,
});

/**
 * A new task on an account (preset on the account's page), or an open item's title, description,
 * type, priority and due date. Its owner is left to the server when not picked: the account's
 * owner. Reassigning an existing item is its own action.
 */
export function TaskFormModal({
  opened,
  onClose,
  task,
  account,
}: {
  opened: boolean;
  onClose: () => void;
  /** The item to edit; none for a new task. */
  task?: Task;
  /** The account a new task is for, when the page already says which. */
  account?: { id: string; name: string };
}) {
  const { create, update } = useTaskMutations();
  const save = task ? update : create;
  const form = useContractForm<Values, TaskCreateBody | TaskUpdateBody>({
    initialValues: valuesOf(task, account?.id ?? null),
    labels: TASK_LABELS,
    schema: task ? ZTaskUpdate : ZTaskCreate,
    toBody: (v) => {
      const fields = {
        title: v.title.trim(),
        description: blankToNull(v.description),
        type: v.type,
        priority: v.priority,
        dueDate: v.dueDate || null,
      };
      // An edit sends only what changed; a new task its account, and its owner when one is picked
      // (nobody picked: the server gives it to the account's owner).
      if (task) return changedFields<TaskUpdateBody>(editableOf(task), fields);
      return { accountId: v.accountId ?? "", ownerId: v.ownerId ?? undefined, ...fields };
    },
    check: (v): Record<string, string> =>
      task || v.accountId ? {} : { accountId: "Pick the account this task is about" },
  });
  useOnOpen(opened, () => {
    restart(form, valuesOf(task, account?.id ?? null));
    create.reset();
    update.reset();
  });

  const onSubmit = form.onSubmit((body) => {
    const onError = showServerErrors(form, TASK_LABELS);
    if (task) {
      update.mutate(
        { task, body: body as TaskUpdateBody },
        {
          onSuccess: () => {
            notifications.show({ color: "green", message: "Item saved" });
            onClose();
          },
          onError,
        },
      );
      return;
    }
    create.mutate(body as TaskCreateBody, {
      onSuccess: (t) => {
        notifications.show({
          color: "green",
          message: `Task “${t.title}” created${t.owner ? ` for ${t.owner.name}` : ""}`,
        });
        onClose();
      },
      onError,
    });
  });

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={task ? "Edit item" : "New task"}
      size="lg"
      onSubmit={onSubmit}
      save={save}
      errors={form.errors}
      submitLabel={task ? "Save" : "Create task"}
      footerMt="xs"
    >
      {task ? null : (
        <AccountPicker
          label="Account"
          placeholder="Search accounts by name"
          required
          initialLabel={account?.name}
          disabled={Boolean(account)}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps("accountId")}
        />
      )}
      <TextInput
        label="Title"
        placeholder="e.g. Call the new champion"
        required
        data-autofocus
        {...form.getInputProps("title")}
      />
      <Textarea
        label="Description"
        description="What to do and what good looks like"
        autosize
        minRows={2}
        maxRows={8}
        {...form.getInputProps("description")}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label="Type"
          data={options(TASK_TYPES, TYPE_LABELS)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps("type")}
        />
        <Select
          label="Priority"
          data={options(TASK_PRIORITIES, PRIORITY_LABELS)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps("priority")}
        />
        {task ? null : (
          <MemberPicker
            label="Owner"
            placeholder="The account's owner"
            description="Leave empty to give it to the account's owner"
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("ownerId")}
          />
        )}
        <TextInput type="date" label="Due date" {...form.getInputProps("dueDate")} />
      </SimpleGrid>
    </FormModal>
  );
}
