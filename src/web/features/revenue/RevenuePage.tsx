import { EmptyState, Grid, Skeleton, Stack } from "@mantine/core";
import { IconChartBar } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { lazy } from "react";
import { utcToday } from "../../../common/dates.ts";
import { apiIssues } from "../../lib/issues.ts";
import { useSession } from "../../lib/session.ts";
import { ChartSection } from "../../ui/ChartSection.tsx";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { ServerNotes } from "../../ui/ServerNotes.tsx";
import { CohortTable } from "./CohortTable.tsx";
import { CurrencyFigures } from "./CurrencyFigures.tsx";
import { MovementsTable } from "./MovementsTable.tsx";
import { RevenueFilters } from "./RevenueFilters.tsx";
import { LtvCard, RevenueStats } from "./RevenueStats.tsx";
import { monthLabel, revenuePeriod } from "./revenueView.ts";
import { useRevenue } from "./use-revenue.ts";

// ECharts is large: the charts load only once the page shows them.
const MovementsChart = lazy(() => import("./MovementsChart.tsx"));
const RetentionTrendChart = lazy(() => import("./RetentionTrendChart.tsx"));

const route = getRouteApi("/_app/revenue");

/**
 * Revenue: MRR and its movements over a period, retention (NRR, GRR, logo churn), lifetime value
 * and cohorts, from the server's figures (docs/revenue.md). The period and segment are in the URL.
 */
export function RevenuePage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const session = useSession();
  const period = revenuePeriod(search.period ?? "12m", search, utcToday());
  const { metrics, cohorts } = useRevenue(period, search.segment);
  const m = metrics.data;
  const f = m?.figures ?? null;
  // A refused period shows at its month field; any other failure, here.
  const periodRefused = apiIssues(metrics.error).length > 0;

  return (
    <>
      <PageHeader
        title="Revenue"
        description={`MRR movements, retention and lifetime value from subscriptions · ${monthLabel(period.first)} – ${monthLabel(period.last)}${m?.currency ? ` · in ${m.currency}` : ""}`}
      />
      <RevenueFilters period={period} error={metrics.error} />
      {metrics.isError && !periodRefused ? (
        <ErrorAlert
          error={metrics.error}
          title="The revenue figures could not be loaded"
          onRetry={() => metrics.refetch()}
        />
      ) : null}
      {!m && metrics.isPending ? <Skeleton h={420} /> : null}
      {m ? (
        <Stack gap="md" style={{ opacity: metrics.isPlaceholderData ? 0.6 : 1 }}>
          <ServerNotes
            testId="revenue-notes"
            notes={[...new Set([...m.notes, ...(cohorts.data?.notes ?? [])])]}
          />
          {!f && m.byCurrency.length === 0 ? (
            <EmptyState
              icon={<IconChartBar size={26} />}
              withIndicatorBackground
              title="No revenue yet"
              description="Revenue is worked out from subscriptions: add them on an account's page, or import them on the Import page."
            />
          ) : null}
          {f ? <RevenueStats f={f} aside={<LtvCard f={f} isAdmin={session.isAdmin} />} /> : null}
          {f && m.currency ? (
            <Grid gap="md">
              <Grid.Col span={{ base: 12, lg: 7 }}>
                <ChartSection
                  testId="revenue-movements-chart"
                  title="MRR movements"
                  description="Gains above zero, losses below; the line is MRR at each month's end"
                  height={300}
                >
                  <MovementsChart byMonth={m.byMonth} currency={m.currency} />
                </ChartSection>
              </Grid.Col>
              <Grid.Col span={{ base: 12, lg: 5 }}>
                <ChartSection
                  testId="revenue-retention-chart"
                  title="Retention by month"
                  description="NRR and GRR (left), logo churn (right)"
                  height={300}
                >
                  <RetentionTrendChart byMonth={m.byMonth} />
                </ChartSection>
              </Grid.Col>
            </Grid>
          ) : null}
          {m.byCurrency.length > 1 ? (
            <CurrencyFigures byCurrency={m.byCurrency} converted={f !== null} />
          ) : null}
          {cohorts.isError ? (
            <ErrorAlert
              error={cohorts.error}
              title="The cohorts could not be loaded"
              onRetry={() => cohorts.refetch()}
            />
          ) : (
            <CohortTable
              data={cohorts.data}
              loading={cohorts.isPending}
              view={search.cohorts ?? "revenue"}
              onView={(v) =>
                navigate({
                  search: (prev) => ({ ...prev, cohorts: v === "logos" ? "logos" : undefined }),
                  replace: true,
                })
              }
            />
          )}
          {f && m.currency ? (
            <MovementsTable byMonth={m.byMonth} currency={m.currency} period={period} />
          ) : null}
        </Stack>
      ) : null}
    </>
  );
}
