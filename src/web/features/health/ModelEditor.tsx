import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import {
  HEALTH_SOURCE_KEYS,
  HEALTH_SOURCES,
  type HealthSource,
  type Measure,
  type MeasureGroup,
  type ModelDefinition,
  type ScoringRule,
} from "../../../contract/index.ts";
import { defaultRule, keysOf, newGroup, newMeasure, ruleDirection } from "./modelDraft.ts";

/** Errors keyed from inside the definition ("groups.0.measures.1.weight"). */
type Errors = Record<string, string>;
const num = (v: string | number): number => (typeof v === "number" ? v : Number.NaN);
const shown = (v: number): number | string => (Number.isFinite(v) ? v : "");
const SOURCE_OPTIONS = HEALTH_SOURCE_KEYS.map((s) => ({ value: s, label: HEALTH_SOURCES[s].label }));
const UNIT_HINT: Record<string, string> = {
  ratio: "a ratio: 0.5 = 50%",
  days: "days",
  users: "users",
  rating: "rating 1–5",
  boolean: "1 = yes, 0 = no",
};

function RuleFields({
  rule,
  onChange,
  errors,
  path,
  readOnly,
  source,
}: {
  rule: ScoringRule;
  onChange: (r: ScoringRule) => void;
  errors: Errors;
  path: string;
  readOnly: boolean;
  source: HealthSource;
}) {
  const [a, b] = rule.kind === "thresholds" ? (["good", "poor"] as const) : (["from", "to"] as const);
  const va = rule.kind === "thresholds" ? rule.good : rule.from;
  const vb = rule.kind === "thresholds" ? rule.poor : rule.to;
  const set = (x: number, y: number) =>
    onChange(
      rule.kind === "thresholds"
        ? { kind: "thresholds", good: x, poor: y }
        : { kind: "range", from: x, to: y },
    );
  return (
    <Stack gap={4}>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <SegmentedControl
          size="xs"
          disabled={readOnly}
          value={rule.kind}
          data={[
            { value: "thresholds", label: "Thresholds" },
            { value: "range", label: "Range" },
          ]}
          onChange={(k) =>
            onChange(
              k === "range"
                ? { kind: "range", from: vb, to: va }
                : { kind: "thresholds", good: vb, poor: va },
            )
          }
          aria-label="Rule kind"
        />
        <NumberInput
          size="xs"
          w={96}
          label={rule.kind === "thresholds" ? "Good at" : "0 points at"}
          readOnly={readOnly}
          value={shown(rule.kind === "thresholds" ? va : va)}
          onChange={(v) => set(num(v), vb)}
          error={errors[`${path}.${a}`]}
          decimalScale={4}
        />
        <NumberInput
          size="xs"
          w={96}
          label={rule.kind === "thresholds" ? "Poor at" : "100 points at"}
          readOnly={readOnly}
          value={shown(vb)}
          onChange={(v) => set(va, num(v))}
          error={errors[`${path}.${b}`]}
          decimalScale={4}
        />
      </Group>
      <Text size="xs" c={errors[path] ? "red" : "dimmed"}>
        {errors[path] ?? ruleDirection(rule)} · {UNIT_HINT[HEALTH_SOURCES[source].unit]}; usually{" "}
        {HEALTH_SOURCES[source].better} is better
      </Text>
    </Stack>
  );
}

function MeasureFields({
  m,
  path,
  onChange,
  onRemove,
  errors,
  readOnly,
}: {
  m: Measure;
  path: string;
  onChange: (m: Measure) => void;
  onRemove: (() => void) | null;
  errors: Errors;
  readOnly: boolean;
}) {
  return (
    <Paper withBorder radius="sm" p="xs" data-testid="measure-editor">
      <Group gap="xs" align="flex-start" wrap="wrap">
        <TextInput
          size="xs"
          label="Measure"
          w={180}
          readOnly={readOnly}
          value={m.name}
          onChange={(e) => onChange({ ...m, name: e.currentTarget.value })}
          error={errors[`${path}.name`] ?? (errors[`${path}.key`] && `${errors[`${path}.key`]} (${m.key})`)}
        />
        <Select
          size="xs"
          label="Source"
          w={200}
          readOnly={readOnly}
          data={SOURCE_OPTIONS}
          value={m.source}
          allowDeselect={false}
          onChange={(v) => {
            if (!v) return;
            const source = v as HealthSource;
            onChange({ ...m, source, rule: defaultRule(source) });
          }}
          error={errors[`${path}.source`]}
        />
        <NumberInput
          size="xs"
          label="Weight"
          w={80}
          min={0}
          readOnly={readOnly}
          value={shown(m.weight)}
          onChange={(v) => onChange({ ...m, weight: num(v) })}
          error={errors[`${path}.weight`]}
        />
        <Select
          size="xs"
          label="When missing"
          w={150}
          readOnly={readOnly}
          allowDeselect={false}
          data={[
            { value: "skip", label: "Skip (share weight)" },
            { value: "poor", label: "Score as poor" },
          ]}
          value={m.missing}
          onChange={(v) => onChange({ ...m, missing: v === "poor" ? "poor" : "skip" })}
        />
        {onRemove && !readOnly ? (
          <Tooltip label="Remove measure">
            <ActionIcon
              variant="subtle"
              color="red"
              mt={22}
              onClick={onRemove}
              aria-label={`Remove ${m.name}`}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        ) : null}
      </Group>
      <RuleFields
        rule={m.rule}
        source={m.source}
        path={`${path}.rule`}
        errors={errors}
        readOnly={readOnly}
        onChange={(rule) => onChange({ ...m, rule })}
      />
    </Paper>
  );
}

