import { Button, Group, Paper, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import {
  IconChevronDown,
  IconChevronUp,
  IconListCheck,
  IconPlayerPlay,
  IconPlayerStop,
} from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { type PlaybookRun, routes } from "../../../contract/index.ts";
import { formatDate } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { QueryListState } from "../../ui/QueryListState.tsx";
import { Section } from "../../ui/Section.tsx";
import { RunProgress, RunStatusBadge, RunSteps, startedByText } from "./RunParts.tsx";
import { StartPlaybookModal } from "./StartPlaybookModal.tsx";
import { useRunMutations } from "./use-playbooks.ts";

const SHOWN = 20;

/** One run on the account: which playbook, how far, started by whom; its steps on demand. */
function RunRow({
  run,
  open,
  onToggle,
  onStop,
}: {
  run: PlaybookRun;
  open: boolean;
  onToggle: () => void;
  onStop: (() => void) | null;
}) {
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="account-playbook-run">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Group gap={6}>
            <AnchorLink
              to="/playbooks/$id"
              params={{ id: run.playbook.id }}
              search={{ run: run.id }}
              fw={600}
              size="sm"
            >
              {run.playbook.name}
            </AnchorLink>
            <RunStatusBadge status={run.status} />
          </Group>
          <Text size="xs" c="dimmed">
            {startedByText(run)} · {formatDate(run.startedAt)}
            {run.endedAt ? ` · ended ${formatDate(run.endedAt)}` : ""}
          </Text>
        </Stack>
        <RunProgress run={run} w={170} />
      </Group>
      <Group gap="xs" mt={6}>
        {run.progress.total > 0 || run.heldOut ? (
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={open ? <IconChevronUp size={12} /> : <IconChevronDown size={12} />}
            onClick={onToggle}
            aria-expanded={open}
          >
            {open ? "Hide steps" : "Show steps"}
          </Button>
        ) : null}
        {onStop ? (
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            leftSection={<IconPlayerStop size={12} />}
            onClick={onStop}
          >
            Stop
          </Button>
        ) : null}
      </Group>
      {open ? (
        <div style={{ marginTop: 6 }}>
          <RunSteps runId={run.id} />
        </div>
      ) : null}
    </Paper>
  );
}

/**
 * The account's playbook runs, newest first, with their progress and steps; members start one
 * here and stop a running one.
 */
export function AccountPlaybooks({
  account,
  canWrite,
}: {
  account: { id: string; name: string };
  canWrite: boolean;
}) {
  const runs = useQuery(
    apiQuery(routes.listPlaybookRuns, { query: { accountId: account.id, limit: SHOWN } }),
  );
  const [starting, start] = useDisclosure(false);
  const [openRun, setOpenRun] = useState<string | null>(null);
  const [stopping, setStopping] = useState<PlaybookRun | null>(null);
  const { cancel } = useRunMutations(account.id);
  const rows = runs.data?.data ?? [];
  return (
    <Section
      title="Playbooks"
      count={runs.data ? rows.length : undefined}
      description="Playbooks started on this customer, by hand or by rules, and how far each has come"
      testId="account-playbooks"
      actions={
        canWrite ? (
          <Button size="xs" variant="light" leftSection={<IconPlayerPlay size={14} />} onClick={start.open}>
            Start a playbook
          </Button>
        ) : null
      }
    >
      <QueryListState
        query={runs}
        errorTitle="Playbook runs could not be loaded"
        isEmpty={rows.length === 0}
        icon={IconListCheck}
        empty={
          <>
            No playbook has run here.{" "}
            {canWrite
              ? "Start one for a known situation — onboarding, a health drop, a renewal — and its steps become tasks for the account team."
              : "Rules and the account team start them; their steps show here."}
          </>
        }
      />
      <Stack gap="xs">
        {rows.map((r) => (
          <RunRow
            key={r.id}
            run={r}
            open={openRun === r.id}
            onToggle={() => setOpenRun(openRun === r.id ? null : r.id)}
            onStop={
              canWrite && r.status === "active"
                ? () => {
                    cancel.reset();
                    setStopping(r);
                  }
                : null
            }
          />
        ))}
      </Stack>
      <StartPlaybookModal account={account} opened={starting} onClose={start.close} onStarted={setOpenRun} />
      <ConfirmDialog
        opened={stopping !== null}
        onClose={() => setStopping(null)}
        title={`Stop ${stopping?.playbook.name ?? "the playbook"}?`}
        message="Its open steps close as not needed and leave the inbox. Steps already closed keep their outcome."
        confirmLabel="Stop playbook"
        onConfirm={() =>
          stopping &&
          cancel.mutate(stopping.id, {
            onSuccess: (r) => {
              setStopping(null);
              notifications.show({ message: `${r.playbook.name} stopped on ${account.name}` });
            },
          })
        }
        loading={cancel.isPending}
        error={cancel.error}
      />
    </Section>
  );
}
