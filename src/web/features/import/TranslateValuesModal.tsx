import { Button, Group, Modal, ScrollArea, Stack, Table, Text, TextInput } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { formatNumber } from "../../lib/format.ts";
import { FieldValueInput, type Target } from "./FieldValueInput.tsx";
import type { Preview } from "./ImportPage.tsx";

/**
 * "Replace values": what a column's cells become before they are read, e.g. Churn's "Yes" →
 * canceled. The mapping's `values` for the column's field; a blank replacement keeps the cell.
 */
export function TranslateValuesModal({
  header,
  target,
  fieldLabel,
  column,
  translations,
  onChange,
  onClose,
}: {
  header: string;
  target: Target | undefined;
  fieldLabel: string;
  column: Preview["columnValues"][number] | undefined;
  translations: Record<string, string>;
  onChange: (t: Record<string, string>) => void;
  onClose: () => void;
}) {
  const [extra, setExtra] = useState("");
  const inFile = column?.values ?? [];
  const listed = new Set(inFile.map((v) => v.value));
  // Replacements for values this file does not have (a saved mapping's, or typed in below).
  const others = Object.keys(translations).filter((k) => !listed.has(k));
  const rows = [...inFile, ...others.map((value) => ({ value, rows: null as number | null }))];
  const set = (from: string, to: string) => onChange({ ...translations, [from]: to });

  return (
    <Modal opened onClose={onClose} title={`Replace values of “${header}”`} size="lg">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Each value on the left is stored in {fieldLabel} as the value you give on the right. Leave it blank
          to keep the value as it is. Case does not matter.
        </Text>
        <ScrollArea.Autosize mah={420} type="auto">
          <Table verticalSpacing={4} aria-label={`Values of column ${header}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>In the file</Table.Th>
                <Table.Th ta="right">Rows</Table.Th>
                <Table.Th w={240}>Store as</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.value}>
                  <Table.Td>
                    <Text size="sm">{r.value}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="xs" c="dimmed">
                      {r.rows === null ? "—" : formatNumber(r.rows)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <FieldValueInput
                      target={target}
                      label={`Store ${r.value} as`}
                      placeholder="keep as it is"
                      value={translations[r.value] ?? ""}
                      onChange={(v) => set(r.value, v)}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
        {column?.more ? (
          <Text size="xs" c="dimmed">
            This column has more than {rows.length} different values; the most frequent are listed. Add
            another one below.
          </Text>
        ) : null}
        <Group gap="xs" align="flex-end">
          <TextInput
            size="xs"
            label="Another value in the file"
            value={extra}
            onChange={(e) => setExtra(e.currentTarget.value)}
          />
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPlus size={14} />}
            disabled={
              extra.trim() === "" || Object.hasOwn(translations, extra.trim()) || listed.has(extra.trim())
            }
            onClick={() => {
              set(extra.trim(), "");
              setExtra("");
            }}
          >
            Add
          </Button>
        </Group>
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
