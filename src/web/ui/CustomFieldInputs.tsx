import { Checkbox, NumberInput, Select, SimpleGrid, TextInput } from "@mantine/core";
import type { CustomFieldDef } from "../../contract/index.ts";
import { customFieldLabel } from "./customFieldSplit.ts";

type Value = string | number | boolean | null;

/** Inputs for the workspace's custom fields, typed by each definition. */
export function CustomFieldInputs({
  defs,
  values,
  onChange,
  errors,
}: {
  defs: CustomFieldDef[];
  values: Record<string, Value>;
  onChange: (values: Record<string, Value>) => void;
  errors?: Record<string, unknown>;
}) {
  if (defs.length === 0) return null;
  const set = (key: string, v: Value) => onChange({ ...values, [key]: v });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      {defs.map((d) => {
        const v = values[d.key] ?? null;
        const error = errors?.[`customFields.${d.key}`] as React.ReactNode;
        const label = customFieldLabel(d);
        switch (d.type) {
          case "number":
            return (
              <NumberInput
                key={d.key}
                label={label}
                value={typeof v === "number" ? v : ""}
                onChange={(n) => set(d.key, typeof n === "number" ? n : null)}
                error={error}
              />
            );
          case "boolean":
            return (
              <Checkbox
                key={d.key}
                label={label}
                mt="lg"
                checked={v === true}
                onChange={(e) => set(d.key, e.currentTarget.checked)}
                error={error}
              />
            );
          case "select":
            return (
              <Select
                key={d.key}
                label={label}
                data={d.options ?? []}
                value={typeof v === "string" ? v : null}
                onChange={(s) => set(d.key, s)}
                clearable
                error={error}
              />
            );
          case "date":
            return (
              <TextInput
                key={d.key}
                type="date"
                label={label}
                value={typeof v === "string" ? v : ""}
                onChange={(e) => set(d.key, e.currentTarget.value || null)}
                error={error}
              />
            );
          default:
            return (
              <TextInput
                key={d.key}
                label={label}
                value={v === null ? "" : String(v)}
                onChange={(e) => set(d.key, e.currentTarget.value === "" ? null : e.currentTarget.value)}
                error={error}
              />
            );
        }
      })}
    </SimpleGrid>
  );
}

/** Shows a custom field's stored value the way its type reads. */
export const formatCustomValue = (v: Value | undefined): string => {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "boolean") return v ? "Yes" : "No";
  return String(v);
};
