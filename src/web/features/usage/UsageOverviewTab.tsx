import { Group, SimpleGrid, Skeleton, Stack } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import type { UsageOverview, UsagePeriod } from "../../../contract/index.ts";
import { formatNumber, formatPercent } from "../../lib/format.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Section } from "../../ui/Section.tsx";
import { StatCard } from "../../ui/StatCard.tsx";
import { PeriodCaption } from "./AccountUsageStats.tsx";
import { EngagedAccounts } from "./EngagedAccounts.tsx";
import { PeriodSwitch, TrendText } from "./period.tsx";

const ActivityChart = lazy(() => import("./ActivityChart.tsx"));

/** Workspace adoption: headline trends, daily activity, most and least engaged accounts. */
export function UsageOverviewTab({
  overview,
  period,
  onPeriod,
}: {
  overview: UseQueryResult<UsageOverview>;
  period: UsagePeriod;
  onPeriod: (p: UsagePeriod) => void;
}) {
  const o = overview.data;
  if (overview.isError) {
    return (
      <ErrorAlert
        error={overview.error}
        title="Usage could not be loaded"
        onRetry={() => overview.refetch()}
      />
    );
  }
  return (
    <Stack gap="md" style={{ opacity: overview.isPlaceholderData ? 0.6 : 1 }}>
      <Group justify="space-between" wrap="wrap" gap="sm">
        {o ? <PeriodCaption from={o.from} to={o.to} period={o.period} /> : <Skeleton h={20} w={280} />}
        <PeriodSwitch value={period} onChange={onPeriod} />
      </Group>
      {o ? (
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
          <StatCard
            label="Active accounts"
            value={formatNumber(o.activeAccounts.current)}
            testId="usage-active-accounts"
            footer={<TrendText trend={o.activeAccounts} period={o.period} />}
          />
          <StatCard
            label="Active users"
            value={formatNumber(o.activeUsers.current)}
            footer={<TrendText trend={o.activeUsers} period={o.period} />}
          />
          <StatCard
            label="Events"
            value={formatNumber(o.events.current)}
            footer={<TrendText trend={o.events} period={o.period} />}
          />
          <StatCard
            label="Accounts with usage"
            value={`${formatNumber(o.accountsWithUsage)} / ${formatNumber(o.accountsTotal)}`}
            hint={`${formatPercent(o.accountsTotal ? o.accountsWithUsage / o.accountsTotal : null)} of all accounts`}
          />
        </SimpleGrid>
      ) : (
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
          {[1, 2, 3, 4].map((i) => (
            <Skeleton key={i} h={96} />
          ))}
        </SimpleGrid>
      )}
      <Section
        title="Daily activity"
        description="Active users and events per day across the workspace (UTC)"
      >
        {o ? (
          <Suspense fallback={<Skeleton h={240} />}>
            <ActivityChart points={o.series} height={240} />
          </Suspense>
        ) : (
          <Skeleton h={240} />
        )}
      </Section>
      <EngagedAccounts
        title="Most engaged accounts"
        rows={o?.mostEngaged}
        period={period}
        loading={overview.isLoading}
      />
      <EngagedAccounts
        title="Least engaged accounts"
        rows={o?.leastEngaged}
        period={period}
        loading={overview.isLoading}
      />
    </Stack>
  );
}
