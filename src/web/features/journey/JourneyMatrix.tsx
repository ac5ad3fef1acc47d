import { Badge, Group, Stack, Table, Text } from "@mantine/core";
import type { Journey, JourneyFigures } from "../../../contract/index.ts";
import { FUNCTION_LABELS } from "../../lib/labels.ts";
import { avg } from "./labels.ts";

function Figures({ f }: { f: JourneyFigures }) {
  return (
    <Stack gap={0}>
      <Text size="sm" fw={600}>
        {f.touchpoints}
      </Text>
      <Text size="xs" c="dimmed">
        Q {avg(f.avgQuality)} · E {avg(f.avgExperience)}
      </Text>
    </Stack>
  );
}

/** A gap marked in words (and colour), so it reads without colour too. */
const GapLabel = ({ text }: { text: string }) => (
  <Badge size="xs" color="orange" variant="light">
    {text}
  </Badge>
);

/**
 * The decision step × function matrix: each cell the touchpoints' count with average quality (Q)
 * and experience (E); gaps labelled where they are.
 */
export function JourneyMatrix({ journey }: { journey: Journey }) {
  const cell = (step: string, fn: string) => journey.cells.find((c) => c.step === step && c.function === fn);
  const gap = (step: string, fn: string | null) =>
    journey.gaps.find((g) => g.step === step && g.function === fn);
  // Functions with no touchpoint in the period make empty columns: left out, listed below.
  const functions = journey.functions.filter(
    (f) => (journey.functionTotals.find((t) => t.function === f)?.touchpoints ?? 0) > 0,
  );
  const absent = journey.functions.filter((f) => !functions.includes(f));
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={640}>
        <Table
          withTableBorder
          withColumnBorders
          striped={false}
          aria-label="Touchpoints by decision step and function"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Decision step</Table.Th>
              {functions.map((f) => (
                <Table.Th key={f} scope="col">
                  {FUNCTION_LABELS[f] ?? f}
                </Table.Th>
              ))}
              <Table.Th scope="col">All functions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {journey.steps.map((s) => {
              const total = journey.stepTotals.find((t) => t.step === s.key);
              const stepGap = gap(s.key, null);
              return (
                <Table.Tr key={s.key} bg={stepGap ? "var(--mantine-color-orange-light)" : undefined}>
                  <Table.Th scope="row">
                    <Group gap={6}>
                      <Text size="sm" fw={500}>
                        {s.label}
                      </Text>
                      {s.archived ? (
                        <Badge size="xs" color="gray" variant="light">
                          archived
                        </Badge>
                      ) : null}
                      {stepGap ? <GapLabel text="Gap: no touchpoints" /> : null}
                    </Group>
                  </Table.Th>
                  {functions.map((f) => {
                    const c = cell(s.key, f);
                    const g = gap(s.key, f);
                    return (
                      <Table.Td key={f} bg={g ? "var(--mantine-color-orange-light)" : undefined}>
                        {c ? (
                          <Figures f={c} />
                        ) : g ? (
                          <GapLabel text="Gap: absent" />
                        ) : (
                          <Text c="dimmed">–</Text>
                        )}
                      </Table.Td>
                    );
                  })}
                  <Table.Td>{total ? <Figures f={total} /> : null}</Table.Td>
                </Table.Tr>
              );
            })}
            <Table.Tr>
              <Table.Th scope="row">
                <Text size="sm" c="dimmed">
                  No step given
                </Text>
              </Table.Th>
              {functions.map((f) => (
                <Table.Td key={f} />
              ))}
              <Table.Td>
                <Figures f={journey.withoutStep} />
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row">All steps</Table.Th>
              {functions.map((f) => {
                const t = journey.functionTotals.find((x) => x.function === f);
                return <Table.Td key={f}>{t ? <Figures f={t} /> : null}</Table.Td>;
              })}
              <Table.Td>
                <Figures f={journey.total} />
              </Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed">
        Each cell: touchpoints, then average quality of our performance (Q) and the customer's experience (E),
        1–5; “–” where nothing was rated.
        {absent.length > 0
          ? ` No touchpoints from ${absent.map((f) => FUNCTION_LABELS[f] ?? f).join(", ")} in this period.`
          : ""}
      </Text>
    </Stack>
  );
}
