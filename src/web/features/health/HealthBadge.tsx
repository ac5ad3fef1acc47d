import { Badge, Group, Text, Tooltip } from "@mantine/core";
import { IconArrowDownRight, IconArrowRight, IconArrowUpRight } from "@tabler/icons-react";
import type { HealthBand } from "../../../contract/index.ts";
import { BAND_COLORS, BAND_LABELS, formatScoreDelta } from "./healthText.ts";

/** A band as a coloured badge that always names the band. */
export function BandBadge({ band, size = "sm" }: { band: HealthBand; size?: "xs" | "sm" | "md" | "lg" }) {
  return (
    <Badge variant="light" color={BAND_COLORS[band]} size={size} data-band={band}>
      {BAND_LABELS[band]}
    </Badge>
  );
}

/** A score change with an arrow and its sign; green up, red down, and the text says which anyway. */
export function ScoreDelta({
  change,
  days,
  size = "xs",
}: {
  change: number | null;
  days: number;
  size?: "xs" | "sm";
}) {
  if (change === null)
    return (
      <Text size={size} c="dimmed" span>
        no {days}-day change
      </Text>
    );
  const r = Math.round(change * 10) / 10;
  const Icon = r > 0 ? IconArrowUpRight : r < 0 ? IconArrowDownRight : IconArrowRight;
  const color = r > 0 ? "teal.8" : r < 0 ? "red.8" : "dimmed";
  return (
    <Tooltip label={`Change against the score ${days} days earlier`} openDelay={300} withArrow>
      <Group gap={2} wrap="nowrap" c={color} component="span" style={{ display: "inline-flex" }}>
        <Icon size={14} aria-hidden />
        <Text size={size} span fw={500} className="steward-num" data-testid="score-delta">
          {formatScoreDelta(r)}
        </Text>
      </Group>
    </Tooltip>
  );
}
