import { Group, MultiSelect, NumberInput, TagsInput, Text, TextInput } from "@mantine/core";
import type { Condition, ConditionOp, SegmentField } from "../../../contract/index.ts";
import { MembersMultiPicker } from "../../ui/multiPickers.tsx";
import { shapeOf } from "./filterDraft.ts";
import { unitText } from "./labels.ts";

type Value = Condition["value"];
type Props = {
  field: SegmentField;
  op: ConditionOp;
  value: Value;
  onChange: (value: Value) => void;
  invalid?: boolean;
  readOnly?: boolean;
};

// NumberInput answers "" when emptied (and text while a number is half typed).
const numberOrEmpty = (v: string | number): number | "" => (typeof v === "number" ? v : "");
const list = (v: Value): (string | number)[] => (Array.isArray(v) ? v : []);

/** One end of a range (`between`): a number or a date, by the field's type. */
function RangeEnd({
  field,
  label,
  value,
  onChange,
  invalid,
  readOnly,
}: Omit<Props, "op" | "value" | "onChange"> & {
  label: string;
  value: string | number | undefined;
  onChange: (v: string | number) => void;
}) {
  if (field.type === "date") {
    return (
      <TextInput
        type="date"
        aria-label={label}
        w={150}
        value={typeof value === "string" ? value : ""}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={invalid}
        readOnly={readOnly}
      />
    );
  }
  return (
    <NumberInput
      aria-label={label}
      w={110}
      value={value ?? ""}
      onChange={(v) => onChange(numberOrEmpty(v))}
      error={invalid}
      readOnly={readOnly}
    />
  );
}

/**
 * The value of a condition, in the input its field and operator call for: none (has a value,
 * yes/no), a number of days, a list (options, members, or typed words), two ends of a range, or
 * one number, date or text. A number shows its field's unit after it.
 */
export function ConditionValue({ field, op, value, onChange, invalid, readOnly }: Props) {
  const unit = unitText(field.unit);
  switch (shapeOf(op)) {
    case "none":
      return null;
    case "days":
      return (
        <NumberInput
          aria-label="Number of days"
          placeholder="days"
          w={110}
          min={0}
          max={3650}
          allowDecimal={false}
          allowNegative={false}
          value={typeof value === "number" ? value : ""}
          onChange={(v) => onChange(typeof v === "number" ? v : undefined)}
          error={invalid}
          readOnly={readOnly}
        />
      );
    case "list": {
      const common = {
        "aria-label": "Values",
        value: list(value).map(String),
        onChange: (v: string[]) => onChange(v),
        error: invalid,
        readOnly,
        miw: 220,
        maw: 420,
        style: { flex: 1 },
      };
      if (field.type === "member") return <MembersMultiPicker placeholder="Choose members" {...common} />;
      if (field.type === "enum") {
        return <MultiSelect placeholder="Choose values" data={field.options ?? []} searchable {...common} />;
      }
      return <TagsInput placeholder="Type a value, press Enter" splitChars={[","]} {...common} />;
    }
    case "range": {
      const [from, to] = list(value);
      const set = (i: 0 | 1) => (v: string | number) => onChange(i === 0 ? [v, to ?? ""] : [from ?? "", v]);
      return (
        <Group gap={6} wrap="nowrap">
          <RangeEnd
            field={field}
            label="From"
            value={from}
            onChange={set(0)}
            invalid={invalid}
            readOnly={readOnly}
          />
          <Text size="sm">and</Text>
          <RangeEnd
            field={field}
            label="To"
            value={to}
            onChange={set(1)}
            invalid={invalid}
            readOnly={readOnly}
          />
          {unit && field.type === "number" ? (
            <Text size="sm" c="dimmed">
              {unit}
            </Text>
          ) : null}
        </Group>
      );
    }
    case "one":
      if (field.type === "number") {
        return (
          <Group gap={6} wrap="nowrap">
            <NumberInput
              aria-label="Value"
              w={120}
              value={typeof value === "number" ? value : ""}
              onChange={(v) => onChange(typeof v === "number" ? v : undefined)}
              error={invalid}
              readOnly={readOnly}
            />
            {unit ? (
              <Text size="sm" c="dimmed">
                {unit}
              </Text>
            ) : null}
          </Group>
        );
      }
      return (
        <TextInput
          aria-label="Value"
          type={field.type === "date" ? "date" : "text"}
          w={field.type === "date" ? 150 : 220}
          value={typeof value === "string" ? value : ""}
          onChange={(e) => onChange(e.currentTarget.value === "" ? undefined : e.currentTarget.value)}
          error={invalid}
          readOnly={readOnly}
        />
      );
  }
}