function GroupCard({
  g,
  gi,
  def,
  onChange,
  onRemove,
  errors,
  readOnly,
}: {
  g: MeasureGroup;
  gi: number;
  def: ModelDefinition;
  onChange: (g: MeasureGroup) => void;
  onRemove: (() => void) | null;
  errors: Errors;
  readOnly: boolean;
}) {
  const path = `groups.${gi}`;
  const setMeasure = (mi: number, m: Measure) =>
    onChange({ ...g, measures: g.measures.map((x, i) => (i === mi ? m : x)) });
  return (
    <Paper withBorder radius="md" p="sm" bg="var(--mantine-color-gray-0)" data-testid="group-editor">
      <Group gap="xs" align="flex-start" mb="xs">
        <TextInput
          label="Group"
          size="sm"
          w={220}
          readOnly={readOnly}
          value={g.name}
          onChange={(e) => onChange({ ...g, name: e.currentTarget.value })}
          error={errors[`${path}.name`] ?? errors[`${path}.key`]}
        />
        <NumberInput
          label="Weight"
          size="sm"
          w={90}
          min={0}
          readOnly={readOnly}
          value={shown(g.weight)}
          onChange={(v) => onChange({ ...g, weight: num(v) })}
          error={errors[`${path}.weight`]}
        />
        {onRemove && !readOnly ? (
          <Button
            variant="subtle"
            color="red"
            size="xs"
            mt={26}
            onClick={onRemove}
            leftSection={<IconTrash size={14} />}
          >
            Remove group
          </Button>
        ) : null}
      </Group>
      {errors[`${path}.measures`] ? (
        <Text size="xs" c="red" mb={4}>
          {errors[`${path}.measures`]}
        </Text>
      ) : null}
      <Stack gap="xs">
        {g.measures.map((m, mi) => (
          <MeasureFields
            key={m.key}
            m={m}
            path={`${path}.measures.${mi}`}
            errors={errors}
            readOnly={readOnly}
            onChange={(x) => setMeasure(mi, x)}
            onRemove={
              g.measures.length > 1
                ? () => onChange({ ...g, measures: g.measures.filter((_, i) => i !== mi) })
                : null
            }
          />
        ))}
      </Stack>
      {readOnly ? null : (
        <Button
          variant="subtle"
          size="xs"
          mt="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange({ ...g, measures: [...g.measures, newMeasure("usage.wau", keysOf(def))] })}
        >
          Add measure
        </Button>
      )}
    </Paper>
  );
}

/** The model's groups and measures: names, sources, rules, weights and missing-data policies. */
export function GroupsEditor({
  def,
  onChange,
  errors,
  readOnly,
}: {
  def: ModelDefinition;
  onChange: (d: ModelDefinition) => void;
  errors: Errors;
  readOnly: boolean;
}) {
  return (
    <Stack gap="sm">
      {errors.groups ? (
        <Text size="sm" c="red">
          {errors.groups}
        </Text>
      ) : null}
      {def.groups.map((g, gi) => (
        <GroupCard
          key={g.key}
          g={g}
          gi={gi}
          def={def}
          errors={errors}
          readOnly={readOnly}
          onChange={(x) => onChange({ ...def, groups: def.groups.map((y, i) => (i === gi ? x : y)) })}
          onRemove={
            def.groups.length > 1
              ? () => onChange({ ...def, groups: def.groups.filter((_, i) => i !== gi) })
              : null
          }
        />
      ))}
      {readOnly ? null : (
        <Group>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => onChange({ ...def, groups: [...def.groups, newGroup(keysOf(def))] })}
          >
            Add group
          </Button>
        </Group>
      )}
    </Stack>
  );
}
