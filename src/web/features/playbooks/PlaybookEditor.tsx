import { Button, Group, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import {
  type Playbook,
  type PlaybookCreateIn,
  TASK_TYPES,
  ZPlaybookCreate,
} from "../../../contract/index.ts";
import { options } from "../../lib/labels.ts";
import { EditorHeader } from "../../ui/EditorHeader.tsx";
import { FormError } from "../../ui/FormError.tsx";
import { showServerErrors, useContractForm } from "../../ui/form.ts";
import { Section } from "../../ui/Section.tsx";
import { TYPE_LABELS } from "../inbox/labels.ts";
import {
  blankStep,
  bodyOf,
  MAX_STEPS,
  nameTakenMessage,
  PLAYBOOK_LABELS,
  valuesOf,
} from "./playbookDraft.ts";
import { StepFields } from "./StepFields.tsx";
import { usePlaybookMutations } from "./use-playbooks.ts";

/**
 * A playbook's form (admins): name, description, the inbox type of its tasks, and its ordered
 * steps. The contract's schema checks it before sending; what the server refuses shows at the
 * field it names.
 */
export function PlaybookEditor({
  playbook,
  onSaved,
  onCancel,
}: {
  playbook?: Playbook;
  onSaved: (p: Playbook) => void;
  onCancel: () => void;
}) {
  const form = useContractForm({
    initialValues: valuesOf(playbook),
    labels: PLAYBOOK_LABELS,
    schema: ZPlaybookCreate,
    toBody: bodyOf,
  });
  const { create, update } = usePlaybookMutations();
  const save = playbook ? update : create;
  const submit = form.onSubmit((b) => {
    // The schema has checked it: every step has its due day.
    const body = b as PlaybookCreateIn;
    const done = {
      onSuccess: onSaved,
      onError: (e: unknown) => {
        const taken = nameTakenMessage(e);
        if (taken) form.setFieldError("name", taken);
        else showServerErrors(form, PLAYBOOK_LABELS)(e);
      },
    };
    if (playbook) update.mutate({ id: playbook.id, body }, done);
    else create.mutate(body, done);
  });
  const steps = form.values.steps;
  return (
    <form onSubmit={submit} noValidate>
      <EditorHeader
        at={{ list: "/playbooks", page: "/playbooks/$id" }}
        listLabel="Playbooks"
        record={playbook}
        title={playbook ? `Edit “${playbook.name}”` : "New playbook"}
        description={
          playbook
            ? "Runs started already keep their tasks; the changes apply from the next start."
            : "Each step becomes a task for the account team when the playbook starts on an account."
        }
        saveLabel="Save playbook"
        saving={save.isPending}
        onCancel={onCancel}
      />
      <Stack gap="md" maw={960}>
        <FormError error={nameTakenMessage(save.error) ? null : save.error} errors={form.errors} />
        <Section title="Playbook">
          <Stack gap="sm">
            <TextInput label="Name" withAsterisk maxLength={120} {...form.getInputProps("name")} />
            <Textarea
              label="Description"
              description="When to use it, so others know"
              autosize
              minRows={1}
              {...form.getInputProps("description")}
            />
            <Select
              label="Tasks are"
              description="The inbox type of its steps' tasks"
              w={280}
              allowDeselect={false}
              data={options(TASK_TYPES, TYPE_LABELS)}
              {...form.getInputProps("type")}
            />
          </Stack>
        </Section>
        <Section
          title="Steps"
          description="In the order they are done; each is due some days after the start"
          testId="playbook-steps"
          actions={
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} />}
              disabled={steps.length >= MAX_STEPS}
              onClick={() => form.insertListItem("steps", blankStep(steps[steps.length - 1]))}
            >
              Add step
            </Button>
          }
        >
          <Stack gap="sm">
            {form.errors.steps ? (
              <Text size="sm" c="red.7">
                {form.errors.steps}
              </Text>
            ) : null}
            {steps.map((s, i) => (
              <StepFields key={s.key} form={form} index={i} count={steps.length} />
            ))}
            {steps.length >= MAX_STEPS ? (
              <Group>
                <Text size="sm" c="dimmed">
                  A playbook has at most {MAX_STEPS} steps.
                </Text>
              </Group>
            ) : null}
          </Stack>
        </Section>
      </Stack>
    </form>
  );
}
