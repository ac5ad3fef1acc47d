import { Badge, Group, Text, Tooltip } from "@mantine/core";
import type { Account } from "../../../contract/index.ts";
import { daysUntil, formatDate, relativeDays } from "../../lib/format.ts";
import { STAGE_COLORS } from "../../lib/labels.ts";
import { AnchorLink } from "../../ui/links.tsx";
import { BandBadge, ScoreDelta } from "../health/HealthBadge.tsx";
import { NOT_ENOUGH_DATA_LABEL } from "../health/healthText.ts";
import { useStages } from "../lifecycle/use-lifecycle.ts";

/** An account by name, linking to its page: the first cell of lists of things done to accounts. */
export function AccountLink({ account }: { account: { id: string; name: string } }) {
  return (
    <AnchorLink to="/accounts/$id" params={{ id: account.id }} size="sm" fw={500}>
      {account.name}
    </AnchorLink>
  );
}

/** The account's stage by the workspace's name for it (its own stages in gray). */
export function StageBadge({ stage }: { stage: string }) {
  const { labelOf } = useStages();
  return (
    <Badge variant="light" color={STAGE_COLORS[stage] ?? "gray"} size="sm">
      {labelOf(stage)}
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
            {days === 0 ? "today" : `in ${days}d`}
          </Text>
        ) : null}
      </Text>
    </Tooltip>
  );
}

/**
 * The latest health: score, band (always named) and the change against 7 days earlier; a new
 * customer without enough data yet says so (the reason on hover) rather than look poor.
 */
export function HealthCell({ health }: { health: Account["health"] }) {
  if (!health) return <Text c="dimmed">—</Text>;
  if (health.score === null || health.band === null) {
    return (
      <Tooltip label={health.notEnoughData ?? "Not scored yet"} multiline w={320} withArrow openDelay={300}>
        <Badge variant="outline" color="gray" size="xs" data-testid="health-not-enough-data">
          {NOT_ENOUGH_DATA_LABEL}
        </Badge>
      </Tooltip>
    );
  }
  return (
    <Group gap={6} wrap="nowrap" data-testid="health-cell">
      <Text size="sm" fw={600} className="steward-num" miw={30} ta="right" span>
        {Math.round(health.score)}
      </Text>
      <BandBadge band={health.band} size="xs" />
      {health.change7d === null ? null : <ScoreDelta change={health.change7d} days={7} />}
    </Group>
  );
}
