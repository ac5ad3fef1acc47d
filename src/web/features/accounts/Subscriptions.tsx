import { Badge, Box, Button, EmptyState, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPencil, IconPlus, IconReceipt } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useMemo } from "react";
import { utcToday } from "../../../common/dates.ts";
import { type Account, routes, type Subscription } from "../../../contract/index.ts";
import { formatDate, formatMoney, formatNumber } from "../../lib/format.ts";
import { humanize, SUBSCRIPTION_STATUS_COLORS } from "../../lib/labels.ts";
import { apiQuery } from "../../lib/query.ts";
import { type AnyColumns, actionsColumn, columnHelper } from "../../ui/DataTable.tsx";
import { useEditTarget } from "../../ui/form.ts";
import { QueryTable } from "../../ui/ListTable.tsx";
import { RowAction } from "../../ui/RowAction.tsx";
import { Section } from "../../ui/Section.tsx";
import { accountMrrPoints } from "../revenue/accountRevenue.ts";
import { accountRevenueQuery } from "../revenue/use-revenue.ts";
import { RenewalCell } from "./cells.tsx";
import { SubscriptionFormModal } from "./SubscriptionFormModal.tsx";

const MrrChart = lazy(() => import("./MrrChart.tsx"));

const col = columnHelper<Subscription>();

export function useAccountSubscriptions(accountId: string) {
  return useQuery(apiQuery(routes.listSubscriptions, { query: { accountId, limit: 200, sort: "-start" } }));
}

export function Subscriptions({ account, canWrite }: { account: Account; canWrite: boolean }) {
  const subs = useAccountSubscriptions(account.id);
  const [adding, add] = useDisclosure(false);
  const editing = useEditTarget<Subscription>();
  // The chart follows the server's MRR movements, so it agrees with the Revenue page and the history card.
  const revenue = useQuery(accountRevenueQuery(account.id));
  const series = useMemo(
    () => accountMrrPoints(revenue.data?.months ?? [], account.currency, utcToday().slice(0, 7)),
    [revenue.data, account.currency],
  );

  const columns: AnyColumns<Subscription> = [
    col.accessor("product", {
      header: "Product",
      cell: (i) => (
        <div>
          <Text size="sm" fw={500}>
            {i.getValue()}
          </Text>
          {i.row.original.plan ? (
            <Text size="xs" c="dimmed">
              {i.row.original.plan}
            </Text>
          ) : null}
        </div>
      ),
    }),
    col.accessor("status", {
      header: "Status",
      cell: (i) => (
        <Badge size="sm" variant="light" color={SUBSCRIPTION_STATUS_COLORS[i.getValue()] ?? "gray"}>
          {humanize(i.getValue())}
        </Badge>
      ),
    }),
    col.accessor("mrrMinor", {
      header: "MRR",
      meta: { numeric: true },
      cell: (i) => formatMoney(i.getValue(), i.row.original.currency),
    }),
    col.accessor("arrMinor", {
      header: "ARR",
      meta: { numeric: true },
      cell: (i) => formatMoney(i.getValue(), i.row.original.currency),
    }),
    col.accessor("seats", {
      header: "Seats",
      meta: { numeric: true },
      cell: (i) => formatNumber(i.getValue()),
    }),
    col.accessor("startDate", {
      header: "Start – end",
      cell: (i) => (
        <div>
          <Text size="sm">{formatDate(i.getValue())}</Text>
          <Text size="xs" c="dimmed">
            {i.row.original.endDate ? `to ${formatDate(i.row.original.endDate)}` : "no end date"}
          </Text>
        </div>
      ),
    }),
    col.accessor("renewalDate", { header: "Renewal", cell: (i) => <RenewalCell date={i.getValue()} /> }),
    ...actionsColumn<Subscription>(
      (s) => (
        <RowAction
          tooltip="Edit subscription"
          label={`Edit subscription ${s.product}`}
          icon={<IconPencil size={16} />}
          onClick={() => editing.open(s)}
        />
      ),
      canWrite,
    ),
  ];

  return (
    <Section
      title="Subscriptions"
      count={subs.data?.data.length}
      padding={0}
      actions={
        canWrite ? (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={add.open}>
            Add subscription
          </Button>
        ) : null
      }
    >
      {series.length > 1 ? (
        <Box px="md" pt="sm" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
          <Text size="xs" c="dimmed">
            MRR at each month's end in {account.currency}, from the subscriptions below
          </Text>
          <Suspense fallback={<Box h={150} />}>
            <MrrChart points={series} currency={account.currency} />
          </Suspense>
        </Box>
      ) : null}
      <QueryTable
        query={subs}
        errorTitle="Subscriptions could not be loaded"
        label="Subscriptions"
        columns={columns}
        data={subs.data?.data}
        loading={subs.isLoading}
        rowKey={(s) => s.id}
        skeletonRows={2}
        minWidth={720}
        empty={
          <EmptyState
            size="sm"
            icon={<IconReceipt size={22} />}
            withIndicatorBackground
            title="No subscriptions"
            description="Add what this customer buys: MRR, ARR and the next renewal are computed from subscriptions."
          />
        }
      />
      <SubscriptionFormModal
        opened={adding}
        onClose={add.close}
        accountId={account.id}
        currency={account.currency}
      />
      <SubscriptionFormModal
        opened={editing.opened}
        onClose={editing.close}
        accountId={account.id}
        currency={account.currency}
        subscription={editing.target}
      />
    </Section>
  );
}
