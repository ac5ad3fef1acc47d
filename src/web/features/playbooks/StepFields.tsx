import {
  ActionIcon,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { IconArrowDown, IconArrowUp, IconTrash } from "@tabler/icons-react";
import { PLAYBOOK_OWNER_ROLES, TASK_PRIORITIES } from "../../../contract/index.ts";
import { options } from "../../lib/labels.ts";
import { PRIORITY_LABELS } from "../inbox/labels.ts";
import { OWNER_ROLE_LABELS } from "./labels.ts";
import type { PlaybookBody, PlaybookValues } from "./playbookDraft.ts";

type Form = UseFormReturnType<PlaybookValues, PlaybookBody>;

function StepButton({
  label,
  onClick,
  icon,
  color = "gray",
}: {
  label: string;
  onClick: () => void;
  icon: React.ReactNode;
  color?: string;
}) {
  return (
    <Tooltip label={label} withArrow>
      <ActionIcon variant="subtle" color={color} aria-label={label} onClick={onClick}>
        {icon}
      </ActionIcon>
    </Tooltip>
  );
}

/** One step of the playbook: what to do, by when after the start, whose, how urgent; moved or removed. */
export function StepFields({ form, index, count }: { form: Form; index: number; count: number }) {
  const at = `steps.${index}`;
  const n = index + 1;
  return (
    <Paper withBorder radius="md" p="sm" data-testid="playbook-step">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600} size="sm">
            Step {n}
          </Text>
          <Group gap={2}>
            {index > 0 ? (
              <StepButton
                label={`Move step ${n} up`}
                icon={<IconArrowUp size={16} />}
                onClick={() => form.reorderListItem("steps", { from: index, to: index - 1 })}
              />
            ) : null}
            {index < count - 1 ? (
              <StepButton
                label={`Move step ${n} down`}
                icon={<IconArrowDown size={16} />}
                onClick={() => form.reorderListItem("steps", { from: index, to: index + 1 })}
              />
            ) : null}
            {count > 1 ? (
              <StepButton
                label={`Remove step ${n}`}
                color="red"
                icon={<IconTrash size={16} />}
                onClick={() => form.removeListItem("steps", index)}
              />
            ) : null}
          </Group>
        </Group>
        <TextInput label="Title" withAsterisk maxLength={300} {...form.getInputProps(`${at}.title`)} />
        <Textarea
          label="Description"
          description="What to do and what good looks like; the task carries it"
          autosize
          minRows={1}
          maxRows={5}
          {...form.getInputProps(`${at}.description`)}
        />
        <Group gap="sm" align="flex-start" grow>
          <NumberInput
            label="Due in"
            withAsterisk
            description="Days after the start"
            min={0}
            max={365}
            allowDecimal={false}
            rightSection={<Text size="xs">days</Text>}
            rightSectionWidth={44}
            {...form.getInputProps(`${at}.dueInDays`)}
          />
          <Select
            label="Owner"
            description="On the account team; else the account owner"
            allowDeselect={false}
            data={options(PLAYBOOK_OWNER_ROLES, OWNER_ROLE_LABELS)}
            {...form.getInputProps(`${at}.ownerRole`)}
          />
          <Select
            label="Priority"
            description="Of the step's task"
            allowDeselect={false}
            data={options(TASK_PRIORITIES, PRIORITY_LABELS)}
            {...form.getInputProps(`${at}.priority`)}
          />
        </Group>
      </Stack>
    </Paper>
  );
}
