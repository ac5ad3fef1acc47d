import { Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { routes, type Segment, type SegmentMember } from "../../../contract/index.ts";
import { formatDateTime, relativeDays } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { type AnyColumns, columnHelper } from "../../ui/DataTable.tsx";
import { ListTable, pagerFor, usePaging } from "../../ui/ListTable.tsx";
import { AnchorLink } from "../../ui/links.tsx";

const col = columnHelper<SegmentMember>();

const entered = col.accessor("enteredAt", {
  header: "Entered",
  cell: (i) => {
    const at = i.getValue();
    return at ? (
      <Text size="sm">
        {formatDateTime(at)}{" "}
        <Text span size="xs" c="dimmed">
          {relativeDays(at)}
        </Text>
      </Text>
    ) : (
      <Text c="dimmed">—</Text>
    );
  },
});

const ACCOUNT_COLUMNS: AnyColumns<SegmentMember> = [
  col.accessor("name", {
    header: "Account",
    cell: (i) => (
      <AnchorLink to="/accounts/$id" params={{ id: i.row.original.id }} size="sm" fw={500}>
        {i.getValue()}
      </AnchorLink>
    ),
  }),
  entered,
];

const CONTACT_COLUMNS: AnyColumns<SegmentMember> = [
  col.accessor("name", {
    header: "Contact",
    cell: (i) => (
      <AnchorLink to="/contacts/$id" params={{ id: i.row.original.id }} size="sm" fw={500}>
        {i.getValue() || "(no name)"}
      </AnchorLink>
    ),
  }),
  col.accessor("account", {
    header: "Account",
    cell: (i) => {
      const a = i.getValue();
      return a ? (
        <AnchorLink to="/accounts/$id" params={{ id: a.id }} size="sm">
          {a.name}
        </AnchorLink>
      ) : (
        <Text c="dimmed">—</Text>
      );
    },
  }),
  entered,
];

/** Who is in the segment at its last refresh, by name, with when each entered; paged. */
export function SegmentMembers({ segment }: { segment: Segment }) {
  const paging = usePaging();
  const list = useQuery({
    ...apiQuery(routes.listSegmentMembers, {
      params: { segmentId: segment.id },
      query: { limit: paging.limit, cursor: paging.cursor },
    }),
    placeholderData: keepPreviousData,
  });
  return (
    <ListTable
      query={list}
      errorTitle="The members could not be loaded"
      label="Segment members"
      columns={segment.entity === "account" ? ACCOUNT_COLUMNS : CONTACT_COLUMNS}
      data={list.data?.data}
      loading={list.isLoading}
      fetching={list.isPlaceholderData}
      rowKey={(m) => m.id}
      minWidth={560}
      empty={
        <Text ta="center" c="dimmed" size="sm">
          No {segment.entity}s matched the filter at the last refresh.
        </Text>
      }
      pager={pagerFor(list.data, paging)}
    />
  );
}
