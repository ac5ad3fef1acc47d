import { Code, Group, Paper, ScrollArea, Table, Text } from "@mantine/core";
import { IconCopy } from "@tabler/icons-react";
import type { ImportReport } from "../../../contract/index.ts";
import { formatNumber } from "../../lib/format.ts";

const rows = (n: number) => `${formatNumber(n)} ${n === 1 ? "row" : "rows"}`;

/** Usage imports: the event ids the file repeats (the first row of each is imported) and those stored before. */
export function DuplicatesPanel({ report }: { report: ImportReport }) {
  const d = report.duplicates;
  if (!d || d.inFile + d.alreadyStored === 0) return null;
  return (
    <Paper withBorder radius="md" data-testid="import-duplicates">
      <Group
        px="md"
        py="sm"
        gap="xs"
        style={{
          borderBottom: d.repeated.length ? "1px solid var(--mantine-color-default-border)" : undefined,
        }}
      >
        <IconCopy size={18} />
        <Text fw={600} size="sm">
          {rows(d.inFile + d.alreadyStored)} skipped as duplicates
        </Text>
        <Text size="xs" c="dimmed">
          {rows(d.inFile)} with an earlier row's event id · {rows(d.alreadyStored)} with an event id stored
          before. Skipped rows are not errors.
        </Text>
      </Group>
      {d.repeated.length ? (
        <ScrollArea.Autosize mah={300} type="auto">
          <Table className="steward-table" verticalSpacing={6} aria-label="Repeated event ids">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Event id</Table.Th>
                <Table.Th>Rows (the first is imported)</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.repeated.map((r) => (
                <Table.Tr key={r.eventId}>
                  <Table.Td>
                    <Code>{r.eventId}</Code>
                  </Table.Td>
                  <Table.Td>{r.rows.join(", ")}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      ) : null}
      {d.repeatedTruncated ? (
        <Text size="xs" c="dimmed" px="md" py="xs">
          Only the first {formatNumber(d.repeated.length)} repeated ids are listed.
        </Text>
      ) : null}
    </Paper>
  );
}
