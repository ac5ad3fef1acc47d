import { Badge, Box, EmptyState, Grid, Group, Paper, Skeleton, Stack, Text } from "@mantine/core";
import { IconHeartbeat, IconHourglass } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import { type Account, type AccountHealth, routes } from "../../../contract/index.ts";
import { formatDate, formatDecimal } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { Section } from "../../ui/Section.tsx";
import { BandBadge } from "./HealthBadge.tsx";
import { NOT_ENOUGH_DATA_LABEL } from "./healthText.ts";
import { MeasureBreakdown } from "./MeasureBreakdown.tsx";
import { ScoreChanges } from "./ScoreChanges.tsx";
import { SentimentCard } from "./SentimentCard.tsx";

const HealthTrendChart = lazy(() => import("./HealthTrendChart.tsx"));

/** Why an account has no score, in words: not a customer, or no published model covers it. */
const unscoredReason = (a: Account): string =>
  a.mrrMinor === 0 && !a.nextRenewalDate
    ? "Steward scores customers, accounts with a live subscription, and this account has none today."
    : "No published health model applies to this account (models apply by tier, coverage, lifecycle stage or custom fields), or its score has not been computed yet.";

function Headline({ h, canWrite }: { h: AccountHealth; canWrite: boolean }) {
  const model = useQuery({
    ...apiQuery(routes.getHealthModel, { params: { id: h.model?.id ?? "" } }),
    enabled: Boolean(h.model),
  });
  const bands = model.data?.published?.definition.bands;
  return (
    <Grid gap="lg" align="stretch">
      <Grid.Col span={{ base: 12, sm: 4, lg: 3 }}>
        <Stack gap={6}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Health score
          </Text>
          <Group gap="sm" align="baseline">
            <Text fz={40} fw={700} lh={1} className="steward-num" data-testid="health-score">
              {formatDecimal(h.score)}
            </Text>
            {h.band ? <BandBadge band={h.band} size="lg" /> : null}
          </Group>
          <Text size="xs" c="dimmed">
            {h.day ? `as of ${formatDate(h.day)}` : null}
          </Text>
          <ScoreChanges changes={h.changes} />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 8, lg: 5 }}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          Last {h.history.length} days
        </Text>
        {h.history.length > 1 ? (
          <Suspense fallback={<Skeleton h={180} />}>
            <HealthTrendChart history={h.history} bands={bands} />
          </Suspense>
        ) : (
          <Text size="sm" c="dimmed" mt="xs">
            The trend appears once there are two days of scores.
          </Text>
        )}
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <Paper withBorder radius="sm" p="sm" h="100%">
          <SentimentCard accountId={h.accountId} sentiment={h.sentiment} canWrite={canWrite} />
        </Paper>
      </Grid.Col>
    </Grid>
  );
}

/**
 * How this customer is doing at a glance: score and band, trend, what moved it, the explanation
 * measure by measure, and the CSM's sentiment (with a way to give a new one).
 */
export function AccountHealthPanel({ account, canWrite }: { account: Account; canWrite: boolean }) {
  const q = useQuery(
    apiQuery(routes.getAccountHealth, { params: { accountId: account.id }, query: { historyDays: 90 } }),
  );
  const h = q.data;
  return (
    <Box mb="md" data-testid="health-panel">
      <Section
        title="Health"
        description={
          h?.model ? (
            <>
              Scored by{" "}
              <AnchorLink to="/health/$id" params={{ id: h.model.id }} size="xs">
                {h.model.name}
              </AnchorLink>{" "}
              <Badge size="xs" variant="default">
                v{h.model.version}
              </Badge>
            </>
          ) : undefined
        }
      >
        {q.isError ? (
          <ErrorAlert error={q.error} title="Health could not be loaded" onRetry={() => q.refetch()} />
        ) : !h ? (
          <Skeleton h={200} />
        ) : h.notEnoughData ? (
          <Stack gap="md">
            <EmptyState
              icon={<IconHourglass size={26} />}
              withIndicatorBackground
              title={NOT_ENOUGH_DATA_LABEL}
              description={`${h.notEnoughData} Until then the account is in no band, so it does not count as poor.`}
              data-testid="health-not-enough-data"
            />
            <SentimentCard accountId={account.id} sentiment={h.sentiment} canWrite={canWrite} />
          </Stack>
        ) : h.score === null ? (
          <Stack gap="md">
            <EmptyState
              icon={<IconHeartbeat size={26} />}
              withIndicatorBackground
              title="No health score"
              description={unscoredReason(account)}
              data-testid="health-empty"
            />
            <SentimentCard accountId={account.id} sentiment={h.sentiment} canWrite={canWrite} />
          </Stack>
        ) : (
          <Stack gap="lg">
            <Headline h={h} canWrite={canWrite} />
            <MeasureBreakdown measures={h.measures} />
          </Stack>
        )}
      </Section>
    </Box>
  );
}
