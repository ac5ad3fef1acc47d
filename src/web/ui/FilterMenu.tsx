import {
  Badge,
  Button,
  Checkbox,
  Group,
  Popover,
  Radio,
  ScrollArea,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { IconChevronDown, IconSearch } from "@tabler/icons-react";
import { useState } from "react";

export type FilterOption = { value: string; label: string };

/**
 * A compact multi-value filter: a button naming the filter and what is picked, with a checkbox
 * list — or, `single`, a list of radios for a filter that takes one value (a segment).
 */
export function FilterMenu({
  label,
  options,
  value,
  onChange,
  loading,
  single,
  empty,
}: {
  label: string;
  options: FilterOption[];
  value: string[];
  onChange: (value: string[]) => void;
  loading?: boolean;
  single?: boolean;
  /** What to say when there are no options at all. */
  empty?: string;
}) {
  const [search, setSearch] = useState("");
  const picked = new Set(value);
  const shown = search
    ? options.filter((o) => o.label.toLowerCase().includes(search.toLowerCase()))
    : options;
  const summary =
    value.length === 0
      ? null
      : value.length === 1
        ? (options.find((o) => o.value === value[0])?.label ?? value[0])
        : `${value.length} selected`;

  return (
    <Popover position="bottom-start" shadow="md" width={240} trapFocus onClose={() => setSearch("")}>
      <Popover.Target>
        <Button
          variant={value.length ? "light" : "default"}
          size="sm"
          rightSection={<IconChevronDown size={14} />}
          aria-label={`Filter by ${label.toLowerCase()}`}
          fw={500}
        >
          {label}
          {summary ? (
            <Text span size="sm" fw={600} ml={6} maw={140} truncate>
              : {summary}
            </Text>
          ) : null}
        </Button>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Stack gap="xs">
          {options.length > 8 ? (
            <TextInput
              size="xs"
              placeholder={`Find ${label.toLowerCase()}`}
              leftSection={<IconSearch size={14} />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              data-autofocus
            />
          ) : null}
          <ScrollArea.Autosize mah={260} type="auto">
            <Stack gap={6} p={2}>
              {loading ? (
                <Text size="sm" c="dimmed">
                  Loading…
                </Text>
              ) : shown.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {options.length === 0 ? (empty ?? "No values in this workspace yet.") : "Nothing matches."}
                </Text>
              ) : single ? (
                shown.map((o) => (
                  <Radio
                    key={o.value}
                    label={o.label}
                    checked={picked.has(o.value)}
                    onChange={() => onChange([o.value])}
                  />
                ))
              ) : (
                shown.map((o) => (
                  <Checkbox
                    key={o.value}
                    label={o.label}
                    checked={picked.has(o.value)}
                    onChange={(e) =>
                      onChange(
                        e.currentTarget.checked ? [...value, o.value] : value.filter((v) => v !== o.value),
                      )
                    }
                  />
                ))
              )}
            </Stack>
          </ScrollArea.Autosize>
          {value.length > 0 ? (
            <Group justify="space-between">
              <Badge variant="light" size="sm">
                {single ? "1 chosen" : `${value.length} selected`}
              </Badge>
              <Button size="compact-xs" variant="subtle" onClick={() => onChange([])}>
                Clear
              </Button>
            </Group>
          ) : null}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** Comma-separated URL value ↔ list. */
export const splitList = (v: string | undefined): string[] => (v ? v.split(",").filter(Boolean) : []);
export const joinList = (v: string[]): string | undefined => (v.length ? v.join(",") : undefined);
