import { Badge, Group, Text } from "@mantine/core";
import { IconAlertTriangle, IconArrowUpRight, IconChecklist, IconRepeat } from "@tabler/icons-react";
import type { Task, TaskPriority } from "../../../contract/index.ts";
import { formatDate, formatDateTime, relativeDays } from "../../lib/format.ts";
import { ReasonLine } from "../playbooks/PlaybookStepLink.tsx";
import { KIND_LABELS, OUTCOME_LABELS, PRIORITY_COLORS, PRIORITY_LABELS, TYPE_LABELS } from "./labels.ts";
import { escalatedText, occurrencesText } from "./task.rules.ts";

/** The priority as a word on its colour, so it reads without the colour. */
export function PriorityBadge({ priority }: { priority: TaskPriority }) {
  return (
    <Badge
      size="sm"
      variant={priority === "urgent" ? "filled" : "light"}
      color={PRIORITY_COLORS[priority]}
      data-testid="task-priority"
    >
      {PRIORITY_LABELS[priority]}
    </Badge>
  );
}

/** "Alert · Risk": raised by Steward or given by a person, and what it is about. */
export function KindType({ task }: { task: Pick<Task, "kind" | "type"> }) {
  const Icon = task.kind === "alert" ? IconAlertTriangle : IconChecklist;
  return (
    <Group gap={4} wrap="nowrap">
      <Icon size={14} stroke={1.6} aria-hidden color="var(--mantine-color-dimmed)" />
      <Text size="sm">
        {KIND_LABELS[task.kind]} · {TYPE_LABELS[task.type]}
      </Text>
    </Group>
  );
}

/** The due date, with the word "Overdue" when it has passed on an open item. */
export function DueText({ task }: { task: Pick<Task, "dueDate" | "overdue" | "status"> }) {
  if (!task.dueDate) {
    return (
      <Text size="sm" c="dimmed">
        No due date
      </Text>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" title={relativeDays(task.dueDate)}>
        {formatDate(task.dueDate)}
      </Text>
      {task.overdue ? (
        <Badge size="xs" color="red" variant="light" data-testid="task-overdue">
          Overdue
        </Badge>
      ) : null}
    </Group>
  );
}

/**
 * What else a CSM should know at a glance: the signal fired again, the item went up the line,
 * it sleeps until a time, or how it was closed.
 */
export function TaskFlags({ task }: { task: Task }) {
  const fired = occurrencesText(task.occurrences);
  const escalated = escalatedText(task);
  if (!fired && !escalated && !task.snoozedUntil && !task.outcome) return null;
  return (
    <Group gap={4} wrap="wrap">
      {fired ? (
        <Badge
          size="xs"
          tt="none"
          variant="outline"
          color="gray"
          leftSection={<IconRepeat size={10} />}
          title={`Last ${formatDateTime(task.lastOccurredAt)}`}
        >
          {fired}
        </Badge>
      ) : null}
      {escalated ? (
        <Badge size="xs" tt="none" variant="light" color="grape" leftSection={<IconArrowUpRight size={10} />}>
          {escalated}
        </Badge>
      ) : null}
      {task.snoozedUntil ? (
        <Badge size="xs" tt="none" variant="light" color="gray">
          Snoozed until {formatDateTime(task.snoozedUntil)}
        </Badge>
      ) : null}
      {task.outcome ? (
        <Badge
          size="xs"
          tt="none"
          variant="light"
          color={task.outcome === "unsuccessful" ? "orange" : "green"}
        >
          Closed: {OUTCOME_LABELS[task.outcome]}
        </Badge>
      ) : null}
    </Group>
  );
}

/** The title with the reason under it: what to do, and why it is here. */
export function TitleWithReason({ task }: { task: Task }) {
  return (
    <div>
      <Text size="sm" fw={500} lineClamp={2}>
        {task.title}
      </Text>
      <Text size="xs" c="dimmed" lineClamp={2} data-testid="task-reason">
        <ReasonLine reason={task.reason} />
      </Text>
      <TaskFlags task={task} />
    </div>
  );
}
