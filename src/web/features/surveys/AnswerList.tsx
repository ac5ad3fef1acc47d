import { Badge, Group, Stack, Text } from "@mantine/core";
import type { SurveyResponse } from "../../../contract/index.ts";
import { formatDate } from "../../lib/format.ts";
import { AnchorLink } from "../../ui/links.tsx";
import { KIND_LABELS, needsCallBack } from "./labels.ts";

// An answer that calls for a call back is said in words, not by colour alone.
const unhappy = (a: SurveyResponse) => needsCallBack(a.kind, a.score);

/** Survey answers: who (linked) at which account (linked), the score, the date and the comment. */
export function AnswerList({
  answers,
  empty,
  withAccount = true,
}: {
  answers: SurveyResponse[];
  empty: string;
  withAccount?: boolean;
}) {
  if (answers.length === 0) {
    return (
      <Text size="sm" c="dimmed" p="md">
        {empty}
      </Text>
    );
  }
  return (
    <Stack gap={0} component="ul" aria-label="Answers" style={{ listStyle: "none", margin: 0, padding: 0 }}>
      {answers.map((a) => (
        <li
          key={a.id}
          style={{ padding: "10px 16px", borderBottom: "1px solid var(--mantine-color-default-border)" }}
        >
          <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
            <Group gap={6} wrap="wrap">
              <AnchorLink to="/contacts/$id" params={{ id: a.contactId }} size="sm" fw={500}>
                {a.contactName}
              </AnchorLink>
              {withAccount ? (
                <>
                  <Text size="sm" c="dimmed">
                    at
                  </Text>
                  <AnchorLink to="/accounts/$id" params={{ id: a.accountId }} size="sm">
                    {a.accountName}
                  </AnchorLink>
                </>
              ) : null}
            </Group>
            <Group gap={6} wrap="nowrap">
              <Badge
                size="sm"
                variant={unhappy(a) ? "filled" : "light"}
                color={unhappy(a) ? "red" : "gray"}
                tt="none"
              >
                {KIND_LABELS[a.kind]}
                {a.dimension ? ` · ${a.dimension}` : ""} {a.score} / {a.scale}
                {unhappy(a) ? (a.kind === "nps" ? " · detractor" : " · unhappy") : ""}
              </Badge>
              <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                {formatDate(a.answeredAt)}
              </Text>
            </Group>
          </Group>
          {a.comment ? (
            <Text size="sm" mt={4} style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
              “{a.comment}”
            </Text>
          ) : null}
        </li>
      ))}
    </Stack>
  );
}
