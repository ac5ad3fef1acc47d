import { ActionIcon, Group, Paper, Select, Stack, Text } from "@mantine/core";
import { IconX } from "@tabler/icons-react";
import type { ImportMapping } from "../../../contract/index.ts";
import { FieldValueInput, type Target } from "./FieldValueInput.tsx";

/**
 * "Same value for every row": the mapping's `defaults`. A field no column fills takes the value
 * on every row; a field a column fills takes it where the cell is empty.
 */
export function FixedValues({
  targets,
  mapping,
  onChange,
}: {
  targets: Target[];
  mapping: ImportMapping;
  onChange: (defaults: Record<string, string>) => void;
}) {
  const defaults = mapping.defaults ?? {};
  const byField = new Map(targets.map((t) => [t.field, t]));
  const columnOf = (field: string) => Object.entries(mapping.columns).find(([, t]) => t === field)?.[0];
  const unused = targets.filter((t) => !Object.hasOwn(defaults, t.field));
  const without = (field: string) =>
    Object.fromEntries(Object.entries(defaults).filter(([f]) => f !== field));

  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="xs">
        <div>
          <Text fw={600} size="sm">
            Same value for every row
          </Text>
          <Text size="xs" c="dimmed">
            For a field the file has no column for (a product name, a start date, a currency), or to fill the
            empty cells of a column.
          </Text>
        </div>
        {Object.entries(defaults).map(([field, value]) => {
          const target = byField.get(field);
          const column = columnOf(field);
          return (
            <Group key={field} gap="xs" wrap="nowrap" align="center">
              <Text size="sm" w={220} truncate>
                {target?.label ?? field}
              </Text>
              <div style={{ width: 240 }}>
                <FieldValueInput
                  target={target}
                  label={`Value of ${target?.label ?? field} for every row`}
                  value={value}
                  onChange={(v) => onChange({ ...defaults, [field]: v })}
                />
              </div>
              <Text size="xs" c="dimmed" style={{ flex: 1 }}>
                {column ? `where “${column}” is empty` : "on every row"}
              </Text>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`Remove the value of ${target?.label ?? field}`}
                onClick={() => onChange(without(field))}
              >
                <IconX size={16} />
              </ActionIcon>
            </Group>
          );
        })}
        <Select
          size="xs"
          w={300}
          aria-label="Add a value for every row"
          placeholder="Add a value for a field…"
          data={unused.map((t) => ({ value: t.field, label: `${t.label}${t.required ? " *" : ""}` }))}
          value={null}
          searchable
          onChange={(field) => field && onChange({ ...defaults, [field]: "" })}
        />
      </Stack>
    </Paper>
  );
}
