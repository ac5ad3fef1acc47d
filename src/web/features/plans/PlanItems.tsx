import { Button, Divider, Group, Paper, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconFlag, IconPlus } from "@tabler/icons-react";
import type { Plan, PlanItem } from "../../../contract/index.ts";
import { errorMessage } from "../../api.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { useEditTarget } from "../../ui/form.ts";
import { Section } from "../../ui/Section.tsx";
import { type ItemTarget, PlanItemFormModal } from "./PlanItemFormModal.tsx";
import { type ItemActions, PlanItemRow } from "./PlanItemRow.tsx";
import { canMove, movedPosition, objectiveGroups } from "./plan.rules.ts";
import { usePlanMutations } from "./use-plan-mutations.ts";

/** The plan's objectives in order, each with its milestones beneath; writers change them here. */
export function PlanItems({ plan, canWrite }: { plan: Plan; canWrite: boolean }) {
  const editing = useEditTarget<ItemTarget>();
  const deleting = useEditTarget<PlanItem>();
  const { patchItem, removeItem } = usePlanMutations();
  const groups = objectiveGroups(plan.items);
  const failed = (what: string) => (e: unknown) =>
    notifications.show({ color: "red", message: `${what}: ${errorMessage(e)}` });

  const actionsFor = (item: PlanItem): ItemActions | null =>
    canWrite
      ? {
          busy: patchItem.isPending,
          canMoveUp: canMove(plan.items, item, -1),
          canMoveDown: canMove(plan.items, item, 1),
          onStatus: (status) =>
            patchItem.mutate(
              { plan, item, body: { status } },
              { onError: failed(`The status of “${item.title}” was not changed`) },
            ),
          onMove: (by) => {
            const position = movedPosition(plan.items, item, by);
            if (position === null) return;
            patchItem.mutate(
              { plan, item, body: { position } },
              { onError: failed(`“${item.title}” was not moved`) },
            );
          },
          onEdit: () => editing.open({ item }),
          onDelete: () => {
            removeItem.reset();
            deleting.open(item);
          },
        }
      : null;

  const target = deleting.target;
  const milestonesOfTarget = target ? plan.items.filter((i) => i.parentId === target.id).length : 0;

  return (
    <Section
      title="Objectives and milestones"
      count={groups.length}
      description="What the customer wants to achieve, broken into milestones with owners on both sides"
      actions={
        canWrite ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => editing.open({ kind: "objective" })}
          >
            Add objective
          </Button>
        ) : null
      }
    >
      {groups.length === 0 ? (
        <Group gap={8} wrap="nowrap">
          <IconFlag size={18} color="var(--mantine-color-dimmed)" />
          <Text size="sm" c="dimmed">
            No objectives yet.{" "}
            {canWrite
              ? "Add what the customer wants to achieve, link it to their key players' outcomes, then break it into milestones."
              : "A CSM adds what the customer wants to achieve here."}
          </Text>
        </Group>
      ) : null}
      <Stack gap="sm">
        {groups.map(({ objective, milestones }) => (
          <Paper key={objective.id} withBorder radius="sm" p="sm">
            <PlanItemRow item={objective} actions={actionsFor(objective)} />
            {milestones.length > 0 || canWrite ? <Divider my="xs" variant="dashed" /> : null}
            <Stack gap="xs" pl="lg">
              {milestones.map((m) => (
                <PlanItemRow key={m.id} item={m} actions={actionsFor(m)} />
              ))}
              {milestones.length === 0 && !canWrite ? (
                <Text size="xs" c="dimmed">
                  No milestones yet.
                </Text>
              ) : null}
              {canWrite ? (
                <Group>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    leftSection={<IconPlus size={12} />}
                    onClick={() => editing.open({ kind: "milestone", parentId: objective.id })}
                    aria-label={`Add milestone to ${objective.title}`}
                  >
                    Add milestone
                  </Button>
                </Group>
              ) : null}
            </Stack>
          </Paper>
        ))}
      </Stack>
      <PlanItemFormModal
        plan={plan}
        target={editing.target}
        opened={editing.opened}
        onClose={editing.close}
      />
      <ConfirmDialog
        opened={deleting.opened}
        onClose={deleting.close}
        title={`Delete “${target?.title ?? ""}”?`}
        message={
          target?.kind === "objective" && milestonesOfTarget > 0
            ? `The objective and its ${milestonesOfTarget} milestone${milestonesOfTarget === 1 ? "" : "s"} leave the plan. The outcomes they serve stay. This cannot be undone.`
            : "It leaves the plan; the outcomes it serves stay. This cannot be undone."
        }
        confirmLabel="Delete"
        onConfirm={() => target && removeItem.mutate({ plan, item: target }, { onSuccess: deleting.close })}
        loading={removeItem.isPending}
        error={removeItem.error}
      />
    </Section>
  );
}
