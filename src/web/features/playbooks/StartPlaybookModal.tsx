import { Select, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useQuery } from "@tanstack/react-query";
import { routes } from "../../../contract/index.ts";
import { apiQuery } from "../../lib/query.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import { restart, useOnOpen } from "../../ui/form.ts";
import { OWNER_ROLE_LABELS } from "./labels.ts";
import { useRunMutations } from "./use-playbooks.ts";

/**
 * Applies a playbook (one in use) to the account: its steps become tasks for the account team. A
 * playbook already running here is refused by the server, whose words show above the buttons.
 */
export function StartPlaybookModal({
  account,
  opened,
  onClose,
  onStarted,
}: {
  account: { id: string; name: string };
  opened: boolean;
  onClose: () => void;
  onStarted: (runId: string) => void;
}) {
  const list = useQuery({ ...apiQuery(routes.listPlaybooks, { query: {} }), enabled: opened });
  const form = useForm({
    mode: "controlled",
    initialValues: { playbookId: "" },
    validate: { playbookId: (v) => (v ? null : "Pick a playbook") },
  });
  const { start } = useRunMutations(account.id);
  useOnOpen(opened, () => {
    restart(form, { playbookId: "" });
    start.reset();
  });
  const chosen = list.data?.data.find((p) => p.id === form.values.playbookId);
  const submit = form.onSubmit((v) =>
    start.mutate(v.playbookId, {
      onSuccess: (run) => {
        notifications.show({
          message: `${run.playbook.name} started on ${account.name}: ${run.tasks.length} task${run.tasks.length === 1 ? "" : "s"} for the account team`,
        });
        onClose();
        onStarted(run.id);
      },
    }),
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="Start a playbook"
      onSubmit={submit}
      save={start}
      errors={form.errors}
      submitLabel="Start playbook"
    >
      <Select
        label="Playbook"
        withAsterisk
        searchable
        data-autofocus
        data={(list.data?.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        nothingFoundMessage={
          list.isPending ? "Loading playbooks…" : "No playbook in use: an admin can add one"
        }
        {...form.getInputProps("playbookId")}
      />
      {chosen ? (
        <Text size="sm" c="dimmed" data-testid="start-playbook-steps">
          {chosen.steps.length} step{chosen.steps.length === 1 ? "" : "s"}:{" "}
          {chosen.steps
            .map((s) => `${s.title} (${OWNER_ROLE_LABELS[s.ownerRole]}, day ${s.dueInDays})`)
            .join(" · ")}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          Each step becomes a task for the person in its role on the account team (the account owner when
          nobody holds the role), due some days from today.
        </Text>
      )}
    </FormModal>
  );
}
