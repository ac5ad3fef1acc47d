import {
  Alert,
  Badge,
  Button,
  Divider,
  Drawer,
  Group,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { IconArrowBackUp, IconCheck, IconClock, IconPencil, IconUserShare } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { Task } from "../../../contract/index.ts";
import { errorMessage } from "../../api.ts";
import { formatDateTime } from "../../lib/format.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { OUTCOME_LABELS } from "./labels.ts";
import { ReasonDetails } from "./ReasonDetails.tsx";
import { SnoozeMenu } from "./SnoozeMenu.tsx";
import { DueText, KindType, PriorityBadge } from "./TaskCells.tsx";
import type { TaskActions } from "./use-task-actions.tsx";
import { taskQuery } from "./use-task-mutations.ts";

/** A label and its value, one line of the drawer's facts. */
function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={130} fw={500} c="dimmed" style={{ verticalAlign: "top" }}>
        {label}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

function Facts({ children }: { children: ReactNode }) {
  return (
    <Table withRowBorders={false} verticalSpacing={3} horizontalSpacing={0} fz="sm">
      <Table.Tbody>{children}</Table.Tbody>
    </Table>
  );
}

const statusWord = (t: Task) => (t.status === "closed" ? "Closed" : t.snoozedUntil ? "Snoozed" : "Open");

/** Close, snooze, reassign and edit an open item; reopen a closed one (the server may refuse). */
function DrawerActions({ task, actions: a }: { task: Task; actions: TaskActions }) {
  if (task.status === "closed") {
    const refused = a.reopen.isError && a.reopen.variables?.id === task.id ? a.reopen.error : null;
    return (
      <Stack gap="xs">
        <Group>
          <Button
            variant="default"
            leftSection={<IconArrowBackUp size={16} />}
            loading={a.reopen.isPending}
            onClick={() => a.reopenTask(task)}
          >
            Reopen
          </Button>
        </Group>
        {refused ? (
          <Alert color="red" variant="light" p="xs" role="alert">
            {errorMessage(refused)}
          </Alert>
        ) : null}
      </Stack>
    );
  }
  return (
    <Group gap="xs">
      <Button leftSection={<IconCheck size={16} />} onClick={() => a.closing.open(task)}>
        Close…
      </Button>
      <SnoozeMenu onPick={(until) => a.snoozeUntil(task, until)} onCustom={() => a.snoozing.open(task)}>
        <Button variant="default" leftSection={<IconClock size={16} />}>
          Snooze
        </Button>
      </SnoozeMenu>
      <Button
        variant="default"
        leftSection={<IconUserShare size={16} />}
        onClick={() => a.reassigning.open(task)}
      >
        Reassign…
      </Button>
      <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => a.editing.open(task)}>
        Edit…
      </Button>
    </Group>
  );
}

/** Where the item came from and what happened to it since, oldest first. */
function History({ task: t }: { task: Task }) {
  return (
    <Facts>
      <Fact label="Created">
        {formatDateTime(t.createdAt)} {t.createdBy ? `by ${t.createdBy.name}` : "by Steward"}
      </Fact>
      {t.occurrences > 1 ? (
        <Fact label="Fired again">
          {t.occurrences} times in all, last {formatDateTime(t.lastOccurredAt)}
        </Fact>
      ) : null}
      {t.escalatedAt ? (
        <Fact label="Escalated">
          {formatDateTime(t.escalatedAt)}
          {t.escalatedTo.length > 0 ? ` to ${t.escalatedTo.map((p) => p.name).join(", ")}` : ""}
        </Fact>
      ) : null}
      {t.snoozedUntil ? <Fact label="Snoozed until">{formatDateTime(t.snoozedUntil)}</Fact> : null}
      {t.closedAt ? (
        <Fact label="Closed">
          {formatDateTime(t.closedAt)} {t.closedBy ? `by ${t.closedBy.name}` : "by Steward"}
          {t.outcome ? ` — ${OUTCOME_LABELS[t.outcome]}` : ""}
          {t.outcomeNote ? (
            <Text
              size="sm"
              c="dimmed"
              mt={2}
              style={{ whiteSpace: "pre-wrap" }}
              data-testid="task-outcome-note"
            >
              “{t.outcomeNote}”
            </Text>
          ) : null}
        </Fact>
      ) : null}
    </Facts>
  );
}

/** One item in full: what to do, on which account, why it is here, and its history. */
function TaskDetails({
  task: t,
  actions,
  canWrite,
}: {
  task: Task;
  actions: TaskActions;
  canWrite: boolean;
}) {
  return (
    <Stack gap="md">
      <div>
        <Group gap={6} mb={6}>
          <PriorityBadge priority={t.priority} />
          <KindType task={t} />
          <Badge size="sm" variant="outline" color={t.status === "closed" ? "gray" : "blue"}>
            {statusWord(t)}
          </Badge>
        </Group>
        <Title order={3} fz="lg">
          {t.title}
        </Title>
      </div>
      {canWrite ? <DrawerActions task={t} actions={actions} /> : null}
      <Facts>
        <Fact label="Account">
          <AnchorLink to="/accounts/$id" params={{ id: t.account.id }} size="sm">
            {t.account.name}
          </AnchorLink>
        </Fact>
        <Fact label="Owner">{t.owner?.name ?? "Nobody yet — the team's"}</Fact>
        <Fact label="Due">
          <DueText task={t} />
        </Fact>
      </Facts>
      <Divider />
      <div>
        <Text size="xs" fw={600} tt="uppercase" c="dimmed" mb={4}>
          Description
        </Text>
        {t.description ? (
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {t.description}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            No description.
          </Text>
        )}
      </div>
      <div>
        <Text size="xs" fw={600} tt="uppercase" c="dimmed" mb={4}>
          Why it is here
        </Text>
        <ReasonDetails reason={t.reason} />
      </div>
      <div>
        <Text size="xs" fw={600} tt="uppercase" c="dimmed" mb={4}>
          History
        </Text>
        <History task={t} />
      </div>
    </Stack>
  );
}

/** The item whose id is in the page's URL, in a drawer on the right (so its link can be shared). */
export function TaskDrawer({
  taskId,
  onClose,
  actions,
  canWrite,
}: {
  taskId: string | undefined;
  onClose: () => void;
  actions: TaskActions;
  canWrite: boolean;
}) {
  const task = useQuery({ ...taskQuery(taskId ?? ""), enabled: Boolean(taskId) });
  return (
    <Drawer
      opened={Boolean(taskId)}
      onClose={onClose}
      position="right"
      size="lg"
      title="Inbox item"
      data-testid="task-drawer"
    >
      {task.isError ? (
        <ErrorAlert error={task.error} title="This item could not be loaded" onRetry={() => task.refetch()} />
      ) : task.data ? (
        <TaskDetails task={task.data} actions={actions} canWrite={canWrite} />
      ) : (
        <Skeleton h={240} />
      )}
    </Drawer>
  );
}
