import { Badge, EmptyState, Grid, Group, Text } from "@mantine/core";
import { IconFlag } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { lazy } from "react";
import { utcToday } from "../../../common/dates.ts";
import { formatMoney } from "../../../common/money.ts";
import { RENEWAL_OUTCOMES, type RenewalOutcome, type RenewalOutcomes } from "../../../contract/index.ts";
import { formatDate, formatDayRange, formatNumber, formatRate } from "../../lib/format.ts";
import { apiIssues } from "../../lib/issues.ts";
import { useArrayPage } from "../../ui/arrayPage.ts";
import { ChartSection } from "../../ui/ChartSection.tsx";
import { CursorPager } from "../../ui/CursorPager.tsx";
import { type AnyColumns, columnHelper, DataTable } from "../../ui/DataTable.tsx";
import { DownloadCsvButton } from "../../ui/ExportCsvButton.tsx";
import { FilterMenu, splitList } from "../../ui/FilterMenu.tsx";
import { QueryAnswer } from "../../ui/QueryAnswer.tsx";
import { Section } from "../../ui/Section.tsx";
import { StatCard } from "../../ui/StatCard.tsx";
import { AccountLink } from "../accounts/cells.tsx";
import { PeriodPicker } from "../revenue/PeriodPicker.tsx";
import { AccountSegmentFilter } from "../segments/SegmentFilter.tsx";
import { outcomeCounts, outcomesCsvRows, outcomesPeriod } from "./renewalHistory.ts";
import {
  OUTCOME_COLORS,
  OUTCOME_LABELS,
  OUTCOME_OPTIONS,
  OUTCOME_PRESET_LABELS,
  OUTCOME_PRESETS,
  type OutcomePreset,
  type RenewalsSearch,
  reasonLabel,
} from "./renewalsView.ts";
import { useOutcomes } from "./use-renewals.ts";

// ECharts is large: the chart loads only once the tab shows it.
const ReasonsChart = lazy(() => import("./ReasonsChart.tsx"));

const route = getRouteApi("/_app/renewals");
type Row = RenewalOutcomes["data"][number];
const col = columnHelper<Row>();
const amount = (minor: number | null, currency: string | null) =>
  minor === null || currency === null ? "—" : formatMoney(minor, currency);

const columns: AnyColumns<Row> = [
  col.display({
    id: "account",
    header: "Account",
    cell: (i) => <AccountLink account={{ id: i.row.original.accountId, name: i.row.original.accountName }} />,
  }),
  col.accessor("product", { header: "Product", cell: (i) => i.getValue() ?? "—" }),
  col.accessor("dueDate", { header: "Renewal date", cell: (i) => formatDate(i.getValue()) }),
  col.accessor("outcome", {
    header: "Outcome",
    cell: (i) => (
      <Badge size="sm" variant="light" color={OUTCOME_COLORS[i.row.original.outcome]}>
        {OUTCOME_LABELS[i.row.original.outcome]}
      </Badge>
    ),
  }),
  col.accessor("reasonCode", { header: "Reason", cell: (i) => reasonLabel(i.getValue()) }),
  col.accessor("arrMinor", {
    header: "ARR",
    meta: { numeric: true },
    cell: (i) => amount(i.getValue(), i.row.original.currency),
  }),
  col.accessor("arrAfterMinor", {
    header: "ARR after",
    meta: { numeric: true },
    cell: (i) => amount(i.getValue(), i.row.original.currency),
  }),
  col.accessor("source", {
    header: "Source",
    cell: (i) => (
      <Text span size="sm" c={i.getValue() === "recorded" ? undefined : "dimmed"}>
        {i.getValue() === "recorded" ? "Recorded" : "From history"}
      </Text>
    ),
  }),
  col.accessor("note", { header: "Note", meta: { wrap: true }, cell: (i) => i.getValue() ?? "" }),
];

