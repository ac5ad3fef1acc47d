import { Text } from "@mantine/core";
import type { Task } from "../../../contract/index.ts";
import { type AnyColumns, actionsColumn, columnHelper } from "../../ui/DataTable.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { DueText, KindType, PriorityBadge, TitleWithReason } from "./TaskCells.tsx";
import { TaskRowActions } from "./TaskRowActions.tsx";
import type { TaskActions } from "./use-task-actions.tsx";

const col = columnHelper<Task>();

/**
 * The inbox's dense table: priority, what kind of item, what to do and why, on which account, whose,
 * and by when; the actions last for people who may write.
 */
export const taskColumns = (actions: TaskActions, canWrite: boolean): AnyColumns<Task> => [
  col.accessor("priority", {
    header: "Priority",
    meta: { sortKey: "priority", width: 96 },
    cell: (i) => <PriorityBadge priority={i.getValue()} />,
  }),
  col.display({
    id: "kind",
    header: "Kind",
    meta: { width: 150 },
    cell: (i) => <KindType task={i.row.original} />,
  }),
  col.accessor("title", {
    header: "Item and why",
    meta: { wrap: true },
    cell: (i) => <TitleWithReason task={i.row.original} />,
  }),
  col.accessor("account", {
    header: "Account",
    cell: (i) => (
      <AnchorLink to="/accounts/$id" params={{ id: i.getValue().id }} size="sm">
        {i.getValue().name}
      </AnchorLink>
    ),
  }),
  col.accessor("owner", {
    header: "Owner",
    cell: (i) => i.getValue()?.name ?? <Text c="dimmed">Team</Text>,
  }),
  col.accessor("dueDate", {
    header: "Due",
    meta: { sortKey: "dueDate" },
    cell: (i) => <DueText task={i.row.original} />,
  }),
  ...actionsColumn<Task>((t) => <TaskRowActions task={t} actions={actions} />, canWrite),
];
