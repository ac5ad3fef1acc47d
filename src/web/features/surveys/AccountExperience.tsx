import { Alert, Button, Paper, SimpleGrid, Skeleton, Stack, Text, Tooltip } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconAlertTriangle, IconSend } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { type ExperienceMetrics, routes } from "../../../contract/index.ts";
import { formatDate, formatNumber, formatPercent } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Section } from "../../ui/Section.tsx";
import { AnswerList } from "./AnswerList.tsx";
import { formatScore, SCORE_HINTS } from "./labels.ts";
import { NewSurveyModal } from "./NewSurveyModal.tsx";

const DAY = 86_400_000;
/** Midnight UTC `days` ago: a stable query key for the whole day. */
const daysAgo = (days: number) => new Date(Math.floor(Date.now() / DAY) * DAY - days * DAY).toISOString();

function Figure({
  label,
  value,
  responses,
  hint,
}: {
  label: string;
  value: string;
  responses: number;
  hint: string;
}) {
  return (
    <Tooltip label={hint} withArrow multiline w={260} openDelay={200}>
      <Paper withBorder radius="sm" p="xs" style={{ cursor: "help" }} data-testid={`experience-${label}`}>
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          {label}
        </Text>
        <Text fz={20} fw={600} className="steward-num" style={{ textAlign: "left" }}>
          {value}
        </Text>
        <Text size="xs" c="dimmed">
          {responses === 0
            ? "No responses"
            : `${formatNumber(responses)} response${responses === 1 ? "" : "s"}`}
        </Text>
      </Paper>
    </Tooltip>
  );
}

function Figures({ m }: { m: ExperienceMetrics }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
      <Figure
        label="NPS"
        value={formatScore("nps", m.nps.score)}
        responses={m.nps.responses}
        hint={SCORE_HINTS.nps}
      />
      <Figure
        label="CSAT"
        value={formatScore("csat", m.csat.score)}
        responses={m.csat.responses}
        hint={SCORE_HINTS.csat}
      />
      <Figure
        label="CES"
        value={formatScore("ces", m.ces.score, m.ces.scale.max)}
        responses={m.ces.responses}
        hint={SCORE_HINTS.ces}
      />
      <Figure
        label="Ticket CSAT"
        value={formatPercent(m.ticketCsat.score)}
        responses={m.ticketCsat.responses}
        hint="Share of rated support tickets scored 4 or 5, by when they were opened"
      />
    </SimpleGrid>
  );
}

/**
 * The account's experience at a glance: NPS, CSAT, CES and ticket CSAT of the last 12 months, the
 * closed loop's open alerts of the last 90 days, the latest answers, and a survey to its key players.
 */
export function AccountExperience({
  account,
  canWrite,
}: {
  account: { id: string; name: string };
  canWrite: boolean;
}) {
  const from = useMemo(() => daysAgo(365), []);
  const since = useMemo(() => daysAgo(90), []);
  const metrics = useQuery(apiQuery(routes.getExperienceMetrics, { query: { accountId: account.id, from } }));
  const answers = useQuery(
    apiQuery(routes.listSurveyResponses, { query: { accountId: account.id, limit: 5 } }),
  );
  const alerts = useQuery(
    apiQuery(routes.listTimeline, {
      params: { accountId: account.id },
      query: { kind: ["alert"], limit: 20 },
    }),
  );
  const open = (alerts.data?.data ?? []).filter((e) => e.occurredAt >= since);
  const [surveying, survey] = useDisclosure(false);

  return (
    <Section
      title="Experience"
      testId="account-experience"
      description="Survey answers and support tickets of the last 12 months"
      actions={
        canWrite ? (
          <Button size="xs" variant="light" leftSection={<IconSend size={14} />} onClick={survey.open}>
            Send survey
          </Button>
        ) : null
      }
    >
      <Stack gap="md">
        {metrics.isError ? (
          <ErrorAlert
            error={metrics.error}
            title="Experience figures could not be loaded"
            onRetry={() => metrics.refetch()}
          />
        ) : metrics.data ? (
          <Figures m={metrics.data} />
        ) : (
          <Skeleton h={76} />
        )}

        {open.length > 0 ? (
          <Stack gap="xs" aria-label="Open alerts" role="list">
            {open.map((e) => (
              <Alert
                key={e.id}
                role="listitem"
                color="red"
                variant="light"
                icon={<IconAlertTriangle size={18} />}
                title={`Needs a call back — ${e.title}`}
                p="xs"
              >
                <Text size="sm">{e.body}</Text>
                <Text size="xs" c="dimmed" mt={2}>
                  {formatDate(e.occurredAt)}
                </Text>
              </Alert>
            ))}
          </Stack>
        ) : null}

        <Stack gap={4}>
          <Text size="sm" fw={600}>
            Latest answers
          </Text>
          {answers.isError ? (
            <ErrorAlert
              error={answers.error}
              title="Answers could not be loaded"
              onRetry={() => answers.refetch()}
            />
          ) : answers.data ? (
            <Paper withBorder radius="sm">
              <AnswerList
                answers={answers.data.data}
                withAccount={false}
                empty={
                  canWrite
                    ? "No survey answers yet. Send a survey to this account's key players to hear how they are doing."
                    : "No survey answers yet."
                }
              />
            </Paper>
          ) : (
            <Skeleton h={60} />
          )}
        </Stack>
      </Stack>
      <NewSurveyModal
        opened={surveying}
        onClose={survey.close}
        preset={{ type: "accounts", accounts: [{ value: account.id, label: account.name }] }}
      />
    </Section>
  );
}
