import { Badge, Button, Group, Paper, Skeleton, Stack, Switch, Text, TextInput } from "@mantine/core";
import {
  IconArrowDown,
  IconArrowUp,
  IconEye,
  IconEyeOff,
  IconFilter,
  IconTrash,
  IconX,
} from "@tabler/icons-react";
import { RowAction } from "../../ui/RowAction.tsx";
import { FilterGroupEditor } from "../segments/FilterGroupEditor.tsx";
import { blankFilter } from "../segments/filterDraft.ts";
import { withLabel } from "./lifecycleDraft.ts";
import { AUTOMATIC_HELP, accountsWord } from "./lifecycleText.ts";
import type { LifecycleEditor } from "./use-lifecycle-editor.ts";

/** Why the automatic switch is off-limits now, or null when it may be switched on. */
const automaticBlocked = (hasEntry: boolean, hidden: boolean): string | null =>
  hidden
    ? "A hidden stage takes no accounts: show it first."
    : !hasEntry
      ? "Give the stage entry criteria first: they say which accounts move in."
      : null;

/**
 * One stage: its name, key (chosen only while it is new), description, entry criteria — the
 * segments' filter builder — and whether accounts meeting them move in on their own, with buttons
 * to move it along the journey, hide or show it, and remove a stage of the workspace's own.
 */
export function StageFields({
  editor,
  index,
  count,
}: {
  editor: LifecycleEditor;
  index: number;
  count: number;
}) {
  const { form, fields } = editor;
  const stage = form.values.stages[index];
  if (!stage) return null;
  const path = `stages.${index}`;
  const name = stage.label.trim() || `stage ${index + 1}`;
  const blocked = automaticBlocked(stage.hasEntry, stage.hidden);
  const labelProps = form.getInputProps(`${path}.label`);
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      data-testid="lifecycle-stage"
      bg={stage.hidden ? "gray.0" : undefined}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Group gap="sm" align="flex-start" wrap="wrap">
            <Text fw={600} size="sm" mt={30} w={24}>
              {index + 1}.
            </Text>
            <TextInput
              label="Name"
              withAsterisk
              w={260}
              maxLength={60}
              {...labelProps}
              onChange={(e) => form.setFieldValue(path, withLabel(stage, e.currentTarget.value))}
            />
            {stage.added ? (
              <TextInput
                label="Key"
                title="The stage as the API and imports name it"
                w={220}
                maxLength={40}
                {...form.getInputProps(`${path}.key`)}
                onChange={(e) =>
                  form.setFieldValue(path, { ...stage, key: e.currentTarget.value, keyEdited: true })
                }
              />
            ) : null}
            <Group gap={6} mt={30}>
              <Badge variant="light" color={stage.builtIn ? "blue" : "grape"} tt="none">
                {stage.builtIn ? "Built-in" : "Own stage"}
              </Badge>
              {stage.hidden ? (
                <Badge variant="light" color="gray" tt="none">
                  Hidden
                </Badge>
              ) : null}
              {stage.added ? null : (
                <Text size="sm" c="dimmed">
                  {accountsWord(stage.accounts)} · key {stage.key}
                </Text>
              )}
            </Group>
          </Group>
          <Group gap={4} wrap="nowrap" mt={24}>
            <RowAction
              tooltip="Move up: earlier in the journey"
              label={`Move ${name} up`}
              icon={<IconArrowUp size={16} />}
              disabled={index === 0}
              onClick={() => editor.move(index, -1)}
            />
            <RowAction
              tooltip="Move down: later in the journey"
              label={`Move ${name} down`}
              icon={<IconArrowDown size={16} />}
              disabled={index === count - 1}
              onClick={() => editor.move(index, 1)}
            />
            <RowAction
              tooltip={
                stage.hidden
                  ? "Show: offered again when setting a stage"
                  : "Hide: no longer offered when setting a stage; accounts in it stay"
              }
              label={stage.hidden ? `Show ${name}` : `Hide ${name}`}
              icon={stage.hidden ? <IconEye size={16} /> : <IconEyeOff size={16} />}
              onClick={() =>
                form.setFieldValue(path, {
                  ...stage,
                  hidden: !stage.hidden,
                  automatic: stage.hidden ? stage.automatic : false,
                })
              }
            />
            {stage.builtIn ? null : (
              <RowAction
                tooltip={
                  stage.accounts > 0
                    ? `Remove: ${accountsWord(stage.accounts)} in it must move to another stage first`
                    : "Remove this stage"
                }
                label={`Remove ${name}`}
                icon={<IconTrash size={16} />}
                color="red"
                onClick={() => editor.remove(index)}
              />
            )}
          </Group>
        </Group>
        <TextInput
          label="Description"
          placeholder="What an account in this stage is doing"
          maxLength={300}
          {...form.getInputProps(`${path}.description`)}
        />
        {stage.hasEntry ? (
          <Stack gap="xs">
            <Group justify="space-between">
              <Text size="xs" c="dimmed">
                Entry criteria: accounts that fit these conditions are ready for this stage.
              </Text>
              <Button
                variant="subtle"
                color="gray"
                size="compact-xs"
                leftSection={<IconX size={12} />}
                onClick={() => form.setFieldValue(path, { ...stage, hasEntry: false, automatic: false })}
              >
                Remove the criteria
              </Button>
            </Group>
            {fields.isError ? (
              <Text size="sm" c="red.7">
                The fields the criteria can test could not be loaded. Reload the page to try again.
              </Text>
            ) : !fields.fields ? (
              <Skeleton h={60} />
            ) : (
              <FilterGroupEditor group={stage.entry} depth={1} ed={editor.editing(index)} entity="account" />
            )}
          </Stack>
        ) : (
          <Group gap="sm">
            <Text size="xs" c="dimmed">
              No entry criteria: accounts enter this stage when a person or a rule puts them there.
            </Text>
            <Button
              variant="light"
              size="compact-xs"
              leftSection={<IconFilter size={12} />}
              onClick={() =>
                form.setFieldValue(path, {
                  ...stage,
                  hasEntry: true,
                  entry: stage.entry.items.length ? stage.entry : blankFilter(),
                })
              }
            >
              Add entry criteria
            </Button>
          </Group>
        )}
        <Switch
          label="Move accounts in automatically"
          description={blocked ?? AUTOMATIC_HELP}
          disabled={blocked !== null}
          {...form.getInputProps(`${path}.automatic`, { type: "checkbox" })}
        />
      </Stack>
    </Paper>
  );
}
