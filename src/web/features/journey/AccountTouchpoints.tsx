import { ActionIcon, Badge, Button, Group, Modal, Paper, Stack, Text, Tooltip } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconPencil, IconPlus, IconRoute, IconTrash } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { routes, type Touchpoint } from "../../../contract/index.ts";
import { formatDate } from "../../lib/format.ts";
import { FUNCTION_LABELS } from "../../lib/labels.ts";
import { apiQuery, useApiPages } from "../../lib/query.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { useEditTarget } from "../../ui/form.ts";
import { ButtonLink } from "../../ui/links.tsx";
import { Section } from "../../ui/Section.tsx";
import { ShowMore } from "../../ui/ShowMore.tsx";
import { CaptureAddressLine } from "../capture/CaptureAddressLine.tsx";
import { CHANNEL_LABELS } from "./labels.ts";
import { TouchpointForm } from "./TouchpointForm.tsx";
import { useTouchpointMutations } from "./use-touchpoint-mutations.ts";

const PAGE = 10;

function Ratings({ t }: { t: Touchpoint }) {
  const quality =
    t.qualityRating === null
      ? null
      : `Performance ${t.qualityRating}/5 ${t.qualitySelfAssessed ? "(self-assessed)" : t.qualityRatedByName ? `(rated by ${t.qualityRatedByName})` : ""}`;
  const experience = t.experienceRating === null ? null : `Experience ${t.experienceRating}/5`;
  if (!quality && !experience) return null;
  return (
    <Text size="xs" c="dimmed">
      {[quality, experience].filter(Boolean).join(" · ")}
    </Text>
  );
}

/** The account's touchpoints: a quick-log form and the most recent ones, newest first. */
export function AccountTouchpoints({ accountId, canWrite }: { accountId: string; canWrite: boolean }) {
  const [logging, log] = useDisclosure(false);
  const editing = useEditTarget<Touchpoint>();
  const deleting = useEditTarget<Touchpoint>();
  const { remove } = useTouchpointMutations();
  const lists = useQuery(apiQuery(routes.listJourneyLists, {}));
  const stepLabel = (list: "decision" | "development", key: string | null) =>
    key ? (lists.data?.[list].find((i) => i.key === key)?.label ?? key) : null;
  const touchpoints = useApiPages(routes.listTouchpoints, { query: { accountId, limit: PAGE } });
  const rows = touchpoints.rows;

  return (
    <Section
      title="Touchpoints"
      description="Every encounter with this customer, from every function"
      actions={
        <>
          <ButtonLink
            to="/journey"
            search={{ accountId }}
            aria-label="Journey of this account"
            size="xs"
            variant="subtle"
            leftSection={<IconRoute size={14} />}
          >
            Journey
          </ButtonLink>
          {canWrite && !logging ? (
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={log.open}>
              Log touchpoint
            </Button>
          ) : null}
        </>
      }
    >
      <Stack gap="sm">
        {canWrite ? <CaptureAddressLine /> : null}
        {canWrite && logging ? (
          <Paper withBorder p="sm" radius="md">
            <TouchpointForm accountId={accountId} onCancel={log.close} onDone={log.close} />
          </Paper>
        ) : null}
        {touchpoints.isError ? (
          <ErrorAlert
            error={touchpoints.error}
            title="Touchpoints could not be loaded"
            onRetry={() => touchpoints.refetch()}
          />
        ) : null}
        {touchpoints.isSuccess && rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            No touchpoints yet.{" "}
            {canWrite ? "Log the last meeting, call or email with this customer to start its journey." : ""}
          </Text>
        ) : null}
        <Stack
          gap={0}
          component="ul"
          style={{ listStyle: "none", margin: 0, padding: 0 }}
          aria-label="Touchpoints"
        >
          {rows.map((t) => (
            <Group
              key={t.id}
              component="li"
              justify="space-between"
              align="flex-start"
              wrap="nowrap"
              py="xs"
              style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
            >
              <Stack gap={2}>
                <Group gap={6}>
                  <Badge size="sm" variant="light">
                    {CHANNEL_LABELS[t.channel]}
                  </Badge>
                  <Text size="sm" fw={500}>
                    {t.title}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {[
                    formatDate(t.occurredAt.slice(0, 10)),
                    FUNCTION_LABELS[t.function] ?? t.function,
                    t.employeeName,
                    stepLabel("decision", t.decisionStep),
                    stepLabel("development", t.developmentStep),
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </Text>
                {t.players.length > 0 ? (
                  <Text size="xs">With {t.players.map((p) => p.name).join(", ")}</Text>
                ) : null}
                <Ratings t={t} />
              </Stack>
              {canWrite ? (
                <Group gap={4} wrap="nowrap">
                  <Tooltip label="Edit">
                    <ActionIcon
                      variant="subtle"
                      aria-label={`Edit ${t.title}`}
                      onClick={() => editing.open(t)}
                    >
                      <IconPencil size={16} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label="Delete">
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Delete ${t.title}`}
                      onClick={() => {
                        remove.reset();
                        deleting.open(t);
                      }}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              ) : null}
            </Group>
          ))}
        </Stack>
        <ShowMore list={touchpoints} />
      </Stack>
      <Modal opened={editing.opened} onClose={editing.close} title="Edit touchpoint" size="lg">
        {editing.target ? (
          <TouchpointForm
            key={editing.target.id}
            accountId={accountId}
            touchpoint={editing.target}
            onDone={editing.close}
            onCancel={editing.close}
          />
        ) : null}
      </Modal>
      <ConfirmDialog
        opened={deleting.opened}
        onClose={deleting.close}
        title="Delete this touchpoint?"
        message={`"${deleting.target?.title ?? ""}" leaves the journey and its figures. The timeline keeps a note that it was removed.`}
        confirmLabel="Delete touchpoint"
        onConfirm={() =>
          deleting.target &&
          remove.mutate(deleting.target, {
            onSuccess: () => {
              deleting.close();
              notifications.show({ message: "Touchpoint deleted" });
            },
          })
        }
        loading={remove.isPending}
        error={remove.error}
      />
    </Section>
  );
}
