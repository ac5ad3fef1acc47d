import { Alert, Group, List, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck } from "@tabler/icons-react";
import { Fragment } from "react";
import type { RelationshipRisk } from "../../../contract/index.ts";
import { formatDate } from "../../lib/format.ts";
import { DECISION_ROLE_LABELS, label } from "../../lib/labels.ts";
import { AnchorLink } from "../../ui/links.tsx";
import { CHANNEL_LABELS } from "../journey/labels.ts";
import { answerLabel, RISK_TITLES } from "./labels.ts";

/** What a risk rests on, in words: the people (linked), the touchpoints and the answers. */
function Evidence({ evidence }: { evidence: RelationshipRisk["evidence"] }) {
  const { contacts, touchpoints, answers, since } = evidence;
  if (contacts.length === 0 && touchpoints.length === 0 && answers.length === 0) return null;
  return (
    <List size="xs" spacing={2} mt={4}>
      {contacts.length > 0 ? (
        <List.Item>
          {contacts.length === 1 ? "Key player: " : "Key players: "}
          {contacts.map((c, i) => (
            <Fragment key={c.contactId}>
              {i > 0 ? ", " : null}
              <AnchorLink to="/contacts/$id" params={{ id: c.contactId }} size="xs" fw={500}>
                {c.name}
              </AnchorLink>
              {c.decisionRole || c.leftCompany
                ? ` (${[c.decisionRole ? label(DECISION_ROLE_LABELS, c.decisionRole).toLowerCase() : null, c.leftCompany ? "left the company" : null].filter(Boolean).join(", ")})`
                : null}
            </Fragment>
          ))}
        </List.Item>
      ) : null}
      {touchpoints.length > 0 ? (
        <List.Item>
          {touchpoints.length === 1 ? "Touchpoint: " : `${touchpoints.length} touchpoints: `}
          {touchpoints
            .map((t) => `${formatDate(t.occurredAt)} ${CHANNEL_LABELS[t.channel].toLowerCase()} “${t.title}”`)
            .join("; ")}
          {since ? ` (since ${formatDate(since)})` : null}
        </List.Item>
      ) : since ? (
        <List.Item>Looked at touchpoints since {formatDate(since)}</List.Item>
      ) : null}
      {answers.length > 0 ? (
        <List.Item>
          {answers.length === 1 ? "Answer: " : "Answers: "}
          {answers
            .map(
              (a) => `${answerLabel(a)} on ${formatDate(a.answeredAt)}${a.comment ? `, “${a.comment}”` : ""}`,
            )
            .join("; ")}
        </List.Item>
      ) : null}
    </List>
  );
}

/** The account's relationship risks as alerts, each named in words with its evidence. */
export function RelationshipRisks({ risks, hasPlayers }: { risks: RelationshipRisk[]; hasPlayers: boolean }) {
  if (risks.length === 0) {
    return hasPlayers ? (
      <Group gap={6} data-testid="no-relationship-risks">
        <IconCircleCheck size={16} color="var(--mantine-color-green-7)" />
        <Text size="sm">
          No relationship risks flagged. Steward checks for no champion, an economic buyer not met in 90 days,
          a champion or economic buyer who left, single-threading and a detractor among the decision makers.
        </Text>
      </Group>
    ) : null;
  }
  return (
    <Stack gap="xs" role="list" aria-label="Relationship risks">
      {risks.map((r) => (
        <Alert
          key={r.code}
          role="listitem"
          data-testid="relationship-risk"
          data-code={r.code}
          color="orange"
          variant="light"
          p="xs"
          icon={<IconAlertTriangle size={18} />}
          title={`Risk: ${RISK_TITLES[r.code]}`}
        >
          <Text size="sm">{r.message}</Text>
          <Evidence evidence={r.evidence} />
        </Alert>
      ))}
    </Stack>
  );
}
