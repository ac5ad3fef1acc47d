import { Button, Group, Skeleton } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Section } from "../../ui/Section.tsx";
import { AnswerList } from "./AnswerList.tsx";

const PAGE = 10;

/** Every survey answer a contact gave (on Steward's page or imported), newest first. */
export function ContactAnswers({
  contact,
}: {
  contact: { id: string; firstName: string | null; name: string };
}) {
  const answers = useInfiniteQuery({
    // Keyed by the route's path first, so writes to survey answers invalidate it by prefix.
    queryKey: [routes.listSurveyResponses.path, null, { contactId: contact.id, paged: true }],
    queryFn: ({ pageParam }) =>
      api(routes.listSurveyResponses, {
        query: { contactId: contact.id, limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const list = answers.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Section
      title="Survey answers"
      description="NPS, CSAT, CES and experience ratings this person gave"
      testId="contact-answers"
    >
      {answers.isError ? (
        <ErrorAlert
          error={answers.error}
          title="Answers could not be loaded"
          onRetry={() => answers.refetch()}
        />
      ) : answers.isPending ? (
        <Skeleton h={60} />
      ) : (
        <>
          <AnswerList
            answers={list}
            withAccount={false}
            empty={`${contact.firstName ?? contact.name} has not answered a survey yet.`}
          />
          {answers.hasNextPage ? (
            <Group justify="center" p="xs">
              <Button
                size="xs"
                variant="subtle"
                loading={answers.isFetchingNextPage}
                onClick={() => answers.fetchNextPage()}
              >
                Show older answers
              </Button>
            </Group>
          ) : null}
        </>
      )}
    </Section>
  );
}
