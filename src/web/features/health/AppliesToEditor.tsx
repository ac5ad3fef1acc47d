import {
  ActionIcon,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { COVERAGE_MODELS, type ModelDefinition, routes } from "../../../contract/index.ts";
import { apiQuery } from "../../lib/query.ts";
import { useStages } from "../lifecycle/use-lifecycle.ts";
import { COVERAGE_LABELS } from "./healthText.ts";

type Errors = Record<string, string>;
type CustomFields = ModelDefinition["appliesTo"]["customFields"];

/** Text typed in a custom-field value: true/false and numbers as such, else text. */
const parseValue = (s: string): string | number | boolean =>
  s === "true" ? true : s === "false" ? false : s.trim() !== "" && Number.isFinite(Number(s)) ? Number(s) : s;

function CustomFieldRows({
  fields,
  onChange,
  readOnly,
  error,
}: {
  fields: CustomFields;
  onChange: (f: CustomFields) => void;
  readOnly: boolean;
  error?: string;
}) {
  const rows = Object.entries(fields);
  const rename = (from: string, to: string) =>
    onChange(Object.fromEntries(rows.map(([k, v]) => (k === from ? [to, v] : [k, v]))));
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        Custom fields equal
      </Text>
      {rows.length === 0 ? (
        <Text size="xs" c="dimmed">
          Any custom field values.
        </Text>
      ) : null}
      {rows.map(([k, v], i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a row's key is the field name being typed
        <Group key={i} gap="xs" wrap="nowrap">
          <TextInput
            size="xs"
            placeholder="field"
            value={k}
            readOnly={readOnly}
            onChange={(e) => rename(k, e.currentTarget.value)}
            aria-label="Custom field"
          />
          <Text size="xs">=</Text>
          <TextInput
            size="xs"
            placeholder="value"
            value={String(v)}
            readOnly={readOnly}
            onChange={(e) => onChange({ ...fields, [k]: parseValue(e.currentTarget.value) })}
            aria-label={`Value of ${k}`}
          />
          {readOnly ? null : (
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove ${k}`}
              onClick={() => onChange(Object.fromEntries(rows.filter(([x]) => x !== k)))}
            >
              <IconTrash size={14} />
            </ActionIcon>
          )}
        </Group>
      ))}
      {error ? (
        <Text size="xs" c="red">
          {error}
        </Text>
      ) : null}
      {readOnly ? null : (
        <Group>
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconPlus size={12} />}
            onClick={() => onChange({ ...fields, [`field_${rows.length + 1}`]: "" })}
          >
            Add condition
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** Which accounts the model scores (every list empty = anyone), and its band cut points. */
export function AppliesToEditor({
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
  const stages = useStages();
  const facets = useQuery(apiQuery(routes.accountFacets, {}));
  const a = def.appliesTo;
  const setA = (patch: Partial<ModelDefinition["appliesTo"]>) =>
    onChange({ ...def, appliesTo: { ...a, ...patch } });
  const b = def.bands;
  const setBand = (k: "averageFrom" | "goodFrom", v: string | number) =>
    onChange({ ...def, bands: { ...b, [k]: typeof v === "number" ? v : Number.NaN } });
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
        <TagsInput
          label="Tiers"
          placeholder={a.tiers.length ? undefined : "Any tier"}
          data={facets.data?.tiers ?? []}
          value={a.tiers}
          readOnly={readOnly}
          onChange={(tiers) => setA({ tiers })}
          error={errors["appliesTo.tiers"]}
        />
        <MultiSelect
          label="Coverage"
          placeholder={a.coverage.length ? undefined : "Any coverage"}
          data={COVERAGE_MODELS.map((c) => ({ value: c, label: COVERAGE_LABELS[c] ?? c }))}
          value={a.coverage}
          readOnly={readOnly}
          onChange={(coverage) => setA({ coverage })}
          error={errors["appliesTo.coverage"]}
        />
        <MultiSelect
          label="Lifecycle stages"
          placeholder={a.lifecycleStages.length ? undefined : "Any stage"}
          data={stages.all.map((s) => ({ value: s.key, label: s.label }))}
          value={a.lifecycleStages}
          readOnly={readOnly}
          onChange={(lifecycleStages) => setA({ lifecycleStages })}
          error={errors["appliesTo.lifecycleStages"]}
        />
      </SimpleGrid>
      <CustomFieldRows
        fields={a.customFields}
        readOnly={readOnly}
        onChange={(customFields) => setA({ customFields })}
        error={errors["appliesTo.customFields"]}
      />
      <Group gap="sm" align="flex-start">
        <NumberInput
          label="Average from"
          description="Scores below are poor"
          w={160}
          min={1}
          max={99}
          readOnly={readOnly}
          value={Number.isFinite(b.averageFrom) ? b.averageFrom : ""}
          onChange={(v) => setBand("averageFrom", v)}
          error={errors["bands.averageFrom"] ?? errors.bands}
        />
        <NumberInput
          label="Good from"
          description="Scores from here are good"
          w={160}
          min={2}
          max={100}
          readOnly={readOnly}
          value={Number.isFinite(b.goodFrom) ? b.goodFrom : ""}
          onChange={(v) => setBand("goodFrom", v)}
          error={errors["bands.goodFrom"]}
        />
      </Group>
    </Stack>
  );
}
