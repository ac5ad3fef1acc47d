import { Box, EmptyState, Group, SegmentedControl, Stack, Text } from "@mantine/core";
import { IconListDetails, IconPencil } from "@tabler/icons-react";
import { type UseQueryResult, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import {
  type FeatureAdoption as Adoption,
  routes,
  type UsageOverview,
  type UsagePeriod,
} from "../../../contract/index.ts";
import { formatChange, formatDate, formatNumber, formatPercent } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { useArrayPage } from "../../ui/arrayPage.ts";
import { type AnyColumns, actionsColumn, columnHelper } from "../../ui/DataTable.tsx";
import { useEditTarget } from "../../ui/form.ts";
import { ListTable, SearchInput } from "../../ui/ListTable.tsx";
import { RowAction } from "../../ui/RowAction.tsx";
import { FeatureName } from "./AccountUsageTables.tsx";
import { type EditableFeature, FeatureEditModal } from "./FeatureEditModal.tsx";
import { PERIOD_LABELS, PeriodSwitch } from "./period.tsx";

const col = columnHelper<Adoption>();

const SORTS: Record<string, (a: Adoption, b: Adoption) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  accounts: (a, b) => a.accounts - b.accounts,
  users: (a, b) => a.users - b.users,
  events: (a, b) => a.events - b.events,
  lastUsed: (a, b) => (a.lastUsedOn ?? "").localeCompare(b.lastUsedOn ?? ""),
};

const sorted = (rows: Adoption[], sort: string) => {
  const by = SORTS[sort.replace(/^-/, "")] ?? SORTS.events;
  const dir = sort.startsWith("-") ? -1 : 1;
  return [...rows].sort((a, b) => dir * (by?.(a, b) ?? 0) || a.name.localeCompare(b.name));
};

/** Feature adoption in the period, with the features defined or seen earlier but unused now. */
export function FeatureAdoption({
  overview,
  period,
  onPeriod,
  isAdmin,
}: {
  overview: UseQueryResult<UsageOverview>;
  period: UsagePeriod;
  onPeriod: (p: UsagePeriod) => void;
  isAdmin: boolean;
}) {
  const known = useQuery(apiQuery(routes.listUsageFeatures, {}));
  const [sort, setSort] = useState("-events");
  const [only, setOnly] = useState<"all" | "key">("all");
  const [q, setQ] = useState<string | undefined>();
  const editing = useEditTarget<EditableFeature>();

  const rows = useMemo(() => {
    if (!overview.data) return undefined;
    const seen = new Set(overview.data.features.map((f) => f.event));
    const unused: Adoption[] = (known.data?.data ?? [])
      .filter((f) => !seen.has(f.event))
      .map((f) => ({
        ...f,
        accounts: 0,
        accountShare: 0,
        users: 0,
        events: 0,
        previousEvents: 0,
        lastUsedOn: null,
      }));
    const needle = q?.toLowerCase();
    const all = [...overview.data.features, ...unused].filter(
      (f) =>
        (only === "all" || f.key) &&
        (!needle || f.name.toLowerCase().includes(needle) || f.event.toLowerCase().includes(needle)),
    );
    return sorted(all, sort);
  }, [overview.data, known.data, sort, only, q]);
  const page = useArrayPage(rows, 50);

  const columns: AnyColumns<Adoption> = [
    col.accessor("name", {
      header: "Feature",
      meta: { sortKey: "name" },
      cell: (i) => (
        <FeatureName name={i.getValue()} event={i.row.original.event} isKey={i.row.original.key} />
      ),
    }),
    col.accessor("accounts", {
      header: "Accounts using",
      meta: { numeric: true, sortKey: "accounts" },
      cell: (i) => (
        <Box>
          <Text size="sm">{formatNumber(i.getValue())}</Text>
          <Text size="xs" c="dimmed">
            {formatPercent(i.row.original.accountShare)} of active
          </Text>
        </Box>
      ),
    }),
    col.accessor("users", {
      header: "Users",
      meta: { numeric: true, sortKey: "users" },
      cell: (i) => formatNumber(i.getValue()),
    }),
    col.accessor("events", {
      header: "Events",
      meta: { numeric: true, sortKey: "events" },
      cell: (i) => {
        const prev = i.row.original.previousEvents;
        const change = prev > 0 ? i.getValue() / prev - 1 : null;
        return (
          <Box>
            <Text size="sm">{formatNumber(i.getValue())}</Text>
            <Text size="xs" c="dimmed">
              {change !== null
                ? `${formatChange(change)} vs before`
                : i.getValue() > 0
                  ? "new in period"
                  : "—"}
            </Text>
          </Box>
        );
      },
    }),
    col.accessor("lastUsedOn", {
      header: "Last used",
      meta: { sortKey: "lastUsed" },
      cell: (i) =>
        i.getValue() ? (
          formatDate(i.getValue())
        ) : (
          <Text size="sm" c="dimmed" span>
            Not in period
          </Text>
        ),
    }),
    ...actionsColumn<Adoption>(
      (f) => (
        <RowAction
          tooltip="Rename or mark key"
          label={`Edit ${f.name}`}
          icon={<IconPencil size={16} />}
          onClick={() => editing.open({ event: f.event, name: f.name, key: f.key })}
        />
      ),
      isAdmin,
    ),
  ];

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Text size="sm" c="dimmed" maw={720}>
          Every event name your product sends is a feature.{" "}
          {isAdmin ? "Name them and mark" : "Admins name them and mark"} the key ones: key features measure
          each account's breadth and depth of adoption.
        </Text>
        <Group gap="sm">
          <SegmentedControl
            size="xs"
            aria-label="Which features"
            value={only}
            onChange={(v) => {
              setOnly(v as typeof only);
              page.restart();
            }}
            data={[
              { value: "all", label: "All features" },
              { value: "key", label: "Key only" },
            ]}
          />
          <PeriodSwitch value={period} onChange={onPeriod} />
        </Group>
      </Group>
      <ListTable
        query={overview}
        errorTitle="Feature adoption could not be loaded"
        label="Feature adoption"
        toolbar={
          <SearchInput
            value={q}
            onSearch={(text) => {
              setQ(text);
              page.restart();
            }}
            placeholder="Find a feature by name or event"
            label="Find a feature"
          />
        }
        columns={columns}
        data={page.rows}
        loading={overview.isLoading}
        fetching={overview.isPlaceholderData}
        rowKey={(f) => f.event}
        sort={sort}
        onSort={(s) => {
          setSort(s);
          page.restart();
        }}
        minWidth={820}
        pager={page.pager}
        empty={
          <EmptyState
            icon={<IconListDetails size={24} />}
            withIndicatorBackground
            title={q ? "No feature matches" : only === "key" ? "No key features yet" : "No features seen yet"}
            description={
              q
                ? "Try another part of the name or the event."
                : only === "key"
                  ? "Switch to All features and mark the ones that show a customer gets value."
                  : `No events in the last ${PERIOD_LABELS[period]}. Send track calls from a source (Settings → Sources).`
            }
          />
        }
      />
      <FeatureEditModal feature={editing.target} opened={editing.opened} onClose={editing.close} />
    </Stack>
  );
}
