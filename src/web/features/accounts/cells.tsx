import { Badge, Text, Tooltip } from "@mantine/core";
import { daysUntil, formatDate, relativeDays } from "../../lib/format.ts";
import { label, STAGE_COLORS, STAGE_LABELS } from "../../lib/labels.ts";

export function StageBadge({ stage }: { stage: string }) {
  return (
    <Badge variant="light" color={STAGE_COLORS[stage] ?? "gray"} size="sm">
      {label(STAGE_LABELS, stage)}
    </Badge>
  );
}

export function RenewalCell({ date }: { date: string | null }) {
  if (!date) return <Text c="dimmed">—</Text>;
  const days = daysUntil(date);
  const soon = days !== null && days >= 0 && days <= 90;
  return (
    <Tooltip label={relativeDays(date)} withArrow openDelay={300}>
      <Text size="sm" span fw={soon ? 600 : undefined} c={days !== null && days < 0 ? "dimmed" : undefined}>
        {formatDate(date)}
        {soon ? (
          <Text span size="xs" c="orange.8" ml={6}>
            in {days}d
          </Text>
        ) : null}
      </Text>
    </Tooltip>
  );
}
