import { Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type Task, ZTaskSnooze } from "../../../contract/index.ts";
import { formatDateTime } from "../../lib/format.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import { type FieldLabels, restart, showServerErrors, useContractForm, useOnOpen } from "../../ui/form.ts";
import { fromLocalInput, snoozeChoices, toLocalInput } from "./task.rules.ts";
import { useTaskMutations } from "./use-task-mutations.ts";

type Values = { until: string };
const LABELS: FieldLabels = { until: "Snooze until" };

/** Snoozes an item until a date and time of the person's choosing (their own time zone). */
export function SnoozeModal({
  task,
  opened,
  onClose,
}: {
  task: Task | undefined;
  opened: boolean;
  onClose: () => void;
}) {
  const { snooze } = useTaskMutations();
  const form = useContractForm<Values, { until: string }>({
    initialValues: { until: "" },
    labels: LABELS,
    schema: ZTaskSnooze,
    toBody: (v) => ({ until: fromLocalInput(v.until) ?? "" }),
    // The schema knows a timestamp, not the clock: these say it in words before the server would.
    check: (v): Record<string, string> => {
      const until = fromLocalInput(v.until);
      if (!until) return { until: "Pick a date and a time" };
      if (Date.parse(until) <= Date.now()) return { until: "Snooze until must be in the future" };
      return {};
    },
  });
  useOnOpen(opened, () => {
    restart(form, { until: toLocalInput(snoozeChoices(new Date())[0]?.until ?? new Date()) });
    snooze.reset();
  });

  const onSubmit = form.onSubmit(({ until }) =>
    task
      ? snooze.mutate(
          { task, until },
          {
            onSuccess: (t) => {
              notifications.show({ message: `“${t.title}” snoozed until ${formatDateTime(until)}` });
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
      title="Snooze until…"
      onSubmit={onSubmit}
      save={snooze}
      errors={form.errors}
      submitLabel="Snooze"
    >
      <Text size="sm">
        “{task?.title}” leaves the open inbox and comes back by itself at this time (within a year).
      </Text>
      <TextInput
        type="datetime-local"
        label="Snooze until"
        required
        data-autofocus
        {...form.getInputProps("until")}
      />
    </FormModal>
  );
}
