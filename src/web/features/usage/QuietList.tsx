import { Badge, EmptyState, SegmentedControl, Text } from "@mantine/core";
import { IconMoodHappy } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { type QuietAccount, routes } from "../../../contract/index.ts";
import { daysAgo, formatDate, formatNumber } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { type AnyColumns, columnHelper } from "../../ui/DataTable.tsx";
import { ListTable, pagerFor, usePaging } from "../../ui/ListTable.tsx";
import { AnchorLink } from "../../ui/links.tsx";

const col = columnHelper<QuietAccount>();
const dash = (
  <Text size="sm" c="dimmed" span>
    —
  </Text>
);

const columns: AnyColumns<QuietAccount> = [
  col.accessor("accountName", {
    header: "Account",
    cell: (i) => (
      <AnchorLink
        to="/accounts/$id"
        params={{ id: i.row.original.accountId }}
        search={{ tab: "usage" }}
        size="sm"
        fw={500}
      >
        {i.getValue()}
      </AnchorLink>
    ),
  }),
  col.accessor("kind", {
    header: "Who",
    cell: (i) =>
      i.getValue() === "account" ? (
        <Badge size="sm" variant="light" color="gray">
          Whole account
        </Badge>
      ) : i.row.original.contactId ? (
        <AnchorLink to="/contacts/$id" params={{ id: i.row.original.contactId }} size="sm">
          {i.row.original.contactName ?? "Key player"}
        </AnchorLink>
      ) : (
        (i.row.original.contactName ?? "Key player")
      ),
  }),
  col.accessor("ownerName", { header: "Owner", cell: (i) => i.getValue() ?? dash }),
  col.accessor("lastActiveOn", {
    header: "Last active",
    cell: (i) =>
      i.getValue() ? (
        formatDate(i.getValue())
      ) : (
        <Text size="sm" c="dimmed" span>
          Never
        </Text>
      ),
  }),
  col.accessor("daysSinceActive", {
    header: "Days quiet",
    meta: { numeric: true },
    cell: (i) =>
      i.getValue() === null ? (
        <Text size="sm" c="dimmed" span>
          never active
        </Text>
      ) : (
        <Text size="sm" span title={daysAgo(i.getValue())}>
          {formatNumber(i.getValue())}
        </Text>
      ),
  }),
];

/** Accounts and key players with no product activity for the quiet threshold, longest quiet first. */
export function QuietList() {
  const paging = usePaging();
  const { cursor, limit } = paging;
  const [kind, setKind] = useState<"all" | QuietAccount["kind"]>("all");
  const list = useQuery({
    ...apiQuery(routes.listQuiet, { query: { limit, cursor, kind: kind === "all" ? undefined : kind } }),
    placeholderData: keepPreviousData,
  });
  return (
    <ListTable
      query={list}
      errorTitle="Quiet accounts could not be loaded"
      label="Quiet accounts and key players"
      toolbar={
        <SegmentedControl
          size="xs"
          aria-label="Show"
          value={kind}
          onChange={(v) => {
            setKind(v as typeof kind);
            paging.restart();
          }}
          data={[
            { value: "all", label: "Accounts and key players" },
            { value: "account", label: "Accounts" },
            { value: "key_player", label: "Key players" },
          ]}
        />
      }
      columns={columns}
      data={list.data?.data}
      loading={list.isLoading}
      fetching={list.isPlaceholderData}
      rowKey={(q) => `${q.kind}:${q.accountId}:${q.contactId ?? ""}`}
      minWidth={720}
      empty={
        <EmptyState
          icon={<IconMoodHappy size={24} />}
          withIndicatorBackground
          title="Nobody is quiet"
          description="Every account and key player was active within the quiet thresholds above. Lower a threshold to look further."
        />
      }
      pager={pagerFor(list.data, paging)}
    />
  );
}
