import { Badge, Progress, Table, Text, Tooltip } from "@mantine/core";
import { Fragment } from "react";
import type { MeasureScore } from "../../../contract/index.ts";
import { formatDecimal, formatPercent } from "../../lib/format.ts";
import { formatMeasureValue } from "./healthText.ts";

/** Measures in their groups, in the order the model lists them. */
const byGroup = (measures: MeasureScore[]) => {
  const groups = new Map<string, MeasureScore[]>();
  for (const m of measures) groups.set(m.group, [...(groups.get(m.group) ?? []), m]);
  return [...groups.entries()];
};

const sum = (ms: MeasureScore[], f: (m: MeasureScore) => number) => ms.reduce((s, m) => s + f(m), 0);

/** What a measure without a value did: left out (weight shared) or scored 0. */
function MissingValue({ m }: { m: MeasureScore }) {
  const skipped = m.points === null;
  return (
    <Tooltip
      label={
        skipped
          ? "No value: left out, its weight shared among the other measures"
          : "No value: scored as poor (0 points) by the model's missing-data policy"
      }
      withArrow
    >
      <Text size="sm" c="dimmed" fs="italic" span>
        no data ({skipped ? "skipped" : "scored poor"})
      </Text>
    </Tooltip>
  );
}

/**
 * The score explained: each measure's raw value, points (0–100), weight after redistribution and
 * the points it added, grouped as the model groups them. Contribution bars share one scale: the
 * most any single measure could add.
 */
export function MeasureBreakdown({
  measures,
  label = "Score explanation",
}: {
  measures: MeasureScore[];
  label?: string;
}) {
  const scale = Math.max(1, ...measures.map((m) => m.weight * 100));
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table className="steward-table" aria-label={label} verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Measure</Table.Th>
            <Table.Th>Value</Table.Th>
            <Table.Th style={{ textAlign: "right" }}>Points</Table.Th>
            <Table.Th style={{ textAlign: "right" }}>Weight</Table.Th>
            <Table.Th style={{ width: 180 }}>Contribution</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {byGroup(measures).map(([group, ms]) => (
            <Fragment key={group}>
              <Table.Tr bg="var(--mantine-color-gray-0)">
                <Table.Td colSpan={3}>
                  <Text size="xs" fw={700} tt="uppercase" c="dimmed">
                    {group}
                  </Text>
                </Table.Td>
                <Table.Td className="steward-num">
                  <Text size="xs" fw={600} c="dimmed">
                    {formatPercent(sum(ms, (m) => m.weight))}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" fw={600} c="dimmed" className="steward-num">
                    +{formatDecimal(sum(ms, (m) => m.contribution))}
                  </Text>
                </Table.Td>
              </Table.Tr>
              {ms.map((m) => (
                <Table.Tr key={m.key} data-testid="measure-row" data-missing={m.missing ? "true" : undefined}>
                  <Table.Td>
                    <Text size="sm">{m.name}</Text>
                  </Table.Td>
                  <Table.Td>
                    {m.missing ? (
                      <MissingValue m={m} />
                    ) : (
                      <Text size="sm">{formatMeasureValue(m.source, m.value)}</Text>
                    )}
                  </Table.Td>
                  <Table.Td className="steward-num">
                    {m.points === null ? (
                      <Text c="dimmed" size="sm" span>
                        —
                      </Text>
                    ) : (
                      <Badge
                        size="sm"
                        variant="light"
                        color={m.points >= 100 ? "teal" : m.points <= 0 ? "red" : "yellow"}
                        className="steward-num"
                      >
                        {formatDecimal(m.points, 0)}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td className="steward-num">{formatPercent(m.weight)}</Table.Td>
                  <Table.Td>
                    <Tooltip
                      label={`${formatDecimal(m.contribution)} of the score's 100 points`}
                      withArrow
                      openDelay={200}
                    >
                      <div style={{ display: "flex", alignItems: "center", gap: 8 }}>
                        <Progress
                          value={(m.contribution / scale) * 100}
                          size="sm"
                          style={{ flex: 1 }}
                          aria-hidden
                        />
                        <Text size="sm" className="steward-num" w={38} ta="right">
                          +{formatDecimal(m.contribution)}
                        </Text>
                      </div>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
