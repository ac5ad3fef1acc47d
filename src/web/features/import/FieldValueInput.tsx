import { Select, TextInput } from "@mantine/core";
import type { Preview } from "./ImportPage.tsx";

export type Target = Preview["targets"][number];

const PLACEHOLDER: Partial<Record<Target["type"], string>> = {
  date: "YYYY-MM-DD",
  money: "e.g. 49.90",
  number: "a number",
  integer: "a whole number",
  email: "name@example.com",
};

/** A value for a field: its options to pick from when it has some, else free text. */
export function FieldValueInput({
  target,
  value,
  onChange,
  label,
  placeholder,
}: {
  target: Target | undefined;
  value: string;
  onChange: (v: string) => void;
  label: string;
  placeholder?: string;
}) {
  const options = target?.type === "boolean" ? ["true", "false"] : target?.options;
  if (options?.length) {
    return (
      <Select
        size="xs"
        aria-label={label}
        placeholder={placeholder ?? "Pick a value"}
        data={options}
        value={value || null}
        onChange={(v) => onChange(v ?? "")}
        clearable
        searchable
      />
    );
  }
  return (
    <TextInput
      size="xs"
      aria-label={label}
      placeholder={placeholder ?? (target ? PLACEHOLDER[target.type] : undefined)}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}
