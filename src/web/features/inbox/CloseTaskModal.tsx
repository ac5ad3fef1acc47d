import { Select, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { TASK_OUTCOMES, type Task, ZTaskClose } from "../../../contract/index.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import {
  blankToNull,
  type FieldLabels,
  restart,
  showServerErrors,
  useContractForm,
  useOnOpen,
} from "../../ui/form.ts";
import { OUTCOME_HINTS, OUTCOME_LABELS } from "./labels.ts";
import { type TaskCloseBody, useTaskMutations } from "./use-task-mutations.ts";

type Outcome = TaskCloseBody["outcome"];
type Values = { outcome: Outcome; note: string };

const LABELS: FieldLabels = { outcome: "Outcome", note: "Note" };
const blank: Values = { outcome: "done", note: "" };

// Steward closes items by itself ("resolved by itself"); a person picks one of the others.
const CHOICES = TASK_OUTCOMES.filter((o): o is Outcome => o !== "auto_resolved").map((o) => ({
  value: o,
  label: OUTCOME_LABELS[o],
}));

/**
 * Closes an item with what came of it. "Didn't work out" needs a note saying what happened — the
 * contract's rule, checked here before sending and shown at the note if the server says so.
 */
export function CloseTaskModal({
  task,
  opened,
  onClose,
}: {
  task: Task | undefined;
  opened: boolean;
  onClose: () => void;
}) {
  const { close } = useTaskMutations();
  const form = useContractForm<Values, TaskCloseBody>({
    initialValues: blank,
    labels: LABELS,
    schema: ZTaskClose,
    toBody: (v) => ({ outcome: v.outcome, note: blankToNull(v.note) }),
  });
  useOnOpen(opened, () => {
    restart(form, blank);
    close.reset();
  });

  const onSubmit = form.onSubmit((body) =>
    task
      ? close.mutate(
          { task, body },
          {
            onSuccess: (t) => {
              notifications.show({
                color: "green",
                message: `“${t.title}” closed: ${OUTCOME_LABELS[body.outcome]}`,
              });
              onClose();
            },
            onError: showServerErrors(form, LABELS),
          },
        )
      : undefined,
  );

  const outcome = form.values.outcome;
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="Close item"
      onSubmit={onSubmit}
      save={close}
      errors={form.errors}
      submitLabel="Close item"
    >
      <Text size="sm" fw={500}>
        {task?.title}
      </Text>
      <Select
        label="Outcome"
        data={CHOICES}
        allowDeselect={false}
        description={OUTCOME_HINTS[outcome]}
        comboboxProps={{ withinPortal: true }}
        {...form.getInputProps("outcome")}
      />
      <Textarea
        label="Note"
        description={
          outcome === "unsuccessful"
            ? "Required: what happened, so the next person knows"
            : "Optional: what was done; it goes on the account's timeline"
        }
        withAsterisk={outcome === "unsuccessful"}
        autosize
        minRows={3}
        maxRows={8}
        data-autofocus
        {...form.getInputProps("note")}
      />
    </FormModal>
  );
}
