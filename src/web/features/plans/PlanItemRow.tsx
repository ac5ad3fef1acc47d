import { Badge, Box, Group, Progress, Select, Stack, Text, Tooltip } from "@mantine/core";
import {
  IconArrowDown,
  IconArrowUp,
  IconCircleCheck,
  IconClockExclamation,
  IconEye,
  IconEyeOff,
  IconMessageCircle,
  IconPencil,
  IconTrash,
} from "@tabler/icons-react";
import { PLAN_ITEM_STATUSES, type PlanItem, type PlanOutcome } from "../../../contract/index.ts";
import { formatDate, relativeDays } from "../../lib/format.ts";
import { AnchorLink } from "../../ui/links.tsx";
import { RowAction } from "../../ui/RowAction.tsx";
import { KIND_LABELS, STATUS_COLORS, STATUS_LABELS } from "../success/labels.ts";
import { ITEM_STATUS_COLORS, ITEM_STATUS_LABELS } from "./labels.ts";
import { confirmationText, ownersText, percent } from "./plan.rules.ts";

/** An outcome the item serves: its key player, status and, when given, the customer's own word. */
function LinkedOutcome({ o }: { o: PlanOutcome }) {
  const said = confirmationText(o);
  const achieved = o.customerConfirmation?.verdict === "achieved";
  return (
    <Box data-testid="plan-outcome">
      <Group gap={6} wrap="wrap">
        <Text size="xs">
          <AnchorLink to="/contacts/$id" params={{ id: o.contactId }} size="xs">
            {o.contactName}
          </AnchorLink>{" "}
          · {KIND_LABELS[o.kind]}: {o.title}
        </Text>
        <Badge size="xs" color={STATUS_COLORS[o.status]}>
          {STATUS_LABELS[o.status]}
        </Badge>
      </Group>
      {said ? (
        <Group gap={4} wrap="nowrap" align="flex-start">
          {achieved ? (
            <IconCircleCheck size={14} color="var(--mantine-color-green-7)" style={{ marginTop: 2 }} />
          ) : (
            <IconMessageCircle size={14} color="var(--mantine-color-orange-7)" style={{ marginTop: 2 }} />
          )}
          <Text size="xs" c={achieved ? "green.8" : "orange.8"}>
            {said}
          </Text>
        </Group>
      ) : null}
    </Box>
  );
}

export type ItemActions = {
  onStatus: (status: PlanItem["status"]) => void;
  onMove: (by: -1 | 1) => void;
  onEdit: () => void;
  onDelete: () => void;
  canMoveUp: boolean;
  canMoveDown: boolean;
  busy: boolean;
};

/** One objective or milestone: status, dates, owners, progress, what it serves, and its actions. */
export function PlanItemRow({ item: i, actions }: { item: PlanItem; actions: ItemActions | null }) {
  const objective = i.kind === "objective";
  const pct = percent(i.progress);
  return (
    <Stack gap={4} data-testid={objective ? "plan-objective" : "plan-milestone"}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Group gap={6}>
            <Text fw={objective ? 600 : 500} size="sm">
              {i.title}
            </Text>
            {actions ? null : (
              <Badge size="xs" color={ITEM_STATUS_COLORS[i.status]}>
                {ITEM_STATUS_LABELS[i.status]}
              </Badge>
            )}
            {i.overdue ? (
              <Badge size="xs" color="red" variant="light" leftSection={<IconClockExclamation size={10} />}>
                Overdue
              </Badge>
            ) : null}
            <Tooltip label={i.shared ? "On the customer's page" : "Not on the customer's page"} withArrow>
              <Badge
                size="xs"
                variant="default"
                leftSection={i.shared ? <IconEye size={10} /> : <IconEyeOff size={10} />}
              >
                {i.shared ? "Shared" : "Internal"}
              </Badge>
            </Tooltip>
          </Group>
          <Text size="xs" c={i.overdue ? "red" : "dimmed"}>
            {[
              i.dueDate ? `Due ${formatDate(i.dueDate)} (${relativeDays(i.dueDate)})` : "No due date",
              ownersText({ owner: i.owner, customerOwner: i.customerOwner }),
              i.completedAt ? `done ${formatDate(i.completedAt.slice(0, 10))}` : null,
            ]
              .filter(Boolean)
              .join(" · ")}
          </Text>
        </Stack>
        {actions ? (
          <Group gap={0} wrap="nowrap">
            <Select
              size="xs"
              w={130}
              aria-label={`Status of ${i.title}`}
              allowDeselect={false}
              disabled={actions.busy}
              data={PLAN_ITEM_STATUSES.map((s) => ({ value: s, label: ITEM_STATUS_LABELS[s] }))}
              value={i.status}
              onChange={(s) => s && s !== i.status && actions.onStatus(s as PlanItem["status"])}
              mr={4}
            />
            {actions.canMoveUp ? (
              <RowAction
                tooltip="Move up"
                label={`Move ${i.title} up`}
                icon={<IconArrowUp size={16} />}
                onClick={() => !actions.busy && actions.onMove(-1)}
              />
            ) : null}
            {actions.canMoveDown ? (
              <RowAction
                tooltip="Move down"
                label={`Move ${i.title} down`}
                icon={<IconArrowDown size={16} />}
                onClick={() => !actions.busy && actions.onMove(1)}
              />
            ) : null}
            <RowAction
              tooltip="Edit"
              label={`Edit ${i.title}`}
              icon={<IconPencil size={16} />}
              onClick={actions.onEdit}
            />
            <RowAction
              tooltip="Delete"
              label={`Delete ${i.title}`}
              icon={<IconTrash size={16} />}
              onClick={actions.onDelete}
            />
          </Group>
        ) : null}
      </Group>
      {objective ? (
        <Group gap="xs" wrap="nowrap">
          <Progress
            value={pct}
            size="sm"
            style={{ flex: 1 }}
            color={pct === 100 ? "green" : "blue"}
            aria-label={`Progress of ${i.title}`}
          />
          <Text size="xs" c="dimmed" w={70} ta="right">
            {pct}% done
          </Text>
        </Group>
      ) : null}
      {i.description ? <Text size="sm">{i.description}</Text> : null}
      {i.internalNotes ? (
        <Text size="xs" c="dimmed" fs="italic">
          Internal note: {i.internalNotes}
        </Text>
      ) : null}
      {i.outcomes.length > 0 ? (
        <Stack gap={4} pl="xs" style={{ borderLeft: "2px solid var(--mantine-color-default-border)" }}>
          {i.outcomes.map((o) => (
            <LinkedOutcome key={o.id} o={o} />
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
