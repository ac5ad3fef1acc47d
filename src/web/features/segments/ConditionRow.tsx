import { ActionIcon, Group, Select, Stack, Text, Tooltip } from "@mantine/core";
import { IconAlertCircle, IconX } from "@tabler/icons-react";
import { type ConditionOp, OPS_BY_TYPE } from "../../../contract/index.ts";
import { ConditionValue } from "./ConditionValue.tsx";
import { FieldPicker } from "./FieldPicker.tsx";
import { type DraftCondition, type FilterEditing, withField, withOp } from "./filterDraft.ts";
import { OP_LABELS } from "./labels.ts";

/** What is wrong with a row or group, in words with an icon (never colour alone). */
export function NodeErrors({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <Stack gap={2} data-testid="segment-issue">
      {messages.map((m) => (
        <Group key={m} gap={4} wrap="nowrap" align="flex-start">
          <IconAlertCircle
            size={14}
            color="var(--mantine-color-red-7)"
            style={{ flexShrink: 0, marginTop: 2 }}
          />
          <Text size="xs" c="red.7">
            {m}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/**
 * One condition: the field, an operator that field takes (in words), the value in the input the
 * two call for, and a remove button; what the server or the builder found wrong shows under it.
 */
export function ConditionRow({ condition: c, ed }: { condition: DraftCondition; ed: FilterEditing }) {
  const field = ed.byKey.get(c.field);
  const messages = ed.errorsOf(c.id);
  const invalid = messages.length > 0;
  const set = (next: DraftCondition) => ed.update(c.id, () => next);
  return (
    <Stack gap={4} data-testid="segment-condition">
      <Group gap="xs" align="flex-start" wrap="wrap">
        <FieldPicker
          fields={ed.fields}
          byKey={ed.byKey}
          value={c.field}
          onChange={(f) => set(withField(c, f))}
          invalid={invalid && !field}
        />
        {field ? (
          <Select
            aria-label="Operator"
            w={210}
            allowDeselect={false}
            data={OPS_BY_TYPE[field.type].map((op) => ({ value: op, label: OP_LABELS[op] }))}
            value={c.op}
            onChange={(op) => op && set(withOp(c, op as ConditionOp))}
          />
        ) : null}
        {field ? (
          <ConditionValue
            field={field}
            op={c.op}
            value={c.value}
            onChange={(value) => set({ ...c, value })}
            invalid={invalid}
          />
        ) : null}
        <Tooltip label="Remove this condition">
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label="Remove this condition"
            onClick={() => ed.remove(c.id)}
          >
            <IconX size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <NodeErrors messages={messages} />
    </Stack>
  );
}
