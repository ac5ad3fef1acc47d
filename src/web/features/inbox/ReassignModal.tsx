import { Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type Task, ZTaskUpdate } from "../../../contract/index.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import { type FieldLabels, restart, showServerErrors, useContractForm, useOnOpen } from "../../ui/form.ts";
import { MemberPicker } from "../../ui/pickers.tsx";
import { type TaskUpdateBody, useTaskMutations } from "./use-task-mutations.ts";

/** The picker's value for "nobody": the item waits in the team view for whoever takes it. */
const TEAM = "team";
const LEADING = [{ value: TEAM, label: "Leave to the team" }];

type Values = { ownerId: string | null };
const LABELS: FieldLabels = { ownerId: "Owner" };

const valuesOf = (t: Task | undefined): Values => ({ ownerId: t ? (t.owner?.userId ?? TEAM) : null });

/** Gives an item to another member, or leaves it to the team. */
export function ReassignModal({
  task,
  opened,
  onClose,
}: {
  task: Task | undefined;
  opened: boolean;
  onClose: () => void;
}) {
  const { update } = useTaskMutations();
  const form = useContractForm<Values, TaskUpdateBody>({
    initialValues: valuesOf(task),
    labels: LABELS,
    schema: ZTaskUpdate,
    toBody: (v) => ({ ownerId: v.ownerId === TEAM ? null : v.ownerId }),
    check: (v): Record<string, string> =>
      v.ownerId ? {} : { ownerId: "Pick a member, or leave it to the team" },
  });
  useOnOpen(opened, () => {
    restart(form, valuesOf(task));
    update.reset();
  });

  const onSubmit = form.onSubmit((body) =>
    task
      ? update.mutate(
          { task, body },
          {
            onSuccess: (t) => {
              notifications.show({
                color: "green",
                message: t.owner
                  ? `“${t.title}” is now ${t.owner.name}'s`
                  : `“${t.title}” is left to the team`,
              });
              onClose();
            },
            onError: showServerErrors(form, LABELS),
          },
        )
      : undefined,
  );

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="Reassign"
      onSubmit={onSubmit}
      save={update}
      errors={form.errors}
      submitLabel="Reassign"
    >
      <Text size="sm">
        “{task?.title}” on {task?.account.name}. A new owner gets their own time before it is escalated.
      </Text>
      <MemberPicker
        label="Owner"
        placeholder="Search members"
        leading={LEADING}
        clearable={false}
        allowDeselect={false}
        data-autofocus
        comboboxProps={{ withinPortal: true }}
        {...form.getInputProps("ownerId")}
      />
    </FormModal>
  );
}
