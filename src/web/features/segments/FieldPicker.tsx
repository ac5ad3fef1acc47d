import { type ComboboxParsedItem, isOptionsGroup, type OptionsFilter, Select, Text } from "@mantine/core";
import { useMemo } from "react";
import type { SegmentField } from "../../../contract/index.ts";
import { unitText } from "./labels.ts";

/**
 * The field a condition tests: searchable by name, group or description, filed under the groups
 * the server gives (Account, Health and risk, Usage, …), each option saying what the field holds.
 */
export function FieldPicker({
  fields,
  byKey,
  value,
  onChange,
  invalid,
  readOnly,
}: {
  fields: SegmentField[] | undefined;
  byKey: Map<string, SegmentField>;
  value: string;
  onChange: (field: SegmentField) => void;
  invalid?: boolean;
  readOnly?: boolean;
}) {
  const data = useMemo(() => {
    const groups = new Map<string, { value: string; label: string }[]>();
    for (const f of fields ?? []) {
      const items = groups.get(f.group) ?? [];
      items.push({ value: f.key, label: f.label });
      groups.set(f.group, items);
    }
    // A saved field the workspace no longer has (a deleted custom field) stays readable.
    if (value && fields && !byKey.has(value)) groups.set("No longer available", [{ value, label: value }]);
    return [...groups].map(([group, items]) => ({ group, items }));
  }, [fields, byKey, value]);

  const filter: OptionsFilter = ({ options, search }) => {
    const q = search.trim().toLowerCase();
    if (!q) return options;
    const hit = (o: { value: string; label: string }) => {
      const f = byKey.get(o.value);
      return `${o.label} ${f?.group ?? ""} ${f?.description ?? ""}`.toLowerCase().includes(q);
    };
    return options.flatMap((o): ComboboxParsedItem[] => {
      if (!isOptionsGroup(o)) return hit(o) ? [o] : [];
      const items = o.items.filter(hit);
      return items.length > 0 ? [{ ...o, items }] : [];
    });
  };

  return (
    <Select
      aria-label="Field"
      placeholder={fields ? "Choose a field" : "Loading fields…"}
      searchable
      allowDeselect={false}
      readOnly={readOnly}
      data={data}
      value={value || null}
      onChange={(key) => {
        const f = key ? byKey.get(key) : undefined;
        if (f) onChange(f);
      }}
      filter={filter}
      error={invalid}
      nothingFoundMessage="No field matches"
      maxDropdownHeight={380}
      comboboxProps={{ width: 380, position: "bottom-start" }}
      w={230}
      renderOption={({ option }) => {
        const f = byKey.get(option.value);
        const unit = unitText(f?.unit ?? null);
        return (
          <div>
            <Text size="sm">{option.label}</Text>
            {f ? (
              <Text size="xs" c="dimmed">
                {f.description}
                {unit ? ` · ${unit}` : ""}
                {f.historical ? " · kept day by day" : ""}
              </Text>
            ) : null}
          </div>
        );
      }}
    />
  );
}
