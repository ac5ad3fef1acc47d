import { Badge, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { formatMoney } from "../../../common/money.ts";
import type { AccountRevenue } from "../../../contract/index.ts";
import { useArrayPage } from "../../ui/arrayPage.ts";
import { CursorPager } from "../../ui/CursorPager.tsx";
import { type AnyColumns, columnHelper } from "../../ui/DataTable.tsx";
import { QueryTable } from "../../ui/ListTable.tsx";
import { Section } from "../../ui/Section.tsx";
import { MOVEMENT_COLORS, MOVEMENT_LABELS, newestFirst } from "./accountRevenue.ts";
import { monthLabel } from "./revenueView.ts";
import { accountRevenueQuery } from "./use-revenue.ts";

type Movement = AccountRevenue["months"][number];
const col = columnHelper<Movement>();

const columns: AnyColumns<Movement> = [
  col.accessor("month", { header: "Month", cell: (i) => monthLabel(i.getValue()) }),
  col.accessor("kind", {
    header: "Movement",
    cell: (i) => (
      <Badge size="sm" variant="light" color={MOVEMENT_COLORS[i.row.original.kind]} tt="none">
        {MOVEMENT_LABELS[i.row.original.kind]}
      </Badge>
    ),
  }),
  col.accessor("deltaMinor", {
    header: "Change",
    meta: { numeric: true },
    cell: (i) => {
      const v = i.getValue();
      return (
        <Text span size="sm" c={v < 0 ? "red.7" : "teal.7"}>
          {v < 0 ? "−" : "+"}
          {formatMoney(Math.abs(v), i.row.original.currency)}
        </Text>
      );
    },
  }),
  col.accessor("mrrMinor", {
    header: "MRR after",
    meta: { numeric: true },
    cell: (i) => formatMoney(i.getValue(), i.row.original.currency),
  }),
];

/**
 * The account's MRR movements month by month, newest first — the same movements the Revenue
 * page adds up — with its MRR at each month's end after the movement.
 */
export function AccountRevenueHistory({ accountId }: { accountId: string }) {
  const revenue = useQuery(accountRevenueQuery(accountId));
  const page = useArrayPage(revenue.data ? newestFirst(revenue.data.months) : undefined, 10);
  return (
    <Section
      title="Revenue history"
      count={revenue.data?.months.length}
      description="What changed the account's MRR, month by month"
      padding={0}
      testId="account-revenue"
    >
      <QueryTable
        query={revenue}
        errorTitle="The revenue history could not be loaded"
        label="Revenue history"
        columns={columns}
        data={page.rows}
        loading={revenue.isLoading}
        rowKey={(m) => `${m.month} ${m.currency}`}
        skeletonRows={3}
        empty={
          <Text size="sm" c="dimmed" ta="center" px="md">
            No revenue yet: MRR movements appear once a paid subscription starts.
          </Text>
        }
      />
      {page.pager ? <CursorPager {...page.pager} /> : null}
    </Section>
  );
}
