import { Badge, Group, Modal, Paper, Progress, Stack, Text, Timeline } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconHistory, IconPaperclip, IconPencil, IconTrash, IconUserCheck } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { type Outcome, routes } from "../../../contract/index.ts";
import { formatDate, formatDateTime, relativeDays } from "../../lib/format.ts";
import { humanize } from "../../lib/labels.ts";
import { apiQuery } from "../../lib/query.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { useEditTarget } from "../../ui/form.ts";
import { RowAction } from "../../ui/RowAction.tsx";
import { EvidenceModal, EvidenceText } from "./Evidence.tsx";
import { KIND_LABELS, STATUS_COLORS, STATUS_LABELS } from "./labels.ts";
import { OUTCOME_LABELS, OutcomeFormModal } from "./OutcomeFormModal.tsx";
import { useOutcomeMutations } from "./use-outcome-mutations.ts";

const value = (n: number | null, unit: string | null) =>
  n === null ? "—" : unit ? `${n} ${unit}` : String(n);

/** Baseline → current → target, with how far along it is against the time that has passed. */
function Measure({ o }: { o: Outcome }) {
  if (o.progress === null) {
    return o.measure ? (
      <Text size="xs" c="dimmed">
        {o.measure}: set a baseline, a target and the current value to see progress
      </Text>
    ) : null;
  }
  const behind = o.timeElapsed !== null && o.progress < o.timeElapsed && o.status !== "achieved";
  return (
    <Stack gap={4}>
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed">
          {o.measure ?? "Progress"}: {value(o.baseline, o.unit)} → <b>{value(o.current, o.unit)}</b> →{" "}
          {value(o.target, o.unit)}
        </Text>
        <Text size="xs" c={behind ? "orange" : "dimmed"}>
          {Math.round(o.progress * 100)}% there
          {o.timeElapsed !== null ? `, ${Math.round(o.timeElapsed * 100)}% of the time gone` : ""}
        </Text>
      </Group>
      <Progress
        value={o.progress * 100}
        color={behind ? "orange" : "teal"}
        size="sm"
        aria-label={`Progress of ${o.title}`}
      />
    </Stack>
  );
}

const shown = (v: unknown) => (v === null || v === undefined || v === "" ? "—" : String(v));

/** A history line in words: labels for codes; an owner is named on the card, not by id here. */
function changeText(field: string, from: unknown, to: unknown, created: boolean): string {
  const word = (v: unknown) =>
    field === "status"
      ? (STATUS_LABELS[v as Outcome["status"]] ?? shown(v))
      : field === "kind"
        ? (KIND_LABELS[v as Outcome["kind"]] ?? shown(v))
        : shown(v);
  if (field === "ownerId") return created ? "Owner set" : to ? "Owner changed" : "Owner removed";
  const name = OUTCOME_LABELS[field] ?? humanize(field);
  return created ? `${name}: ${word(to)}` : `${name}: ${word(from)} → ${word(to)}`;
}

function HistoryModal({
  outcome,
  opened,
  onClose,
}: {
  outcome: Outcome | undefined;
  opened: boolean;
  onClose: () => void;
}) {
  const history = useQuery({
    ...apiQuery(routes.listOutcomeHistory, { params: { outcomeId: outcome?.id ?? "" } }),
    enabled: opened && Boolean(outcome),
  });
  return (
    <Modal opened={opened} onClose={onClose} title={`History of “${outcome?.title ?? ""}”`} size="lg">
      {history.isError ? <Text c="red">The history could not be loaded.</Text> : null}
      <Timeline bulletSize={14} lineWidth={2}>
        {(history.data?.data ?? []).map((c) => (
          <Timeline.Item
            key={c.id}
            title={`${c.action === "created" ? "Created" : "Changed"} by ${c.actorName ?? "Steward"}`}
          >
            <Text size="xs" c="dimmed">
              {formatDateTime(c.changedAt)}
            </Text>
            {Object.entries(c.changes).map(([field, { from, to }]) => (
              <Text size="sm" key={field}>
                {changeText(field, from, to, c.action === "created")}
              </Text>
            ))}
          </Timeline.Item>
        ))}
      </Timeline>
    </Modal>
  );
}

