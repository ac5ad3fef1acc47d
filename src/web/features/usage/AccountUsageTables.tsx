import { Badge, Box, EmptyState, Group, Text } from "@mantine/core";
import { IconListDetails, IconUsers } from "@tabler/icons-react";
import type { FeatureUse, KeyPlayerActivity } from "../../../contract/index.ts";
import { daysAgo, formatDate, formatNumber } from "../../lib/format.ts";
import { DECISION_ROLE_LABELS, label } from "../../lib/labels.ts";
import { useArrayPage } from "../../ui/arrayPage.ts";
import { CursorPager } from "../../ui/CursorPager.tsx";
import { type AnyColumns, columnHelper, DataTable } from "../../ui/DataTable.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { Section } from "../../ui/Section.tsx";
import { QuietBadge } from "./AccountUsageStats.tsx";

/** A feature's name with its "Key" badge and the event name it counts. */
export function FeatureName({ name, event, isKey }: { name: string; event: string; isKey: boolean }) {
  return (
    <Box>
      <Group gap={6} wrap="nowrap">
        <Text size="sm" fw={500}>
          {name}
        </Text>
        {isKey ? (
          <Badge size="xs" variant="light" color="grape">
            Key
          </Badge>
        ) : null}
      </Group>
      {name !== event ? (
        <Text size="xs" c="dimmed" ff="monospace" truncate maw={320}>
          {event}
        </Text>
      ) : null}
    </Box>
  );
}

const feature = columnHelper<FeatureUse>();
const featureColumns: AnyColumns<FeatureUse> = [
  feature.accessor("name", {
    header: "Feature",
    cell: (i) => <FeatureName name={i.getValue()} event={i.row.original.event} isKey={i.row.original.key} />,
  }),
  feature.accessor("events", {
    header: "Events",
    meta: { numeric: true },
    cell: (i) => formatNumber(i.getValue()),
  }),
  feature.accessor("users", {
    header: "Users",
    meta: { numeric: true },
    cell: (i) => formatNumber(i.getValue()),
  }),
];

export function TopFeatures({ features }: { features: FeatureUse[] }) {
  const page = useArrayPage(features, 10);
  return (
    <Section title="Top features" description="Most used in the period" padding={0}>
      <DataTable
        label="Top features"
        columns={featureColumns}
        data={page.rows}
        rowKey={(f) => f.event}
        empty={
          <EmptyState
            size="sm"
            icon={<IconListDetails size={22} />}
            withIndicatorBackground
            title="No feature used in this period"
            description="Features are the event names your product sends with track, page and screen calls."
          />
        }
      />
      {page.pager ? <CursorPager {...page.pager} /> : null}
    </Section>
  );
}

const player = columnHelper<KeyPlayerActivity>();
const playerColumns: AnyColumns<KeyPlayerActivity> = [
  player.accessor("name", {
    header: "Key player",
    cell: (i) => {
      const p = i.row.original;
      return (
        <Box>
          <Group gap={6} wrap="nowrap">
            <AnchorLink to="/contacts/$id" params={{ id: p.contactId }} size="sm" fw={500}>
              {i.getValue()}
            </AnchorLink>
            {p.quiet ? <QuietBadge days={p.daysSinceActive ?? 0} size="xs" /> : null}
          </Group>
          <Text size="xs" c="dimmed" truncate maw={260}>
            {[p.title, p.decisionRole ? label(DECISION_ROLE_LABELS, p.decisionRole) : null]
              .filter(Boolean)
              .join(" · ") || "—"}
          </Text>
        </Box>
      );
    },
  }),
  player.accessor("lastActiveOn", {
    header: "Last active",
    cell: (i) =>
      i.getValue() ? (
        <Box>
          <Text size="sm">{daysAgo(i.row.original.daysSinceActive)}</Text>
          <Text size="xs" c="dimmed">
            {formatDate(i.getValue())}
          </Text>
        </Box>
      ) : (
        <Text size="sm" c="dimmed">
          Never seen
        </Text>
      ),
  }),
  player.accessor("eventsInPeriod", {
    header: "Events",
    meta: { numeric: true },
    cell: (i) => formatNumber(i.getValue()),
  }),
];

export function KeyPlayerActivityTable({ players }: { players: KeyPlayerActivity[] }) {
  const page = useArrayPage(players, 10);
  return (
    <Section title="Key players" description="Their last product activity" padding={0}>
      <DataTable
        label="Key player activity"
        columns={playerColumns}
        data={page.rows}
        rowKey={(p) => p.contactId}
        empty={
          <EmptyState
            size="sm"
            icon={<IconUsers size={22} />}
            withIndicatorBackground
            title="No key players mapped"
            description="Mark contacts as key players on the Overview tab to follow their product activity here."
          />
        }
      />
      {page.pager ? <CursorPager {...page.pager} /> : null}
    </Section>
  );
}
