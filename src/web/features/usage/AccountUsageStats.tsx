import { Badge, Group, Progress, SimpleGrid, Text, Tooltip } from "@mantine/core";
import type { AccountUsage } from "../../../contract/index.ts";
import { daysAgo, formatDate, formatDecimal, formatNumber, formatPercent } from "../../lib/format.ts";
import { StatCard } from "../../ui/StatCard.tsx";
import { PERIOD_LABELS, TrendText } from "./period.tsx";

/** Orange from 0 to 40 %, teal up to 80 %, green above: a hint on top of the figure, never instead of it. */
const utilizationColor = (u: number) => (u < 0.4 ? "orange" : u < 0.8 ? "teal" : "green");

/** The account's headline adoption figures for the period. */
export function AccountUsageStats({ usage: u }: { usage: AccountUsage }) {
  const period = u.period;
  return (
    <SimpleGrid cols={{ base: 2, md: 3 }} spacing="md">
      <StatCard
        label="Active users"
        value={formatNumber(u.activeUsers.current)}
        testId="usage-active-users"
        hint={
          <Tooltip label="Daily, weekly and monthly active users as of the period's last day" withArrow>
            <span>
              DAU {formatNumber(u.dau)} · WAU {formatNumber(u.wau)} · MAU {formatNumber(u.mau)}
            </span>
          </Tooltip>
        }
        footer={<TrendText trend={u.activeUsers} period={period} />}
      />
      <StatCard
        label="Events"
        value={formatNumber(u.events.current)}
        footer={<TrendText trend={u.events} period={period} />}
      />
      <StatCard
        label="Seat utilization"
        value={formatPercent(u.utilization)}
        hint={
          u.seats === null
            ? "No seats on an active subscription"
            : `${formatNumber(u.mau)} monthly active of ${formatNumber(u.seats)} seats`
        }
      >
        {u.utilization !== null ? (
          <Progress
            mt={6}
            size="sm"
            value={Math.min(100, u.utilization * 100)}
            color={utilizationColor(u.utilization)}
            aria-label={`Seat utilization ${formatPercent(u.utilization)}`}
          />
        ) : null}
      </StatCard>
      <StatCard
        label="Breadth"
        value={u.breadth.defined > 0 ? `${u.breadth.used} / ${u.breadth.defined}` : "—"}
        hint={
          u.breadth.defined === 0
            ? "No key features defined yet (Usage → Features)"
            : `key features used · ${formatPercent(u.breadth.ratio)}, before ${formatPercent(u.breadth.previousRatio)}`
        }
      />
      <StatCard
        label="Depth"
        value={formatDecimal(u.depth.current)}
        hint="key-feature uses per active user"
        footer={<TrendText trend={u.depth} period={period} />}
      />
      <StatCard
        label="Last activity"
        value={
          <Group gap={8} wrap="nowrap">
            <span>{daysAgo(u.daysSinceActive)}</span>
            {u.quiet ? <QuietBadge days={u.quietDays} /> : null}
          </Group>
        }
        hint={
          u.lastActiveOn
            ? `${formatDate(u.lastActiveOn)} · quiet after ${u.quietDays} days`
            : `No activity recorded · quiet after ${u.quietDays} days`
        }
      />
    </SimpleGrid>
  );
}

/** Marks an account or key player without product activity for the workspace's quiet threshold. */
export function QuietBadge({ days, size = "sm" }: { days: number; size?: "xs" | "sm" }) {
  return (
    <Tooltip label={`No product activity for ${days} days or more`} withArrow>
      <Badge color="orange" variant="light" size={size}>
        Quiet
      </Badge>
    </Tooltip>
  );
}

/** "Mar 1 – Mar 30, 2026 · last 30 days" under a usage heading. */
export function PeriodCaption({
  from,
  to,
  period,
}: {
  from: string;
  to: string;
  period: AccountUsage["period"];
}) {
  return (
    <Text size="sm" c="dimmed">
      {formatDate(from)} – {formatDate(to)} · last {PERIOD_LABELS[period]}
    </Text>
  );
}
