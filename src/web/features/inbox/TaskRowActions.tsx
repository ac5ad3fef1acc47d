import { ActionIcon, Group, Menu, Tooltip } from "@mantine/core";
import {
  IconArrowBackUp,
  IconCheck,
  IconClock,
  IconDots,
  IconPencil,
  IconUserShare,
} from "@tabler/icons-react";
import type { Task } from "../../../contract/index.ts";
import { RowAction } from "../../ui/RowAction.tsx";
import { SnoozeMenu } from "./SnoozeMenu.tsx";
import type { TaskActions } from "./use-task-actions.tsx";

/**
 * A row's actions, named for screen readers by the item's title: Close and Snooze at hand, then
 * Reassign and Edit in a menu; a closed item can only be reopened.
 */
export function TaskRowActions({
  task,
  actions: a,
  full = true,
}: {
  task: Task;
  actions: TaskActions;
  /** Reassign and Edit too; the account page keeps to the quick ones. */
  full?: boolean;
}) {
  if (task.status === "closed") {
    return (
      <RowAction
        tooltip="Reopen"
        label={`Reopen ${task.title}`}
        icon={<IconArrowBackUp size={16} />}
        onClick={() => a.reopenTask(task)}
      />
    );
  }
  return (
    <Group gap={2} wrap="nowrap" justify="flex-end">
      <RowAction
        tooltip="Close"
        label={`Close ${task.title}`}
        icon={<IconCheck size={16} />}
        onClick={() => a.closing.open(task)}
      />
      <SnoozeMenu onPick={(until) => a.snoozeUntil(task, until)} onCustom={() => a.snoozing.open(task)}>
        <Tooltip label="Snooze" withArrow>
          <ActionIcon variant="subtle" color="gray" aria-label={`Snooze ${task.title}`}>
            <IconClock size={16} />
          </ActionIcon>
        </Tooltip>
      </SnoozeMenu>
      {full ? (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${task.title}`}>
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconUserShare size={16} />} onClick={() => a.reassigning.open(task)}>
              Reassign…
            </Menu.Item>
            <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => a.editing.open(task)}>
              Edit…
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      ) : null}
    </Group>
  );
}
