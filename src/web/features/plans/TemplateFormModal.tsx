import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { type PlanTemplate, ZPlanTemplateCreate } from "../../../contract/index.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import { restart, showServerErrors, useContractForm, useOnOpen } from "../../ui/form.ts";
import {
  blankMilestone,
  blankObjective,
  draftOf,
  MAX_MILESTONES,
  MAX_OBJECTIVES,
  TEMPLATE_LABELS,
  type TemplateDraft,
  templateBody,
} from "./templateDraft.ts";
import { useTemplateMutations } from "./use-template-mutations.ts";

type Form = ReturnType<typeof useTemplateForm>;

const useTemplateForm = (template: PlanTemplate | undefined) =>
  useContractForm({
    initialValues: draftOf(template),
    labels: TEMPLATE_LABELS,
    schema: ZPlanTemplateCreate,
    toBody: templateBody,
  });

const DAYS_HINT = "Days after the plan's start";

function Remove({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Tooltip label={label} withArrow>
      <ActionIcon variant="subtle" color="gray" aria-label={label} onClick={onClick} mt={4}>
        <IconTrash size={16} />
      </ActionIcon>
    </Tooltip>
  );
}

/** One objective of the template with its milestones, each due some days after the plan's start. */
function ObjectiveFields({ form, index }: { form: Form; index: number }) {
  const at = `objectives.${index}`;
  const o = form.values.objectives[index] as TemplateDraft["objectives"][number];
  const n = index + 1;
  return (
    <Paper withBorder radius="sm" p="sm">
      <Stack gap="xs">
        <Group align="flex-start" gap="xs" wrap="nowrap">
          <TextInput
            label={`Objective ${n}`}
            placeholder="e.g. Team live on the new process"
            required
            style={{ flex: 1 }}
            {...form.getInputProps(`${at}.title`)}
          />
          <NumberInput
            label="Due after (days)"
            description={n === 1 ? DAYS_HINT : undefined}
            min={0}
            max={3650}
            allowDecimal={false}
            w={150}
            {...form.getInputProps(`${at}.dueInDays`)}
          />
          <Remove label={`Remove objective ${n}`} onClick={() => form.removeListItem("objectives", index)} />
        </Group>
        <Textarea
          label="Description"
          aria-label={`Description of objective ${n}`}
          autosize
          minRows={1}
          maxRows={4}
          {...form.getInputProps(`${at}.description`)}
        />
        <Stack gap={6} pl="md">
          {o.milestones.map((m, j) => (
            <Group key={m.key} align="flex-start" gap="xs" wrap="nowrap">
              <TextInput
                aria-label={`Milestone ${j + 1} of objective ${n}`}
                placeholder={`Milestone ${j + 1}`}
                style={{ flex: 1 }}
                {...form.getInputProps(`${at}.milestones.${j}.title`)}
              />
              <NumberInput
                aria-label={`Days after the start for milestone ${j + 1} of objective ${n}`}
                placeholder="Days"
                min={0}
                max={3650}
                allowDecimal={false}
                w={150}
                {...form.getInputProps(`${at}.milestones.${j}.dueInDays`)}
              />
              <Remove
                label={`Remove milestone ${j + 1} of objective ${n}`}
                onClick={() => form.removeListItem(`${at}.milestones`, j)}
              />
            </Group>
          ))}
          <Group>
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconPlus size={12} />}
              disabled={o.milestones.length >= MAX_MILESTONES}
              onClick={() => form.insertListItem(`${at}.milestones`, blankMilestone())}
            >
              Add milestone
            </Button>
          </Group>
        </Stack>
      </Stack>
    </Paper>
  );
}

/** Adds a plan template or edits one: a name, a description, objectives and their milestones. */
export function TemplateFormModal({
  opened,
  onClose,
  template,
}: {
  opened: boolean;
  onClose: () => void;
  template?: PlanTemplate;
}) {
  const form = useTemplateForm(template);
  const { save } = useTemplateMutations();
  useOnOpen(opened, () => {
    restart(form, draftOf(template));
    save.reset();
  });
  const onSubmit = form.onSubmit((body) =>
    save.mutate(
      { template, body },
      {
        onSuccess: (t) => {
          notifications.show({ color: "green", message: `Template “${t.name}” saved` });
          onClose();
        },
        onError: showServerErrors(form, TEMPLATE_LABELS),
      },
    ),
  );
  const count = form.values.objectives.length;
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={template ? "Edit plan template" : "New plan template"}
      size="xl"
      onSubmit={onSubmit}
      save={save}
      errors={form.errors}
      submitLabel={template ? "Save" : "Add template"}
      footerMt="xs"
    >
      <TextInput
        label="Name"
        placeholder="e.g. Onboarding in 90 days"
        required
        data-autofocus
        {...form.getInputProps("name")}
      />
      <Textarea
        label="Description"
        description="When to use it"
        autosize
        minRows={1}
        maxRows={4}
        {...form.getInputProps("description")}
      />
      <Text size="sm" fw={500}>
        Objectives
      </Text>
      {count === 0 ? (
        <Text size="sm" c="dimmed">
          A template needs at least one objective.
        </Text>
      ) : null}
      {form.values.objectives.map((o, i) => (
        <ObjectiveFields key={o.key} form={form} index={i} />
      ))}
      <Group>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          disabled={count >= MAX_OBJECTIVES}
          onClick={() => form.insertListItem("objectives", blankObjective())}
        >
          Add objective
        </Button>
      </Group>
    </FormModal>
  );
}
