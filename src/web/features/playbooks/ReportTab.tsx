import { Alert, Group, List, Paper, Skeleton, Stack, Table, Text } from "@mantine/core";
import { IconAlertTriangle, IconScale } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { type Playbook, type PlaybookGroup, routes } from "../../../contract/index.ts";
import { formatNumber, formatPercent } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { Section } from "../../ui/Section.tsx";
import { pointsText, rateDiffText } from "./playbook.rules.ts";

type Row = { label: string; treated: ReactNode; heldOut: ReactNode; difference: ReactNode };

const rate = (share: number | null, n: number) =>
  share === null ? "—" : `${formatPercent(share)} (${formatNumber(n)})`;

const rowsOf = (
  t: PlaybookGroup,
  h: PlaybookGroup,
  d: { healthChange: number | null; churnRate: number | null; contractionRate: number | null },
  days: number,
): Row[] => [
  {
    label: `Followed ${days} days`,
    treated: formatNumber(t.followed),
    heldOut: formatNumber(h.followed),
    difference: "",
  },
  {
    label: "Still being followed",
    treated: formatNumber(t.following),
    heldOut: formatNumber(h.following),
    difference: "",
  },
  {
    label: "Average health change",
    treated: `${pointsText(t.healthChange)} (${formatNumber(t.healthMeasured)} scored)`,
    heldOut: `${pointsText(h.healthChange)} (${formatNumber(h.healthMeasured)} scored)`,
    difference: d.healthChange === null ? "—" : `${pointsText(d.healthChange)} points`,
  },
  {
    label: "Churned",
    treated: rate(t.churnRate, t.churned),
    heldOut: rate(h.churnRate, h.churned),
    difference: rateDiffText(d.churnRate),
  },
  {
    label: "Contracted",
    treated: rate(t.contractionRate, t.contracted),
    heldOut: rate(h.contractionRate, h.contracted),
    difference: rateDiffText(d.contractionRate),
  },
];

/**
 * The playbook's effect: accounts its rules treated against those they held out at random, 90 days
 * on — with the caution when the groups are too small to tell, and the rules compared.
 */
export function ReportTab({ playbook }: { playbook: Playbook }) {
  const q = useQuery(apiQuery(routes.playbookReport, { params: { playbookId: playbook.id } }));
  if (q.isError) {
    return <ErrorAlert error={q.error} title="The report could not be loaded" onRetry={() => q.refetch()} />;
  }
  if (!q.data) return <Skeleton h={200} />;
  const r = q.data;
  if (r.rules.length === 0) {
    return (
      <Paper withBorder radius="md" p="lg" data-testid="playbook-report-empty">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <IconScale size={22} color="var(--mantine-color-dimmed)" />
          <Stack gap={4}>
            <Text fw={500}>Nothing to compare yet</Text>
            <Text size="sm" c="dimmed">
              The report compares accounts a rule started this playbook on with accounts the rule held out at
              random, 90 days on. No rule starts it with a hold-out: in a rule that starts it, set “Hold out”
              to a share such as 10%.
            </Text>
          </Stack>
        </Group>
      </Paper>
    );
  }
  const rows = rowsOf(r.treated, r.heldOut, r.difference, r.followDays);
  return (
    <Stack gap="md" data-testid="playbook-report">
      {r.caution ? (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title="Too early to tell"
        >
          {r.caution}
        </Alert>
      ) : null}
      <Text fw={500} data-testid="playbook-report-summary">
        {r.summary}
      </Text>
      <Paper withBorder radius="md">
        <Table aria-label="Treated against held out" verticalSpacing="xs" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th ta="right">Treated</Table.Th>
              <Table.Th ta="right">Held out</Table.Th>
              <Table.Th ta="right">Difference</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.label}>
                <Table.Th fw={500}>{row.label}</Table.Th>
                <Table.Td ta="right" className="steward-num">
                  {row.treated}
                </Table.Td>
                <Table.Td ta="right" className="steward-num">
                  {row.heldOut}
                </Table.Td>
                <Table.Td ta="right" className="steward-num">
                  {row.difference}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Section
        title="Rules compared"
        description="Each account counts on the side its rule put it, even if someone started the playbook on it later by hand"
      >
        <List size="sm" spacing={4}>
          {r.rules.map((rule) => (
            <List.Item key={rule.id ?? rule.name}>
              {rule.id ? (
                <AnchorLink to="/rules/$id" params={{ id: rule.id }} size="sm">
                  {rule.name}
                </AnchorLink>
              ) : (
                <Text span size="sm">
                  {rule.name} (deleted)
                </Text>
              )}{" "}
              <Text span size="sm" c="dimmed">
                holds out {rule.holdOutPercent}%
              </Text>
            </List.Item>
          ))}
        </List>
      </Section>
    </Stack>
  );
}
