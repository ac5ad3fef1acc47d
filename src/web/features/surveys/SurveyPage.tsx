import {
  Breadcrumbs,
  Grid,
  Group,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { lazy, Suspense, useState } from "react";
import { routes } from "../../../contract/index.ts";
import { formatDate, formatNumber, formatPercent } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { DetailSkeleton } from "../../ui/DetailSkeleton.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { RecordLoadError } from "../../ui/RecordLoadError.tsx";
import { Section } from "../../ui/Section.tsx";
import { StatCard } from "../../ui/StatCard.tsx";
import { AnswerList } from "./AnswerList.tsx";
import { DeliveryCell } from "./DeliveryCell.tsx";
import { formatScore, KIND_LABELS, SCORE_HINTS } from "./labels.ts";

const DistributionChart = lazy(() => import("./DistributionChart.tsx"));
const route = getRouteApi("/_app/surveys/$id");

const NPS_CAPTION = "0–6 detractors (red) · 7–8 passives (amber) · 9–10 promoters (green)";

/** One survey's results: score, response rate, answers per score and what key players wrote. */
export function SurveyPage() {
  const { id } = route.useParams();
  const survey = useQuery(apiQuery(routes.getSurvey, { params: { surveyId: id } }));
  const [only, setOnly] = useState<"comments" | "all">("comments");

  if (survey.isError) {
    return (
      <RecordLoadError
        list="/surveys"
        listLabel="Surveys"
        error={survey.error}
        title="This survey could not be loaded"
        onRetry={() => survey.refetch()}
      />
    );
  }
  const s = survey.data;
  if (!s) {
    return <DetailSkeleton body={260} />;
  }
  const withComments = s.answers.filter((a) => a.comment);
  const shown = only === "comments" ? withComments : s.answers;
  return (
    <>
      <PageHeader
        above={
          <Breadcrumbs separator="›">
            <AnchorLink to="/surveys" size="sm" c="dimmed">
              Surveys
            </AnchorLink>
            <Text size="sm" c="dimmed">
              {s.name}
            </Text>
          </Breadcrumbs>
        }
        title={s.name}
        description={`${KIND_LABELS[s.kind]} · sent ${formatDate(s.createdAt)} · “${s.question}”`}
      />
      <SimpleGrid cols={{ base: 2, md: 4 }} mb="md" spacing="md">
        <StatCard
          label="Score"
          testId="survey-score"
          value={s.score === null ? "No answers yet" : formatScore(s.kind, s.score)}
          hint={SCORE_HINTS[s.kind]}
        />
        <StatCard
          label="Response rate"
          value={formatPercent(s.responseRate)}
          hint={`${formatNumber(s.answered)} of ${formatNumber(s.recipients)} answered`}
        />
        <StatCard
          label="Recipients"
          value={formatNumber(s.recipients)}
          hint={`Recontact guard: ${s.recontactDays} days`}
        />
        <StatCard
          label="Delivery"
          value={<DeliveryCell delivery={s.delivery} />}
          hint="Hover a count for what it means"
        />
      </SimpleGrid>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Section title="Answers per score" description={s.kind === "nps" ? NPS_CAPTION : undefined}>
            {s.answered === 0 ? (
              <Text size="sm" c="dimmed">
                No answers yet. Key players answer from the link in their email; results appear here as they
                do.
              </Text>
            ) : (
              <Suspense fallback={<Skeleton h={240} />}>
                <DistributionChart kind={s.kind} distribution={s.distribution} />
              </Suspense>
            )}
          </Section>
          {s.dimensions.length > 0 ? (
            <Section
              title="By dimension"
              description="Mean score of each experience dimension, 1–5"
              testId="survey-dimensions"
            >
              <Stack gap="xs">
                {s.dimensions.map((d) => (
                  <div key={d.key}>
                    <Group justify="space-between" gap="xs">
                      <Text size="sm">{d.label}</Text>
                      <Text size="sm" fw={600} className="steward-num">
                        {d.mean.toFixed(2)}{" "}
                        <Text span size="xs" c="dimmed" fw={400}>
                          · {formatNumber(d.answers)} answer{d.answers === 1 ? "" : "s"}
                        </Text>
                      </Text>
                    </Group>
                    <Progress
                      value={((d.mean - 1) / 4) * 100}
                      color={d.mean < 3 ? "red" : d.mean < 4 ? "yellow" : "teal"}
                      size="sm"
                      aria-label={`${d.label}: ${d.mean.toFixed(2)} of 5`}
                    />
                  </div>
                ))}
              </Stack>
            </Section>
          ) : null}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Section
            title="Verbatims"
            count={withComments.length}
            description="What key players wrote, newest first"
            actions={
              <SegmentedControl
                size="xs"
                aria-label="Which answers"
                value={only}
                onChange={(v) => setOnly(v === "all" ? "all" : "comments")}
                data={[
                  { value: "comments", label: "With comments" },
                  { value: "all", label: `All answers (${s.answers.length})` },
                ]}
              />
            }
            padding={0}
          >
            <AnswerList
              answers={shown}
              empty={
                s.answered === 0
                  ? "No answers yet."
                  : only === "comments"
                    ? "No one has written a comment yet."
                    : "No answers yet."
              }
            />
          </Section>
        </Grid.Col>
      </Grid>
      {s.answers.length < s.answered ? (
        <Group mt="xs">
          <Text size="xs" c="dimmed">
            The latest {s.answers.length} of {s.answered} answers are shown.
          </Text>
        </Group>
      ) : null}
    </>
  );
}