/** A key player's outcomes and wins as cards, with their edit, evidence, history and delete actions. */
export function OutcomeList({
  outcomes,
  canWrite,
  showPerson = false,
}: {
  outcomes: Outcome[];
  canWrite: boolean;
  showPerson?: boolean;
}) {
  const editing = useEditTarget<Outcome>();
  const evidence = useEditTarget<Outcome>();
  const history = useEditTarget<Outcome>();
  const deleting = useEditTarget<Outcome>();
  const { remove, removeEvidence } = useOutcomeMutations();

  if (outcomes.length === 0) return null;
  return (
    <Stack gap="xs">
      {outcomes.map((o) => (
        <Paper key={o.id} withBorder radius="sm" p="sm" data-testid="outcome">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Stack gap={2} style={{ flex: 1 }}>
              <Group gap={6}>
                <Text fw={500} size="sm">
                  {o.title}
                </Text>
                <Badge size="xs" variant="light" color={o.kind === "personal_win" ? "grape" : "indigo"}>
                  {KIND_LABELS[o.kind]}
                </Badge>
                <Badge size="xs" color={STATUS_COLORS[o.status]} data-testid="outcome-status">
                  {STATUS_LABELS[o.status]}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                {[
                  showPerson ? o.contactName : null,
                  o.dueDate ? `Due ${formatDate(o.dueDate)} (${relativeDays(o.dueDate)})` : "No due date",
                  o.ownerName ? `Owner: ${o.ownerName}` : null,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </Text>
            </Stack>
            <Group gap={0} wrap="nowrap">
              <RowAction
                tooltip="History"
                label={`History of ${o.title}`}
                icon={<IconHistory size={16} />}
                onClick={() => history.open(o)}
              />
              {canWrite ? (
                <>
                  <RowAction
                    tooltip="Add evidence"
                    label={`Add evidence to ${o.title}`}
                    icon={<IconPaperclip size={16} />}
                    onClick={() => evidence.open(o)}
                  />
                  <RowAction
                    tooltip="Edit"
                    label={`Edit ${o.title}`}
                    icon={<IconPencil size={16} />}
                    onClick={() => editing.open(o)}
                  />
                  <RowAction
                    tooltip="Delete"
                    label={`Delete ${o.title}`}
                    icon={<IconTrash size={16} />}
                    onClick={() => {
                      remove.reset();
                      deleting.open(o);
                    }}
                  />
                </>
              ) : null}
            </Group>
          </Group>
          <Stack gap={4} mt={6}>
            <Measure o={o} />
            {o.evidence.map((e) => (
              <Group key={e.id} gap={6} wrap="nowrap" align="flex-start" data-testid="evidence">
                {e.source === "customer_confirmed" ? (
                  <IconUserCheck size={14} style={{ marginTop: 3 }} />
                ) : (
                  <IconPaperclip size={14} style={{ marginTop: 3 }} />
                )}
                <EvidenceText e={e} />
                {canWrite ? (
                  <RowAction
                    tooltip="Remove evidence"
                    label={`Remove evidence: ${(e.note ?? e.url ?? "").slice(0, 60)}`}
                    icon={<IconTrash size={14} />}
                    onClick={() =>
                      !removeEvidence.isPending &&
                      removeEvidence.mutate(
                        { outcome: o, evidenceId: e.id },
                        {
                          onError: (err) =>
                            notifications.show({
                              color: "red",
                              message: `The evidence was not removed: ${(err as Error).message}`,
                            }),
                        },
                      )
                    }
                  />
                ) : null}
              </Group>
            ))}
          </Stack>
        </Paper>
      ))}
      <OutcomeFormModal opened={editing.opened} onClose={editing.close} outcome={editing.target} />
      <EvidenceModal outcome={evidence.target} opened={evidence.opened} onClose={evidence.close} />
      <HistoryModal outcome={history.target} opened={history.opened} onClose={history.close} />
      <ConfirmDialog
        opened={deleting.opened}
        onClose={deleting.close}
        title={`Delete “${deleting.target?.title ?? ""}”?`}
        message="The outcome, its evidence and its history are removed. This cannot be undone."
        confirmLabel="Delete"
        onConfirm={() => deleting.target && remove.mutate(deleting.target, { onSuccess: deleting.close })}
        loading={remove.isPending}
        error={remove.error}
      />
    </Stack>
  );
}
