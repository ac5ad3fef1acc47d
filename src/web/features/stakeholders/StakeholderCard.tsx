import { Badge, Group, Paper, Stack, Text, Tooltip } from "@mantine/core";
import type { ReactNode } from "react";
import type { Stakeholder } from "../../../contract/index.ts";
import { formatDate, relativeDays } from "../../lib/format.ts";
import { label, SENIORITY_LABELS } from "../../lib/labels.ts";
import { InfluenceDots } from "../../ui/InfluenceDots.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { CHANNEL_LABELS } from "../journey/labels.ts";
import { IndexBadge } from "../success/AccountSuccess.tsx";
import { answerLabel, answerVerdict, outcomesSummary } from "./labels.ts";

function Fact({ name, children }: { name: string; children: ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <Text size="xs" c="dimmed" w={92} style={{ flexShrink: 0 }}>
        {name}
      </Text>
      <div style={{ minWidth: 0 }}>{children}</div>
    </Group>
  );
}

/** One key player on the map: who they are, how they fare, when we last met and heard from them. */
export function StakeholderCard({ p }: { p: Stakeholder }) {
  const t = p.lastTouchpoint;
  const a = p.latestAnswer;
  const verdict = a ? answerVerdict(a) : null;
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="stakeholder" opacity={p.leftCompany ? 0.75 : 1}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div style={{ minWidth: 0 }}>
            <AnchorLink to="/contacts/$id" params={{ id: p.contactId }} fw={600} size="sm">
              {p.name}
            </AnchorLink>
            <Text size="xs" c="dimmed" lineClamp={1}>
              {[p.title, p.seniority ? label(SENIORITY_LABELS, p.seniority) : null]
                .filter(Boolean)
                .join(" · ") || "No title or seniority recorded"}
            </Text>
          </div>
          <IndexBadge index={p.index} size="sm" />
        </Group>
        {p.leftCompany ? (
          <Badge size="sm" color="gray" variant="outline" w="fit-content">
            Left the company
          </Badge>
        ) : null}
        <Fact name="Influence">
          <InfluenceDots value={p.influence} />
        </Fact>
        <Fact name="Outcomes">
          <Text size="xs">{outcomesSummary(p.outcomes)}</Text>
        </Fact>
        <Fact name="Last met">
          {t ? (
            <Tooltip label={`${CHANNEL_LABELS[t.channel]} on ${formatDate(t.occurredAt)}`} withArrow>
              <Text size="xs" lineClamp={1}>
                {relativeDays(t.occurredAt)} · {CHANNEL_LABELS[t.channel]} “{t.title}”
              </Text>
            </Tooltip>
          ) : (
            <Text size="xs" c="dimmed">
              Never: no touchpoint records them present
            </Text>
          )}
        </Fact>
        <Fact name="Latest answer">
          {a && verdict ? (
            <Stack gap={0}>
              <Group gap={6} wrap="nowrap">
                <Text size="xs">{answerLabel(a)}</Text>
                <Badge size="xs" variant="light" color={verdict.color}>
                  {verdict.word}
                </Badge>
                <Text size="xs" c="dimmed">
                  {formatDate(a.answeredAt)}
                </Text>
              </Group>
              {a.comment ? (
                <Text size="xs" fs="italic" lineClamp={2}>
                  “{a.comment}”
                </Text>
              ) : null}
            </Stack>
          ) : (
            <Text size="xs" c="dimmed">
              No survey answer yet
            </Text>
          )}
        </Fact>
      </Stack>
    </Paper>
  );
}
