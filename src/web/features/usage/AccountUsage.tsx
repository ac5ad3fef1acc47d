import { Code, EmptyState, Grid, Group, Paper, SimpleGrid, Skeleton, Stack, Text } from "@mantine/core";
import { IconActivity, IconPlugConnected } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import { type Account, routes, type UsagePeriod } from "../../../contract/index.ts";
import { apiQuery } from "../../lib/query.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { ButtonLink } from "../../ui/links.tsx";
import { Section } from "../../ui/Section.tsx";
import { AccountUsageStats, PeriodCaption, QuietBadge } from "./AccountUsageStats.tsx";
import { KeyPlayerActivityTable, TopFeatures } from "./AccountUsageTables.tsx";
import { PeriodSwitch } from "./period.tsx";

const ActivityChart = lazy(() => import("./ActivityChart.tsx"));

/** The account's product usage: headline figures, daily activity, top features and key players. */
export function AccountUsage({
  account,
  period,
  onPeriod,
}: {
  account: Account;
  period: UsagePeriod;
  onPeriod: (p: UsagePeriod) => void;
}) {
  const usage = useQuery({
    ...apiQuery(routes.getAccountUsage, { params: { accountId: account.id }, query: { period } }),
    placeholderData: keepPreviousData,
  });

  if (usage.isError) {
    return (
      <ErrorAlert error={usage.error} title="Usage could not be loaded" onRetry={() => usage.refetch()} />
    );
  }
  const u = usage.data;
  if (!u) {
    return (
      <Stack gap="md" aria-label="Loading usage">
        <Skeleton h={30} w={360} />
        <SimpleGrid cols={{ base: 2, md: 3 }}>
          {[1, 2, 3, 4, 5, 6].map((i) => (
            <Skeleton key={i} h={96} />
          ))}
        </SimpleGrid>
        <Skeleton h={260} />
      </Stack>
    );
  }

  const never = u.lastActiveOn === null && (u.events.current ?? 0) === 0;
  return (
    <Stack gap="md" style={{ opacity: usage.isPlaceholderData ? 0.6 : 1 }}>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm">
          <PeriodCaption from={u.from} to={u.to} period={u.period} />
          {u.quiet && !never ? <QuietBadge days={u.quietDays} /> : null}
        </Group>
        <PeriodSwitch value={period} onChange={onPeriod} />
      </Group>
      {never ? (
        <NoUsage account={account} />
      ) : (
        <>
          <AccountUsageStats usage={u} />
          <Section title="Daily activity" description="Active users and events per day (UTC)">
            <Suspense fallback={<Skeleton h={220} />}>
              <ActivityChart points={u.series} />
            </Suspense>
          </Section>
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <TopFeatures features={u.topFeatures} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <KeyPlayerActivityTable players={u.keyPlayers} />
            </Grid.Col>
          </Grid>
        </>
      )}
    </Stack>
  );
}

function NoUsage({ account }: { account: Account }) {
  return (
    <Paper withBorder radius="md" py="xl">
      <EmptyState
        icon={<IconActivity size={26} />}
        withIndicatorBackground
        title="No product usage for this account yet"
        description={
          <Text size="sm" c="dimmed" ta="center" maw={560}>
            Connect your product: create a source in Settings → Sources, then send <Code>group</Code> calls
            whose group id is this account's external id
            {account.externalId ? (
              <>
                {" "}
                (<Code>{account.externalId}</Code>)
              </>
            ) : (
              " (set one with Edit on the Overview tab)"
            )}
            . Events appear here within seconds.
          </Text>
        }
      >
        <EmptyState.Actions>
          <ButtonLink
            to="/settings/$tab"
            params={{ tab: "sources" }}
            variant="default"
            leftSection={<IconPlugConnected size={16} />}
          >
            Go to Settings → Sources
          </ButtonLink>
        </EmptyState.Actions>
      </EmptyState>
    </Paper>
  );
}
