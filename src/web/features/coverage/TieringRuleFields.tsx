import { Autocomplete, Group, Paper, Select, Skeleton, Stack, Text } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconTrash } from "@tabler/icons-react";
import { COVERAGE_MODELS } from "../../../contract/index.ts";
import { options } from "../../lib/labels.ts";
import { RowAction } from "../../ui/RowAction.tsx";
import { COVERAGE_LABELS } from "../health/healthText.ts";
import { FilterGroupEditor } from "../segments/FilterGroupEditor.tsx";
import type { CoverageEditor } from "./use-coverage-editor.ts";

/** "" keeps the account's coverage: the rule sets the tier only. */
const LEAVE = "";
const COVERAGE_CHOICES = [
  ...options(COVERAGE_MODELS, COVERAGE_LABELS),
  { value: LEAVE, label: "Leave coverage as it is" },
];

/**
 * One tiering rule: its tier, the coverage it gives (or none), and which accounts it takes — the
 * segments' filter builder — with buttons to move it up or down the order, or remove it.
 */
export function TieringRuleFields({
  editor,
  index,
  count,
  suggestions,
}: {
  editor: CoverageEditor;
  index: number;
  count: number;
  /** Tiers the workspace already uses. */
  suggestions: string[];
}) {
  const { form, fields } = editor;
  const rule = form.values.tiering.rules[index];
  if (!rule) return null;
  const path = `tiering.rules.${index}`;
  const name = rule.tier.trim() || `rule ${index + 1}`;
  return (
    <Paper withBorder radius="md" p="sm" data-testid="tiering-rule">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Group gap="sm" align="flex-start" wrap="wrap">
            <Text fw={600} size="sm" mt={30} w={24}>
              {index + 1}.
            </Text>
            <Autocomplete
              label="Tier"
              withAsterisk
              w={220}
              maxLength={50}
              data={suggestions}
              {...form.getInputProps(`${path}.tier`)}
            />
            <Select
              label="Coverage"
              w={240}
              data={COVERAGE_CHOICES}
              allowDeselect={false}
              {...form.getInputProps(`${path}.coverage`)}
            />
          </Group>
          <Group gap={4} wrap="nowrap" mt={24}>
            <RowAction
              tooltip="Move up: tried earlier"
              label={`Move ${name} up`}
              icon={<IconArrowUp size={16} />}
              disabled={index === 0}
              onClick={() => form.reorderListItem("tiering.rules", { from: index, to: index - 1 })}
            />
            <RowAction
              tooltip="Move down: tried later"
              label={`Move ${name} down`}
              icon={<IconArrowDown size={16} />}
              disabled={index === count - 1}
              onClick={() => form.reorderListItem("tiering.rules", { from: index, to: index + 1 })}
            />
            <RowAction
              tooltip="Remove this rule"
              label={`Remove ${name}`}
              icon={<IconTrash size={16} />}
              color="red"
              onClick={() => form.removeListItem("tiering.rules", index)}
            />
          </Group>
        </Group>
        <Text size="xs" c="dimmed">
          Accounts that fit these conditions (and no rule above) get this tier
          {rule.coverage ? ` and ${COVERAGE_LABELS[rule.coverage]?.toLowerCase()} coverage` : ""}:
        </Text>
        {fields.isError ? (
          <Text size="sm" c="red.7">
            The fields a rule can test could not be loaded. Reload the page to try again.
          </Text>
        ) : !fields.fields ? (
          <Skeleton h={60} />
        ) : (
          <FilterGroupEditor group={rule.filter} depth={1} ed={editor.editing(index)} entity="account" />
        )}
      </Stack>
    </Paper>
  );
}
