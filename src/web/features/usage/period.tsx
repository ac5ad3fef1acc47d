import { Group, SegmentedControl, Text } from "@mantine/core";
import { IconArrowDownRight, IconArrowRight, IconArrowUpRight } from "@tabler/icons-react";
import { type Trend, USAGE_PERIODS, type UsagePeriod } from "../../../contract/index.ts";
import { formatChange } from "../../lib/format.ts";

export const PERIOD_LABELS: Record<UsagePeriod, string> = {
  "7d": "7 days",
  "30d": "30 days",
  "90d": "90 days",
};

/** Switches the period every usage figure covers. */
export function PeriodSwitch({
  value,
  onChange,
}: {
  value: UsagePeriod;
  onChange: (p: UsagePeriod) => void;
}) {
  return (
    <SegmentedControl
      aria-label="Period"
      size="xs"
      value={value}
      onChange={(v) => onChange(v as UsagePeriod)}
      data={USAGE_PERIODS.map((p) => ({ value: p, label: `Last ${PERIOD_LABELS[p]}` }))}
    />
  );
}

/**
 * A change against the previous period: an arrow, the signed percentage and what it compares with,
 * so the direction reads without the colour.
 */
export function TrendText({ trend, period }: { trend: Trend; period: UsagePeriod }) {
  const text = formatChange(trend.change);
  if (!text) {
    const none =
      trend.previous === null
        ? `No data for the previous ${PERIOD_LABELS[period]}`
        : `None in the previous ${PERIOD_LABELS[period]}`;
    return (
      <Text size="xs" c="dimmed" mt={2}>
        {none}
      </Text>
    );
  }
  const change = trend.change ?? 0;
  const up = change > 0.005;
  const down = change < -0.005;
  const Icon = up ? IconArrowUpRight : down ? IconArrowDownRight : IconArrowRight;
  return (
    <Group gap={4} mt={2} wrap="nowrap">
      <Icon
        size={14}
        color={`var(--mantine-color-${up ? "green-7" : down ? "red-7" : "gray-6"})`}
        aria-hidden
      />
      <Text size="xs" fw={600} c={up ? "green.8" : down ? "red.8" : "dimmed"} span>
        {text}
      </Text>
      <Text size="xs" c="dimmed" span truncate>
        vs previous {PERIOD_LABELS[period]}
      </Text>
    </Group>
  );
}
