import { Group, List, Stack, Text } from "@mantine/core";
import type { AccountHealth } from "../../../contract/index.ts";
import { formatDecimal } from "../../lib/format.ts";
import { ScoreDelta } from "./HealthBadge.tsx";

/** The change against 7 and 30 days earlier, each with the measures that moved it, largest first. */
export function ScoreChanges({ changes }: { changes: AccountHealth["changes"] }) {
  return (
    <Stack gap="sm" data-testid="health-changes">
      {changes.map((c) => (
        <Stack key={c.days} gap={4}>
          <Group gap="xs">
            <Text size="sm" fw={600}>
              vs {c.days} days ago
            </Text>
            <ScoreDelta change={c.change} days={c.days} size="sm" />
            {c.from !== null ? (
              <Text size="xs" c="dimmed">
                (was {formatDecimal(c.from)})
              </Text>
            ) : null}
          </Group>
          {c.change === null ? (
            <Text size="xs" c="dimmed">
              No score stored {c.days} days ago to compare with.
            </Text>
          ) : c.drivers.length === 0 ? (
            <Text size="xs" c="dimmed">
              No measure moved.
            </Text>
          ) : (
            <List size="sm" spacing={2} data-testid={`health-drivers-${c.days}`}>
              {c.drivers.map((d) => (
                <List.Item key={d.key}>
                  <Text size="sm" span c={d.change < 0 ? "red.8" : d.change > 0 ? "teal.8" : undefined}>
                    {d.text}
                  </Text>
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
      ))}
    </Stack>
  );
}
