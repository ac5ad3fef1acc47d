import { Box, EmptyState, Text } from "@mantine/core";
import { IconBuildingSkyscraper } from "@tabler/icons-react";
import type { EngagedAccount, UsagePeriod } from "../../../contract/index.ts";
import { daysAgo, formatChange, formatDate, formatNumber, formatPercent } from "../../lib/format.ts";
import { type AnyColumns, columnHelper, DataTable } from "../../ui/DataTable.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { Section } from "../../ui/Section.tsx";
import { PERIOD_LABELS } from "./period.tsx";

const col = columnHelper<EngagedAccount>();

const daysSince = (day: string | null) =>
  day === null ? null : Math.max(0, Math.floor((Date.now() - Date.parse(`${day}T00:00:00Z`)) / 86_400_000));

const columns: AnyColumns<EngagedAccount> = [
  col.accessor("name", {
    header: "Account",
    cell: (i) => (
      <Box>
        <AnchorLink
          to="/accounts/$id"
          params={{ id: i.row.original.accountId }}
          search={{ tab: "usage" }}
          size="sm"
          fw={500}
        >
          {i.getValue()}
        </AnchorLink>
        {i.row.original.tier ? (
          <Text size="xs" c="dimmed">
            {i.row.original.tier}
          </Text>
        ) : null}
      </Box>
    ),
  }),
  col.accessor("activeUsers", {
    header: "Active users",
    meta: { numeric: true },
    cell: (i) => formatNumber(i.getValue()),
  }),
  col.accessor("previousActiveUsers", {
    header: "Previous period",
    meta: { numeric: true },
    cell: (i) => {
      const prev = i.getValue();
      const now = i.row.original.activeUsers;
      const change = prev > 0 ? formatChange(now / prev - 1) : now > 0 ? "new" : "";
      return (
        <Text size="sm" span>
          {formatNumber(prev)}
          {change ? (
            <Text size="xs" c="dimmed" span ml={6}>
              ({change})
            </Text>
          ) : null}
        </Text>
      );
    },
  }),
  col.accessor("events", {
    header: "Events",
    meta: { numeric: true },
    cell: (i) => formatNumber(i.getValue()),
  }),
  col.accessor("utilization", {
    header: "Seats used",
    meta: { numeric: true },
    cell: (i) =>
      i.getValue() === null ? (
        <Text size="sm" c="dimmed" span>
          —
        </Text>
      ) : (
        <Text size="sm" span>
          {formatPercent(i.getValue())}
          <Text size="xs" c="dimmed" span ml={6}>
            of {formatNumber(i.row.original.seats)}
          </Text>
        </Text>
      ),
  }),
  col.accessor("lastActiveOn", {
    header: "Last active",
    cell: (i) =>
      i.getValue() ? (
        <Text size="sm" title={formatDate(i.getValue())} span>
          {daysAgo(daysSince(i.getValue()))}
        </Text>
      ) : (
        <Text size="sm" c="dimmed" span>
          Never
        </Text>
      ),
  }),
];

/** Accounts ranked by activity in the period (most or least engaged), each linking to its usage. */
export function EngagedAccounts({
  title,
  rows,
  period,
  loading,
}: {
  title: string;
  rows: EngagedAccount[] | undefined;
  period: UsagePeriod;
  loading: boolean;
}) {
  return (
    <Section title={title} description={`Active users in the last ${PERIOD_LABELS[period]}`} padding={0}>
      <DataTable
        label={title}
        columns={columns}
        data={rows}
        loading={loading}
        rowKey={(a) => a.accountId}
        skeletonRows={5}
        empty={
          <EmptyState
            size="sm"
            icon={<IconBuildingSkyscraper size={22} />}
            withIndicatorBackground
            title="No account activity in this period"
            description="Accounts appear once their users send events through a source."
          />
        }
      />
    </Section>
  );
}
