import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { IconAlertTriangle, IconArrowLeft, IconArrowRight, IconReplace } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { type ImportEntity, type ImportMapping, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { formatNumber } from "../../lib/format.ts";
import { FormError } from "../../ui/FormError.tsx";
import { FixedValues } from "./FixedValues.tsx";
import type { CsvFile, DryRun, Preview } from "./ImportPage.tsx";
import { cleanMapping, fitTo, IGNORE, missingRequired, withColumn } from "./mappingDraft.ts";
import { TranslateValuesModal } from "./TranslateValuesModal.tsx";

const CUSTOM = "__custom";

/** A custom field key from a column name: "Contract Owner" → "contract_owner". */
const keyFrom = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^[^a-z]+/, "")
    .replace(/_+$/, "")
    .slice(0, 63) || "field";

const replacedCount = (values: Record<string, string> | undefined) =>
  Object.values(values ?? {}).filter((v) => v.trim() !== "").length;

export function MappingStep({
  entity,
  file,
  preview,
  draft,
  onDraft,
  onBack,
  onValidated,
}: {
  entity: ImportEntity;
  file: CsvFile;
  preview: Preview;
  draft: ImportMapping | null;
  onDraft: (m: ImportMapping) => void;
  onBack: () => void;
  onValidated: (d: DryRun) => void;
}) {
  const mapping = draft ?? fitTo(preview.headers, preview.suggestedMapping);
  const [savedName, setSavedName] = useState<string | null>(null);
  const [saveAs, setSaveAs] = useState("");
  const [saveAsError, setSaveAsError] = useState<string | null>(null);
  const [translating, setTranslating] = useState<string | null>(null);

  const setColumn = (header: string, target: string) => onDraft(withColumn(mapping, header, target));

  // Usage has no custom fields: such columns are kept as properties of each event.
  const extraLabel = entity === "usage" ? "Event property…" : "Custom field…";
  // Only accounts, contacts, subscriptions (custom fields) and usage (event properties) take other columns.
  const takesCustom = ["accounts", "contacts", "subscriptions", "usage"].includes(entity);
  const targetOptions = useMemo(
    () => [
      {
        group: "Fields",
        items: preview.targets.map((t) => ({ value: t.field, label: `${t.label}${t.required ? " *" : ""}` })),
      },
      {
        group: "Other",
        items: [
          ...(takesCustom ? [{ value: CUSTOM, label: extraLabel }] : []),
          { value: IGNORE, label: "Ignore this column" },
        ],
      },
    ],
    [preview.targets, extraLabel, takesCustom],
  );

  const mappedTargets = Object.values(mapping.columns);
  const missing = missingRequired(preview.required, mapping);
  const duplicates = [
    ...new Set(mappedTargets.filter((t, i) => t !== IGNORE && mappedTargets.indexOf(t) !== i)),
  ];

  // Blank fixed values and replacements mean none: the import and a saved mapping leave them out.
  const sent = cleanMapping(mapping);
  const validate = useMutation({
    mutationFn: () =>
      api(routes.runImport, {
        params: { entity },
        body: { csv: file.text, fileName: file.name, mapping: sent, dryRun: true },
      }),
    onSuccess: (report) => onValidated({ report, mapping: sent, saveMappingAs: saveAs.trim() || undefined }),
  });

  const onValidate = () => {
    if (saveAs.trim().length > 100) {
      setSaveAsError("Use at most 100 characters");
      return;
    }
    validate.mutate();
  };

  const targetLabel = new Map(preview.targets.map((t) => [t.field, t]));
  const fieldName = (f: string) => targetLabel.get(f)?.label ?? f;
  const translatingTarget = translating === null ? null : (mapping.columns[translating] ?? IGNORE);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed">
          {file.name}: {formatNumber(preview.rowCount)} rows, {preview.headers.length} columns. Pick the
          Steward field each column fills. Fields marked * are required.
        </Text>
        {preview.savedMappings.length > 0 ? (
          <Select
            label="Use a saved mapping"
            placeholder="Pick one"
            w={260}
            data={preview.savedMappings.map((m) => m.name)}
            value={savedName}
            onChange={(name) => {
              setSavedName(name);
              const saved = preview.savedMappings.find((m) => m.name === name);
              onDraft(fitTo(preview.headers, saved ? saved.mapping : preview.suggestedMapping));
            }}
            clearable
          />
        ) : null}
      </Group>

      <Paper withBorder radius="md">
        <ScrollArea type="auto">
          <Table className="steward-table" miw={760} verticalSpacing="xs" aria-label="Column mapping">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>CSV column</Table.Th>
                <Table.Th>Sample values</Table.Th>
                <Table.Th w={340}>Steward field</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.headers.map((h, col) => {
                const target = mapping.columns[h] ?? IGNORE;
                const isCustom = target.startsWith("custom:");
                const samples = preview.sampleRows
                  .map((r) => r[col] ?? "")
                  .filter((v) => v !== "")
                  .slice(0, 3);
                const info = targetLabel.get(target);
                return (
                  <Table.Tr key={h} style={{ opacity: target === IGNORE ? 0.6 : 1 }}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {h}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed" lineClamp={2} maw={320}>
                        {samples.length ? samples.join(" · ") : "(empty in the first rows)"}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Select
                          size="xs"
                          w={isCustom ? 140 : 300}
                          aria-label={`Field for column ${h}`}
                          data={targetOptions}
                          value={isCustom ? CUSTOM : target}
                          allowDeselect={false}
                          searchable
                          onChange={(v) => {
                            if (!v) return;
                            setColumn(h, v === CUSTOM ? `custom:${keyFrom(h)}` : v);
                          }}
                        />
                        {isCustom ? (
                          <TextInput
                            size="xs"
                            w={200}
                            aria-label={`${entity === "usage" ? "Property" : "Custom field"} key for column ${h}`}
                            leftSection={
                              <Text size="xs" c="dimmed">
                                custom:
                              </Text>
                            }
                            leftSectionWidth={58}
                            value={target.slice("custom:".length)}
                            onChange={(e) => setColumn(h, `custom:${e.currentTarget.value}`)}
                          />
                        ) : null}
                      </Group>
                      {info?.description ? (
                        <Text size="xs" c="dimmed" mt={2}>
                          {info.description}
                        </Text>
                      ) : null}
                      {target !== IGNORE ? (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          mt={4}
                          leftSection={<IconReplace size={12} />}
                          aria-label={`Replace values of column ${h}`}
                          onClick={() => setTranslating(h)}
                        >
                          {replacedCount(mapping.values?.[target])
                            ? `${replacedCount(mapping.values?.[target])} values replaced`
                            : "Replace values…"}
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Paper>

      <FixedValues
        targets={preview.targets}
        mapping={mapping}
        onChange={(defaults) => onDraft({ ...mapping, defaults })}
      />

      {missing.length > 0 ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title="A required field has no column"
          data-testid="mapping-missing-required"
        >
          The import needs{" "}
          {missing.map((r) => (
            <Badge key={r.fields.join()} size="sm" variant="outline" color="red" mx={2} tt="none">
              {r.fields.map(fieldName).join(" or ")}
            </Badge>
          ))}
          . Pick the column that holds {missing.length > 1 ? "them" : "it"}, or give{" "}
          {missing.length > 1 ? "them a value" : "it a value"} under “Same value for every row”. The dry run
          starts once {missing.length > 1 ? "they are" : "it is"} filled.
        </Alert>
      ) : null}
      {duplicates.length > 0 ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
          More than one column is mapped to {duplicates.map((d) => targetLabel.get(d)?.label ?? d).join(", ")}
          . Keep one and ignore the others.
        </Alert>
      ) : null}

      <TextInput
        label="Save this mapping as (optional)"
        description="Saved when the import is committed, to reuse for the next file from the same system"
        placeholder="e.g. Salesforce export"
        maw={360}
        value={saveAs}
        onChange={(e) => {
          setSaveAs(e.currentTarget.value);
          setSaveAsError(null);
        }}
        error={saveAsError}
      />

      {translating !== null && translatingTarget !== null && translatingTarget !== IGNORE ? (
        <TranslateValuesModal
          header={translating}
          target={targetLabel.get(translatingTarget)}
          fieldLabel={fieldName(translatingTarget)}
          column={preview.columnValues[preview.headers.indexOf(translating)]}
          translations={mapping.values?.[translatingTarget] ?? {}}
          onChange={(t) => onDraft({ ...mapping, values: { ...mapping.values, [translatingTarget]: t } })}
          onClose={() => setTranslating(null)}
        />
      ) : null}

      <FormError error={validate.error} />
      <Group>
        <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
          Back
        </Button>
        <Button
          rightSection={<IconArrowRight size={16} />}
          onClick={onValidate}
          loading={validate.isPending}
          disabled={duplicates.length > 0 || missing.length > 0}
        >
          Validate (dry run)
        </Button>
        {validate.isPending ? (
          <Text size="sm" c="dimmed">
            Checking {formatNumber(preview.rowCount)} rows…
          </Text>
        ) : null}
      </Group>
    </Stack>
  );
}
