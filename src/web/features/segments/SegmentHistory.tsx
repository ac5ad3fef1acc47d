import { Badge, Text } from "@mantine/core";
import { IconLogin2, IconLogout2 } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { routes, type Segment, type SegmentChange } from "../../../contract/index.ts";
import { formatDateTime, relativeDays } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { type AnyColumns, columnHelper } from "../../ui/DataTable.tsx";
import { ListTable, pagerFor, usePaging } from "../../ui/ListTable.tsx";
import { AnchorLink } from "../../ui/links.tsx";

const col = columnHelper<SegmentChange>();
/** The server's name for a record deleted since it entered or left. */
const DELETED = "(deleted)";

/** Entered or left, in words and with an arrow in or out, the colour only repeating it. */
function ChangeBadge({ change }: { change: SegmentChange["change"] }) {
  return change === "entered" ? (
    <Badge variant="light" color="teal" leftSection={<IconLogin2 size={12} />}>
      Entered
    </Badge>
  ) : (
    <Badge variant="light" color="gray" leftSection={<IconLogout2 size={12} />}>
      Left
    </Badge>
  );
}

const columnsFor = (entity: Segment["entity"]): AnyColumns<SegmentChange> => [
  col.accessor("at", {
    header: "When",
    cell: (i) => (
      <Text size="sm">
        {formatDateTime(i.getValue())}{" "}
        <Text span size="xs" c="dimmed">
          {relativeDays(i.getValue())}
        </Text>
      </Text>
    ),
  }),
  col.accessor("change", { header: "Change", cell: (i) => <ChangeBadge change={i.getValue()} /> }),
  col.accessor("name", {
    header: entity === "account" ? "Account" : "Contact",
    // A record deleted since keeps its place in the history, without a page to open.
    cell: (i) =>
      i.getValue() === DELETED ? (
        <Text size="sm" c="dimmed">
          Deleted {entity}
        </Text>
      ) : entity === "account" ? (
        <AnchorLink to="/accounts/$id" params={{ id: i.row.original.id }} size="sm">
          {i.getValue()}
        </AnchorLink>
      ) : (
        <AnchorLink to="/contacts/$id" params={{ id: i.row.original.id }} size="sm">
          {i.getValue() || "(no name)"}
        </AnchorLink>
      ),
  }),
];

/** Who entered and left the segment, and when, newest first; paged. */
export function SegmentHistory({ segment }: { segment: Segment }) {
  const paging = usePaging();
  const list = useQuery({
    ...apiQuery(routes.listSegmentChanges, {
      params: { segmentId: segment.id },
      query: { limit: paging.limit, cursor: paging.cursor },
    }),
    placeholderData: keepPreviousData,
  });
  return (
    <ListTable
      query={list}
      errorTitle="The history could not be loaded"
      label="Segment history"
      columns={columnsFor(segment.entity)}
      data={list.data?.data}
      loading={list.isLoading}
      fetching={list.isPlaceholderData}
      rowKey={(c) => `${c.id}:${c.change}:${c.at}`}
      minWidth={560}
      empty={
        <Text ta="center" c="dimmed" size="sm">
          Nobody has entered or left yet. Entries and exits are recorded at each refresh from now on.
        </Text>
      }
      pager={pagerFor(list.data, paging)}
    />
  );
}
