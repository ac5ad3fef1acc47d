import { Badge, Group, Progress, Skeleton, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { PlaybookRun, PlaybookRunDetail } from "../../../contract/index.ts";
import { daysUntil, formatDate } from "../../lib/format.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { OUTCOME_LABELS } from "../inbox/labels.ts";
import { DueText } from "../inbox/TaskCells.tsx";
import { OWNER_ROLE_LABELS, RUN_STATUS_COLORS, RUN_STATUS_LABELS } from "./labels.ts";
import { progressPercent, progressText } from "./playbook.rules.ts";
import { runQuery } from "./use-playbooks.ts";

export function RunStatusBadge({ status }: { status: PlaybookRun["status"] }) {
  return (
    <Badge size="sm" variant="light" color={RUN_STATUS_COLORS[status]}>
      {RUN_STATUS_LABELS[status]}
    </Badge>
  );
}

/** Steps closed of all, as a bar and in words ("2 of 5 steps closed · 1 overdue"). */
export function RunProgress({ run, w = 180 }: { run: PlaybookRun; w?: number }) {
  const pct = progressPercent(run.progress);
  return (
    <Stack gap={2} w={w}>
      <Progress
        value={pct}
        size="sm"
        color={run.status === "completed" ? "green" : run.progress.overdue > 0 ? "orange" : "blue"}
        aria-label={`Progress of ${run.playbook.name} on ${run.account.name}`}
      />
      <Text size="xs" c={run.progress.overdue > 0 ? "red.7" : "dimmed"} data-testid="run-progress">
        {progressText(run.progress)}
      </Text>
    </Stack>
  );
}

/** Who started it: a rule (by name) or a person. */
export const startedByText = (run: PlaybookRun): string =>
  run.rule ? `Rule “${run.rule.name}”` : (run.startedBy?.name ?? "Someone no longer here");

type RunTask = PlaybookRunDetail["tasks"][number];

const overdue = (t: RunTask) => t.status === "open" && (daysUntil(t.dueDate) ?? 0) < 0;

/** One run's steps: each step's task, whose, due when, and how it ended. */
export function RunSteps({ runId }: { runId: string }) {
  const q = useQuery(runQuery(runId));
  if (q.isError) {
    return (
      <ErrorAlert error={q.error} title="The run's steps could not be loaded" onRetry={() => q.refetch()} />
    );
  }
  if (!q.data) return <Skeleton h={80} />;
  const run = q.data;
  if (run.tasks.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {run.heldOut
          ? "Held out at random by its rule, to measure the playbook's effect: no tasks, and followed for 90 days."
          : "This run has no steps."}
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed">
        {run.reason}
      </Text>
      <Table fz="sm" verticalSpacing={4} aria-label={`Steps of ${run.playbook.name} on ${run.account.name}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>#</Table.Th>
            <Table.Th>Step</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {run.tasks.map((t) => (
            <Table.Tr key={t.id} data-testid="run-step">
              <Table.Td>{t.step}</Table.Td>
              <Table.Td>
                <AnchorLink to="/inbox" search={{ view: "all", task: t.id }} size="sm">
                  {t.title}
                </AnchorLink>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t.owner?.name ?? "Nobody yet"}</Text>
                <Text size="xs" c="dimmed">
                  {OWNER_ROLE_LABELS[t.ownerRole]}
                </Text>
              </Table.Td>
              <Table.Td>
                <DueText task={{ dueDate: t.dueDate, status: t.status, overdue: overdue(t) }} />
              </Table.Td>
              <Table.Td>
                {t.status === "open" ? (
                  <Badge size="xs" variant="light" color="blue">
                    Open
                  </Badge>
                ) : (
                  <Group gap={4} wrap="nowrap">
                    <Badge
                      size="xs"
                      variant="light"
                      color={t.outcome === "unsuccessful" ? "orange" : "green"}
                    >
                      {t.outcome ? OUTCOME_LABELS[t.outcome] : "Closed"}
                    </Badge>
                    {t.closedAt ? (
                      <Text size="xs" c="dimmed">
                        {formatDate(t.closedAt)}
                      </Text>
                    ) : null}
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