/** The period's outcomes, narrowed to one outcome if asked, a page at a time, with a CSV of what is listed. */
function OutcomesTable({ o }: { o: RenewalOutcomes }) {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const rows = search.outcome ? o.data.filter((r) => r.outcome === search.outcome) : o.data;
  const page = useArrayPage(rows, 25);
  return (
    <Section
      title="Outcomes"
      count={rows.length}
      padding={0}
      testId="outcomes-table"
      actions={
        <>
          <FilterMenu
            label="Outcome"
            single
            options={OUTCOME_OPTIONS}
            value={splitList(search.outcome)}
            onChange={(v) => {
              page.restart();
              navigate({
                search: (prev) => ({ ...prev, outcome: v[0] as RenewalOutcome | undefined }),
                replace: true,
              });
            }}
          />
          <DownloadCsvButton
            filename={`renewal-outcomes-${o.from}-to-${o.to}.csv`}
            rows={() => outcomesCsvRows(rows)}
            disabled={rows.length === 0}
          />
        </>
      }
    >
      <DataTable
        label="Renewal outcomes"
        columns={columns}
        data={page.rows}
        rowKey={(r) => `${r.accountId}:${r.subscriptionId ?? r.product}:${r.dueDate}`}
        minWidth={1000}
        empty={
          <Text size="sm" c="dimmed" ta="center">
            No renewal {search.outcome ? OUTCOME_LABELS[search.outcome].toLowerCase() : "decided"} in this
            period.
          </Text>
        }
      />
      {page.pager ? <CursorPager {...page.pager} /> : null}
    </Section>
  );
}

/**
 * The renewals decided in a period (recorded by a CSM or an import, or read from the subscriptions'
 * history): how many ended each way, the renewal rate, the reasons as a chart, and the list with a
 * CSV. The period and segment are in the URL.
 */
export function OutcomesTab() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const preset: OutcomePreset = search.period ?? "12m";
  const period = outcomesPeriod(preset, search, utcToday());
  const outcomes = useOutcomes(period, search.segment);
  const set = (patch: Partial<RenewalsSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  return (
    <>
      <Group gap="sm" align="flex-end" mb="md" wrap="wrap">
        <PeriodPicker
          presets={OUTCOME_PRESETS}
          defaultPreset="12m"
          labels={OUTCOME_PRESET_LABELS}
          preset={preset}
          first={period.first}
          last={period.last}
          custom={search}
          error={outcomes.error}
          onChange={set}
        />
        <AccountSegmentFilter value={search.segment} onChange={(segment) => set({ segment })} />
      </Group>
      <QueryAnswer
        query={outcomes}
        errorTitle="The outcomes could not be loaded"
        showError={apiIssues(outcomes.error).length === 0}
      >
        {(o) => {
          const counts = outcomeCounts(o.byOutcome);
          return (
            <>
              <Text size="sm" c="dimmed">
                Renewals due {formatDayRange(o.from, o.to)}; an outcome recorded ahead (a customer who gave
                notice) counts in the month the renewal falls due.
              </Text>
              {o.data.length === 0 ? (
                <EmptyState
                  icon={<IconFlag size={26} />}
                  withIndicatorBackground
                  title="No renewals decided in this period"
                  description="Pick a longer period, or Next 12 months for outcomes recorded ahead of the renewal date. Outcomes are recorded from the pipeline, or read from subscriptions that ended or went on."
                  data-testid="outcomes-empty"
                />
              ) : (
                <>
                  <Grid gap="md" data-testid="outcomes-stats">
                    <Grid.Col span={{ base: 6, sm: 4, lg: 2 }}>
                      <StatCard
                        label="Renewal rate"
                        value={formatRate(o.renewalRate)}
                        hint="The share not churned"
                        testId="outcomes-rate"
                      />
                    </Grid.Col>
                    {RENEWAL_OUTCOMES.map((k) => (
                      <Grid.Col key={k} span={{ base: 6, sm: 4, lg: 2 }}>
                        <StatCard
                          label={OUTCOME_LABELS[k]}
                          value={formatNumber(counts[k])}
                          testId={`outcomes-${k}`}
                        />
                      </Grid.Col>
                    ))}
                  </Grid>
                  <ChartSection
                    title="By reason"
                    description="How many renewals ended each way for each reason"
                    testId="outcomes-reasons"
                    height={260}
                  >
                    <ReasonsChart byReason={o.byReason} />
                  </ChartSection>
                  <OutcomesTable o={o} />
                </>
              )}
            </>
          );
        }}
      </QueryAnswer>
    </>
  );
}
