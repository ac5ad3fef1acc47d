import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  Progress,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import {
  IconAlertCircle,
  IconAlertTriangle,
  IconArrowLeft,
  IconCircleCheck,
  IconDatabaseImport,
  IconRefresh,
} from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ImportEntity, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { formatNumber } from "../../lib/format.ts";
import { invalidate } from "../../lib/query.ts";
import { FormError } from "../../ui/FormError.tsx";
import { ButtonLink } from "../../ui/links.tsx";
import { DuplicatesPanel } from "./DuplicatesPanel.tsx";
import type { CsvFile, DryRun } from "./ImportPage.tsx";

function Stat({ label, value, tone }: { label: string; value: number; tone?: "red" | "green" }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={24} fw={600} c={tone && value > 0 ? (tone === "red" ? "red.7" : "green.8") : undefined}>
        {formatNumber(value)}
      </Text>
    </Paper>
  );
}

const listLink = (entity: ImportEntity) =>
  entity === "contacts" ? ("/contacts" as const) : ("/accounts" as const);

export function ReportStep({
  entity,
  file,
  dryRun,
  onDryRun,
  onBack,
  onRestart,
}: {
  entity: ImportEntity;
  file: CsvFile;
  dryRun: DryRun;
  onDryRun: (d: DryRun) => void;
  onBack: () => void;
  onRestart: () => void;
}) {
  const qc = useQueryClient();
  const r = dryRun.report;
  const run = (commit: boolean) =>
    api(routes.runImport, {
      params: { entity },
      body: {
        csv: file.text,
        fileName: file.name,
        mapping: dryRun.mapping,
        dryRun: !commit,
        saveMappingAs: commit ? dryRun.saveMappingAs : undefined,
      },
    });
  const commit = useMutation({
    mutationFn: () => run(true),
    onSuccess: async (report) => {
      onDryRun({ ...dryRun, report });
      await invalidate(
        qc,
        "/api/v1/accounts",
        "/api/v1/contacts",
        "/api/v1/subscriptions",
        "/api/v1/imports",
        "/api/v1/custom-fields",
        "/api/v1/search",
        "/api/v1/usage",
        "/api/v1/events",
      );
    },
  });
  const recheck = useMutation({
    mutationFn: () => run(false),
    onSuccess: (report) => onDryRun({ ...dryRun, report }),
  });

  const committed = r.status === "committed";
  const usage = entity === "usage";
  const hasErrors = r.errorRows > 0 || r.errors.length > 0;

  if (committed) {
    return (
      <Stack gap="md" maw={900}>
        <Alert color="green" variant="light" icon={<IconCircleCheck size={20} />} title="Import complete">
          {usage
            ? `${formatNumber(r.createdRows)} usage events stored from ${file.name}, ${formatNumber(r.skippedRows ?? 0)} ${r.skippedRows === 1 ? "row" : "rows"} skipped as duplicates.`
            : `${formatNumber(r.createdRows)} ${entity} created and ${formatNumber(r.updatedRows)} updated from ${file.name}.`}
          {r.newCustomFields.length > 0
            ? ` New custom fields: ${r.newCustomFields.map((f) => `${f.key} (${f.type})`).join(", ")}.`
            : ""}
          {dryRun.saveMappingAs ? ` The mapping was saved as “${dryRun.saveMappingAs}”.` : ""}
        </Alert>
        <DuplicatesPanel report={r} />
        <Group>
          <ButtonLink to={listLink(entity)}>
            View {entity === "contacts" ? "contacts" : "accounts"}
          </ButtonLink>
          <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={onRestart}>
            Import another file
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Dry run of {file.name}: nothing has been stored yet.
      </Text>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" data-testid="import-totals">
        <Stat label="Rows" value={r.totalRows} />
        <Stat label={usage ? "Would store" : "Would create"} value={r.createdRows} tone="green" />
        {usage ? (
          <Stat label="Skipped as duplicates" value={r.skippedRows ?? 0} />
        ) : (
          <Stat label="Would update" value={r.updatedRows} />
        )}
        <Stat label="Rows with errors" value={r.errorRows} tone="red" />
      </SimpleGrid>

      {r.warnings.length > 0 ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="Warnings">
          <Stack gap={2}>
            {r.warnings.map((w) => (
              <Text size="sm" key={w}>
                {w}
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : null}
      <DuplicatesPanel report={r} />
      {r.newCustomFields.length > 0 ? (
        <Text size="sm">
          The import will define new custom fields:{" "}
          {r.newCustomFields.map((f) => (
            <Badge key={f.key} size="sm" variant="default" mx={2} tt="none">
              {f.key} ({f.type})
            </Badge>
          ))}
        </Text>
      ) : null}

      {hasErrors ? (
        <Paper withBorder radius="md">
          <Group
            px="md"
            py="sm"
            justify="space-between"
            style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
          >
            <Group gap="xs">
              <IconAlertCircle size={18} color="var(--mantine-color-red-7)" />
              <Text fw={600} size="sm">
                {formatNumber(r.errorRows)} row{r.errorRows === 1 ? "" : "s"} with errors
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              Row numbers count data rows: row 1 is the line after the header.
            </Text>
          </Group>
          <ScrollArea.Autosize mah={420} type="auto">
            <Table className="steward-table" verticalSpacing={6} aria-label="Import errors" miw={700}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>Row</Table.Th>
                  <Table.Th>Column</Table.Th>
                  <Table.Th>Value</Table.Th>
                  <Table.Th>Problem</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.errors.map((e, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a row can have several errors on one column
                  <Table.Tr key={`${e.row}-${e.column}-${i}`}>
                    <Table.Td className="steward-num" style={{ textAlign: "left" }}>
                      {e.row}
                    </Table.Td>
                    <Table.Td>{e.column ?? <Text c="dimmed">—</Text>}</Table.Td>
                    <Table.Td>{e.value ? <Code>{e.value}</Code> : <Text c="dimmed">(empty)</Text>}</Table.Td>
                    <Table.Td>{e.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          {r.errorsTruncated ? (
            <Text size="xs" c="dimmed" px="md" py="xs">
              Only the first {formatNumber(r.errors.length)} errors are listed.
            </Text>
          ) : null}
        </Paper>
      ) : (
        <Alert color="green" variant="light" icon={<IconCircleCheck size={18} />}>
          Every row is valid. Import to store {formatNumber(usage ? r.createdRows : r.totalRows)}{" "}
          {usage ? "events" : "rows"}.
        </Alert>
      )}

      {commit.isPending ? (
        <Stack gap={4} maw={520}>
          <Text size="sm">
            Importing {formatNumber(r.totalRows)} rows… keep this page open until it finishes.
          </Text>
          <Progress value={100} animated striped aria-label="Import in progress" />
        </Stack>
      ) : null}
      <FormError error={commit.error ?? recheck.error} />

      <Group>
        <Button
          variant="default"
          leftSection={<IconArrowLeft size={16} />}
          onClick={onBack}
          disabled={commit.isPending}
        >
          Back to mapping
        </Button>
        <Button
          leftSection={<IconDatabaseImport size={16} />}
          disabled={hasErrors || r.totalRows === 0}
          loading={commit.isPending}
          onClick={() => commit.mutate()}
        >
          Import {formatNumber(r.totalRows)} rows
        </Button>
        <Button
          variant="subtle"
          leftSection={<IconRefresh size={16} />}
          onClick={() => recheck.mutate()}
          loading={recheck.isPending}
          disabled={commit.isPending}
        >
          Validate again
        </Button>
      </Group>
      {hasErrors ? (
        <Text size="sm" c="dimmed" data-testid="import-blocked-reason">
          Import is off while rows have errors: Steward stores all rows or none. Fix the rows listed above in
          your file and choose it again, or change the mapping, then validate again.
        </Text>
      ) : null}
    </Stack>
  );
}
