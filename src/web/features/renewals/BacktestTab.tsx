import { Badge, EmptyState, Grid, Group, SegmentedControl, Text } from "@mantine/core";
import { IconChartHistogram } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { lazy } from "react";
import { formatMoney } from "../../../common/money.ts";
import type { ForecastBacktest } from "../../../contract/index.ts";
import { formatChange, formatDate, formatNumber, formatRate } from "../../lib/format.ts";
import { ChartSection } from "../../ui/ChartSection.tsx";
import { type AnyColumns, columnHelper, DataTable } from "../../ui/DataTable.tsx";
import { QueryAnswer } from "../../ui/QueryAnswer.tsx";
import { Section } from "../../ui/Section.tsx";
import { ServerNotes } from "../../ui/ServerNotes.tsx";
import { StatCard } from "../../ui/StatCard.tsx";
import { type CallRecord, callRecords } from "./renewalHistory.ts";
import { BACKTEST_QUARTERS, CALL_COLORS, CALL_LABELS, DEFAULT_QUARTERS } from "./renewalsView.ts";
import { useBacktest } from "./use-renewals.ts";

// ECharts is large: the chart loads only once the tab shows it.
const BacktestChart = lazy(() => import("./BacktestChart.tsx"));

const route = getRouteApi("/_app/renewals");
type Quarter = ForecastBacktest["quarters"][number];

const quarterColumns = (currency: string): AnyColumns<Quarter> => {
  const col = columnHelper<Quarter>();
  const money = (key: "arrMinor" | "expectedArrMinor" | "renewedArrMinor", header: string) =>
    col.accessor(key, { header, meta: { numeric: true }, cell: (i) => formatMoney(i.getValue(), currency) });
  return [
    col.accessor("quarter", { header: "Quarter" }),
    col.accessor("asOf", { header: "Forecast as of", cell: (i) => formatDate(i.getValue()) }),
    col.accessor("renewals", { header: "Renewals", meta: { numeric: true } }),
    col.accessor("scored", { header: "With a churn score", meta: { numeric: true } }),
    money("arrMinor", "Up for renewal"),
    money("expectedArrMinor", "Expected"),
    money("renewedArrMinor", "Renewed"),
    col.accessor("error", {
      header: "Error",
      meta: { numeric: true },
      cell: (i) => (i.getValue() === null ? "—" : formatChange(i.getValue())),
    }),
    col.accessor("calibration", {
      header: "Calibration",
      cell: (i) => (i.getValue() === "platt" ? "Calibrated" : "Uncalibrated"),
    }),
  ];
};

const callColumns = (currency: string): AnyColumns<CallRecord> => {
  const col = columnHelper<CallRecord>();
  return [
    col.accessor("call", {
      header: "The model said",
      cell: (i) => (
        <Badge size="sm" variant="light" color={CALL_COLORS[i.row.original.call]}>
          {CALL_LABELS[i.row.original.call]}
        </Badge>
      ),
    }),
    col.accessor("renewals", { header: "Renewals", meta: { numeric: true } }),
    col.accessor("renewed", { header: "Renewed", meta: { numeric: true } }),
    col.accessor("rate", {
      header: "Renewal rate",
      meta: { numeric: true },
      cell: (i) => formatRate(i.getValue()),
    }),
    col.accessor("expectedArrMinor", {
      header: "Expected ARR",
      meta: { numeric: true },
      cell: (i) => formatMoney(i.getValue(), currency),
    }),
    col.accessor("renewedArrMinor", {
      header: "Renewed ARR",
      meta: { numeric: true },
      cell: (i) => formatMoney(i.getValue(), currency),
    }),
  ];
};

/** The backtest's figures: the error, the chart, each category's record and the quarters. */
function BacktestReport({ b }: { b: ForecastBacktest }) {
  const currency = b.currency;
  const tested = b.quarters.filter((q) => q.renewals > 0);
  const notes = <ServerNotes notes={b.notes} testId="backtest-notes" />;
  if (tested.length === 0 || !currency)
    return (
      <>
        {notes}
        <EmptyState
          icon={<IconChartHistogram size={26} />}
          withIndicatorBackground
          title="No past renewals to test the forecast on"
          description="The backtest needs subscriptions that came up for renewal in past quarters. Import the subscription history (with start and end dates), or try more quarters."
          data-testid="backtest-empty"
        />
      </>
    );
  const total = (f: (q: Quarter) => number) =>
    formatMoney(
      tested.reduce((s, q) => s + f(q), 0),
      currency,
    );
  return (
    <>
      {notes}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <StatCard
            label="Forecast error"
            value={formatRate(b.weightedAbsoluteError)}
            hint="How far off the expected ARR was, each quarter's miss added up over the ARR that renewed"
            testId="backtest-mae"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <StatCard
            label="Expected ARR"
            value={total((q) => q.expectedArrMinor)}
            hint={`Over ${formatNumber(tested.length)} quarters with renewals, in ${currency}`}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <StatCard
            label="Renewed ARR"
            value={total((q) => q.renewedArrMinor)}
            hint={`Of ${total((q) => q.arrMinor)} up for renewal`}
          />
        </Grid.Col>
      </Grid>
      <ChartSection
        title="Expected against renewed"
        description="Bars: ARR expected at the quarter's start and ARR renewed (left); line: the error (right)"
        testId="backtest-chart"
        height={300}
      >
        <BacktestChart quarters={b.quarters} currency={currency} />
      </ChartSection>
      <Section
        title="How each category did"
        description="Over all the quarters: a good forecast renews nearly all its commits and few of its at-risks"
        padding={0}
        testId="backtest-categories"
      >
        <DataTable
          label="Backtest by category"
          columns={callColumns(currency)}
          data={callRecords(b.quarters)}
          rowKey={(r) => r.call}
        />
      </Section>
      <Section title="By quarter" padding={0} testId="backtest-quarters">
        <DataTable
          label="Backtest by quarter"
          columns={quarterColumns(currency)}
          data={b.quarters}
          rowKey={(q) => q.quarter}
          minWidth={960}
        />
      </Section>
    </>
  );
}

/**
 * The forecast's backtest: per past quarter, the forecast as it would have been made on the
 * quarter's first day against what renewed during it; the error per quarter and on average, and how
 * the model's commits, likelies and at-risks actually did. The number of quarters is in the URL.
 */
export function BacktestTab() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const backtest = useBacktest(search.quarters);

  return (
    <>
      <Group gap="sm" align="flex-end" mb="md" wrap="wrap" justify="space-between">
        <Text size="sm" c="dimmed" maw={760} data-testid="backtest-explained">
          A backtest replays the forecast: for each past quarter, the forecast as it would have been made on
          the quarter's first day — calibrated only on renewals decided before then, with each account's churn
          probability as recorded that day — against the ARR that actually renewed during the quarter. Nothing
          is rescored with today's model.
        </Text>
        <SegmentedControl
          aria-label="Quarters"
          value={String(search.quarters ?? DEFAULT_QUARTERS)}
          onChange={(v) =>
            navigate({
              search: (prev) => ({
                ...prev,
                quarters: Number(v) === DEFAULT_QUARTERS ? undefined : Number(v),
              }),
              replace: true,
            })
          }
          data={BACKTEST_QUARTERS.map((q) => ({ value: String(q), label: `${q} quarters` }))}
        />
      </Group>
      <QueryAnswer query={backtest} errorTitle="The backtest could not be run">
        {(b) => <BacktestReport b={b} />}
      </QueryAnswer>
    </>
  );
}
