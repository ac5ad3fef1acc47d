import { Badge, Group, Stack, Text, Timeline } from "@mantine/core";
import { IconFlag, IconRobot, IconUser } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import type { AccountLifecycle as Lifecycle } from "../../../contract/index.ts";
import { formatDate } from "../../lib/format.ts";
import { QueryListState } from "../../ui/QueryListState.tsx";
import { Section } from "../../ui/Section.tsx";
import { StageBadge } from "../accounts/cells.tsx";
import { accountLifecycleQuery, useStages } from "./use-lifecycle.ts";

const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

/** Time to first value in words: reached (and by what), still waiting, or no contract yet. */
function firstValueText(l: Lifecycle): string {
  const v = l.timeToFirstValue;
  if (v) {
    const what = v.by === "milestone" ? v.milestone : `"${v.outcome?.title}" achieved`;
    return `First value ${days(v.days)} after the contract started (${formatDate(v.contractStart)}): ${what}.`;
  }
  if (l.daysWithoutValue !== null) return `No value yet, ${days(l.daysWithoutValue)} into the contract.`;
  return "No contract start yet: time to first value counts from the first subscription.";
}

/** Where the account is in its lifecycle, how long it has been there, how it got there, and what is next. */
export function AccountLifecycle({ accountId }: { accountId: string }) {
  const query = useQuery(accountLifecycleQuery(accountId));
  const { labelOf } = useStages();
  const l = query.data;
  return (
    <Section
      title="Lifecycle"
      testId="account-lifecycle"
      description={
        l ? `${labelOf(l.stage)} for ${days(l.daysInStage)}, since ${formatDate(l.since)}` : undefined
      }
    >
      <QueryListState
        query={query}
        errorTitle="Could not load the lifecycle"
        isEmpty={false}
        icon={IconFlag}
        empty={null}
      />
      {l ? (
        <Stack gap="sm">
          <Text size="sm" data-testid="time-to-first-value">
            {firstValueText(l)}
          </Text>
          {l.next ? (
            <Group gap={6}>
              <Text size="sm">Next: {l.next.label}</Text>
              <Badge size="sm" variant="light" color={l.next.meetsEntry ? "teal" : "gray"}>
                {l.next.meetsEntry
                  ? l.next.automatic
                    ? "meets its entry criteria: moves there tonight"
                    : "meets its entry criteria"
                  : "entry criteria not met yet"}
              </Badge>
            </Group>
          ) : null}
          <Timeline active={l.history.length - 1} bulletSize={20} lineWidth={2}>
            {[...l.history].reverse().map((h) => (
              <Timeline.Item
                key={`${h.at}-${h.to}`}
                bullet={
                  h.source === "rule" ? (
                    <IconRobot size={12} />
                  ) : h.by ? (
                    <IconUser size={12} />
                  ) : (
                    <IconFlag size={12} />
                  )
                }
                title={<StageBadge stage={h.to} />}
              >
                <Text size="xs" c="dimmed">
                  {formatDate(h.at)} · {days(h.days)} ·{" "}
                  {h.source === "rule"
                    ? "by a rule"
                    : h.by
                      ? `by ${h.by.name}`
                      : h.from
                        ? "by hand"
                        : "first stage"}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        </Stack>
      ) : null}
    </Section>
  );
}
