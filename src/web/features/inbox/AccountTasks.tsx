import { Button, Group, Paper, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconChecklist, IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { routes, type Task } from "../../../contract/index.ts";
import { apiQuery } from "../../lib/query.ts";
import { AnchorLink } from "../../ui/links.tsx";
import { QueryListState } from "../../ui/QueryListState.tsx";
import { Section } from "../../ui/Section.tsx";
import { ReasonLine } from "../playbooks/PlaybookStepLink.tsx";
import { DueText, PriorityBadge, TaskFlags } from "./TaskCells.tsx";
import { TaskFormModal } from "./TaskFormModal.tsx";
import { TaskRowActions } from "./TaskRowActions.tsx";
import { TaskActionDialogs, type TaskActions, useTaskActions } from "./use-task-actions.tsx";

const SHOWN = 20;

/** One open item: what to do and why, whose and by when, with Close and Snooze at hand. */
function TaskRow({ task: t, actions, canWrite }: { task: Task; actions: TaskActions; canWrite: boolean }) {
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="account-task">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Group gap={6} wrap="nowrap">
            <PriorityBadge priority={t.priority} />
            <AnchorLink
              to="/inbox"
              search={{ view: "all", account: t.account.id, task: t.id }}
              fw={600}
              size="sm"
              lineClamp={1}
            >
              {t.title}
            </AnchorLink>
          </Group>
          <Text size="xs" c="dimmed" data-testid="task-reason">
            <ReasonLine reason={t.reason} />
          </Text>
          <Group gap="xs" wrap="wrap">
            <DueText task={t} />
            <Text size="xs" c="dimmed">
              {t.owner ? t.owner.name : "Nobody yet — the team's"}
            </Text>
            <TaskFlags task={t} />
          </Group>
        </Stack>
        {canWrite ? <TaskRowActions task={t} actions={actions} full={false} /> : null}
      </Group>
    </Paper>
  );
}

/**
 * The account's open alerts and tasks, soonest due first: the 360's answer to "what should I do
 * next". The inbox holds the rest (snoozed and closed ones, and every filter).
 */
export function AccountTasks({
  account,
  canWrite,
}: {
  account: { id: string; name: string };
  canWrite: boolean;
}) {
  const tasks = useQuery(
    apiQuery(routes.listTasks, {
      query: { view: "all", status: "open", accountId: account.id, sort: "dueDate", limit: SHOWN },
    }),
  );
  const actions = useTaskActions();
  const [adding, add] = useDisclosure(false);
  const rows = tasks.data?.data ?? [];
  const more = Boolean(tasks.data?.nextCursor);

  return (
    <Section
      title="Open tasks"
      count={tasks.data ? rows.length : undefined}
      description="Alerts and tasks on this customer, with why each is here"
      testId="account-tasks"
      actions={
        <>
          <AnchorLink to="/inbox" search={{ view: "all", account: account.id }} size="xs">
            {more ? "See all in the inbox" : "Open in the inbox"}
          </AnchorLink>
          {canWrite ? (
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={add.open}>
              New task
            </Button>
          ) : null}
        </>
      }
    >
      <QueryListState
        query={tasks}
        errorTitle="Tasks could not be loaded"
        isEmpty={rows.length === 0}
        icon={IconChecklist}
        empty={
          <>
            Nothing open on this account.{" "}
            {canWrite
              ? "Give a task for what should happen next; alerts appear here when Steward raises them."
              : "Alerts appear here when Steward raises them."}
          </>
        }
      />
      <Stack gap="xs">
        {rows.map((t) => (
          <TaskRow key={t.id} task={t} actions={actions} canWrite={canWrite} />
        ))}
      </Stack>
      <TaskActionDialogs actions={actions} />
      <TaskFormModal opened={adding} onClose={add.close} account={account} />
    </Section>
  );
}
