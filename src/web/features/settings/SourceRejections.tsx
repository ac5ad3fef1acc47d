import { Badge, Box, Code, Drawer, EmptyState, Text } from "@mantine/core";
import { IconCircleCheck } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type Rejection, routes, type Source } from "../../../contract/index.ts";
import { formatDateTime } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { type AnyColumns, columnHelper } from "../../ui/DataTable.tsx";
import { ListTable, pagerFor, usePaging } from "../../ui/ListTable.tsx";

const col = columnHelper<Rejection>();
const columns: AnyColumns<Rejection> = [
  col.accessor("receivedAt", { header: "Received", cell: (i) => formatDateTime(i.getValue()) }),
  col.accessor("message", {
    header: "Why",
    meta: { wrap: true },
    cell: (i) => {
      const r = i.row.original;
      return (
        <Box>
          <Badge size="xs" variant="light" color="red" mb={4}>
            {r.code}
          </Badge>
          <Text size="sm">{i.getValue()}</Text>
          {r.messageId ? (
            <Text size="xs" c="dimmed">
              messageId {r.messageId}
            </Text>
          ) : null}
          {r.excerpt ? (
            <Code
              block
              mt={4}
              style={{ fontSize: 11.5, maxHeight: 140, overflow: "auto", whiteSpace: "pre-wrap" }}
            >
              {r.excerpt}
            </Code>
          ) : null}
        </Box>
      );
    },
  }),
];

function RejectionList({ source }: { source: Source }) {
  const paging = usePaging();
  const { cursor, limit } = paging;
  const list = useQuery({
    ...apiQuery(routes.listSourceRejections, { params: { id: source.id }, query: { limit, cursor } }),
    placeholderData: keepPreviousData,
  });
  return (
    <ListTable
      query={list}
      errorTitle="Rejections could not be loaded"
      label="Rejections"
      columns={columns}
      data={list.data?.data}
      loading={list.isLoading}
      fetching={list.isPlaceholderData}
      rowKey={(r) => r.id}
      empty={
        <EmptyState
          icon={<IconCircleCheck size={24} />}
          withIndicatorBackground
          title="Nothing rejected"
          description="Every item this source sent was stored. Malformed or oversized items would be listed here."
        />
      }
      pager={pagerFor(list.data, paging)}
    />
  );
}

/** The items a source sent that could not be stored, newest first, with why. */
export function SourceRejectionsDrawer({ source, onClose }: { source: Source | null; onClose: () => void }) {
  return (
    <Drawer
      opened={source !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={source ? `Rejected by “${source.name}”` : ""}
    >
      {source ? (
        <>
          <Text size="sm" c="dimmed" mb="md">
            Items are refused one by one: the rest of a batch is still stored. Fix the sender and the next
            events go through.
          </Text>
          <RejectionList source={source} />
        </>
      ) : null}
    </Drawer>
  );
}
