import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Collapse,
  Group,
  Timeline as MantineTimeline,
  Menu,
  Stack,
  Text,
  Textarea,
  TextInput,
  ThemeIcon,
  Tooltip,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import {
  IconActivity,
  IconAddressBook,
  IconAlertTriangle,
  IconBuildingSkyscraper,
  IconCircleCheck,
  IconDots,
  IconFileImport,
  IconHeartbeat,
  IconListCheck,
  IconMessages,
  IconNote,
  IconPencil,
  IconPlus,
  IconReceipt,
  IconRefresh,
  IconRoute,
  IconSpeakerphone,
  IconTarget,
  IconTrash,
  IconUsersGroup,
} from "@tabler/icons-react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import {
  routes,
  type TIMELINE_KINDS,
  type TimelineEntry,
  ZNoteCreate,
  ZNoteUpdate,
} from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { formatDateTime, relativeDays } from "../../lib/format.ts";
import { humanize } from "../../lib/labels.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { FormError } from "../../ui/FormError.tsx";
import { type FieldLabels, showServerErrors, useContractForm, useEditTarget } from "../../ui/form.ts";
import { Section } from "../../ui/Section.tsx";
import { type NoteBody, timelineKey, useDeleteNote, useSaveNote } from "./use-note-mutations.ts";

const PAGE = 20;

const kindIcon = {
  note: IconNote,
  account: IconBuildingSkyscraper,
  contact: IconAddressBook,
  subscription: IconReceipt,
  team: IconUsersGroup,
  import: IconFileImport,
  usage: IconActivity,
  health: IconHeartbeat,
  outcome: IconTarget,
  touchpoint: IconMessages,
  alert: IconAlertTriangle,
  plan: IconListCheck,
  task: IconCircleCheck,
  playbook: IconRoute,
  renewal: IconRefresh,
  advocacy: IconSpeakerphone,
} as const satisfies Record<(typeof TIMELINE_KINDS)[number], unknown>;

export function Timeline({ accountId, canWrite }: { accountId: string; canWrite: boolean }) {
  const [formOpen, form] = useDisclosure(false);
  const [editingId, setEditingId] = useState<string | null>(null);
  const deleting = useEditTarget<TimelineEntry>();
  const timeline = useInfiniteQuery({
    queryKey: timelineKey(accountId),
    queryFn: ({ pageParam, signal }) =>
      api(routes.listTimeline, { params: { accountId }, query: { limit: PAGE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  const remove = useDeleteNote(accountId);
  const deleteNote = (entry: TimelineEntry) =>
    remove.mutate(entry, {
      onSuccess: () => {
        deleting.close();
        if (editingId === entry.id) setEditingId(null);
        notifications.show({ message: "Note deleted" });
      },
    });

  const entries = timeline.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Section
      title="Timeline"
      description="Everything that happened with this customer, newest first"
      actions={
        canWrite && !formOpen ? (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={form.open}>
            Add note
          </Button>
        ) : null
      }
    >
      {canWrite ? (
        <Collapse expanded={formOpen}>
          <NoteForm accountId={accountId} onDone={form.close} />
        </Collapse>
      ) : null}
      {timeline.isError ? (
        <ErrorAlert
          error={timeline.error}
          title="The timeline could not be loaded"
          onRetry={() => timeline.refetch()}
        />
      ) : timeline.isLoading ? (
        <Text size="sm" c="dimmed">
          Loading…
        </Text>
      ) : entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing has happened here yet.{" "}
          {canWrite ? "Add a note after your next call or meeting so the whole team knows." : ""}
        </Text>
      ) : (
        <>
          <MantineTimeline bulletSize={26} lineWidth={2} data-testid="timeline">
            {entries.map((e) => {
              const Icon = kindIcon[e.kind] ?? IconNote;
              return (
                <MantineTimeline.Item
                  key={e.id}
                  data-kind={e.kind}
                  bullet={
                    <ThemeIcon
                      size={26}
                      radius="xl"
                      variant={e.kind === "note" ? "filled" : "light"}
                      color={e.kind === "note" ? undefined : e.kind === "alert" ? "red" : "gray"}
                    >
                      <Icon size={14} />
                    </ThemeIcon>
                  }
                >
                  {editingId === e.id ? (
                    <NoteForm accountId={accountId} entry={e} onDone={() => setEditingId(null)} />
                  ) : (
                    <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                      <Box style={{ minWidth: 0 }}>
                        {e.kind === "alert" ? (
                          <Badge size="sm" color="red" variant="filled" tt="none" mb={2}>
                            Needs a call back
                          </Badge>
                        ) : null}
                        <Text
                          size="sm"
                          fw={500}
                          c={e.kind === "alert" ? "red.8" : undefined}
                          style={{ overflowWrap: "anywhere" }}
                        >
                          {e.title}
                        </Text>
                        <Text size="xs" c="dimmed">
                          <Tooltip label={formatDateTime(e.occurredAt)} withArrow openDelay={300}>
                            <span>{relativeDays(e.occurredAt)}</span>
                          </Tooltip>
                          {" · "}
                          {e.kind === "note"
                            ? (e.authorName ?? "Someone")
                            : e.kind === "alert"
                              ? "Closed-loop alert from a survey answer"
                              : `${humanize(e.kind)} change`}
                          {e.kind !== "note" && e.authorName ? ` by ${e.authorName}` : ""}
                          {e.kind === "note" && e.updatedAt !== e.createdAt ? (
                            <>
                              {" · "}
                              <Tooltip
                                label={`Edited ${formatDateTime(e.updatedAt)}`}
                                withArrow
                                openDelay={300}
                              >
                                <span>edited</span>
                              </Tooltip>
                            </>
                          ) : null}
                        </Text>
                        {e.body ? (
                          <Text size="sm" mt={4} style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                            {e.body}
                          </Text>
                        ) : null}
                      </Box>
                      {/* Only notes are people's to change; entries Steward recorded stay as they are. */}
                      {canWrite && e.kind === "note" ? (
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <ActionIcon
                              variant="subtle"
                              color="gray"
                              size="sm"
                              aria-label={`Actions for note ${e.title}`}
                            >
                              <IconDots size={14} />
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item
                              leftSection={<IconPencil size={14} />}
                              onClick={() => setEditingId(e.id)}
                            >
                              Edit note
                            </Menu.Item>
                            <Menu.Item
                              color="red"
                              leftSection={<IconTrash size={14} />}
                              onClick={() => {
                                remove.reset();
                                deleting.open(e);
                              }}
                            >
                              Delete note
                            </Menu.Item>
                          </Menu.Dropdown>
                        </Menu>
                      ) : null}
                    </Group>
                  )}
                </MantineTimeline.Item>
              );
            })}
          </MantineTimeline>
          {timeline.hasNextPage ? (
            <Group justify="center" mt="md">
              <Button
                variant="default"
                size="xs"
                onClick={() => timeline.fetchNextPage()}
                loading={timeline.isFetchingNextPage}
              >
                Load more
              </Button>
            </Group>
          ) : null}
        </>
      )}
      <ConfirmDialog
        opened={deleting.opened}
        onClose={deleting.close}
        title="Delete this note?"
        message={`“${deleting.target?.title ?? ""}” will be removed from the timeline for everyone. This cannot be undone.`}
        confirmLabel="Delete note"
        onConfirm={() => deleting.target && deleteNote(deleting.target)}
        loading={remove.isPending}
        error={remove.error}
      />
    </Section>
  );
}

type NoteValues = { title: string; body: string };
const NOTE_LABELS: FieldLabels = { title: "Title", body: "Note" };
const noteBody = (v: NoteValues): NoteBody => ({ title: v.title.trim(), body: v.body.trim() || null });

/** Adds a note, or edits `entry` in place when given. */
function NoteForm({
  accountId,
  entry,
  onDone,
}: {
  accountId: string;
  entry?: TimelineEntry;
  onDone: () => void;
}) {
  const form = useContractForm({
    initialValues: { title: entry?.title ?? "", body: entry?.body ?? "" },
    labels: NOTE_LABELS,
    schema: entry ? ZNoteUpdate : ZNoteCreate,
    toBody: noteBody,
  });
  const save = useSaveNote(accountId, entry);

  const onSubmit = form.onSubmit((fields) => {
    if (entry && fields.title === entry.title && fields.body === (entry.body ?? null)) {
      onDone();
      return;
    }
    save.mutate(fields, {
      onSuccess: () => {
        if (!entry) form.reset();
        onDone();
      },
      onError: showServerErrors(form, NOTE_LABELS),
    });
  });

  const cancel = () => {
    save.reset();
    form.clearErrors();
    onDone();
  };

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label={entry ? "Edit note" : "Add note"}
      onKeyDown={(e) => {
        if (e.key === "Escape" && entry) cancel();
      }}
    >
      <Stack
        gap="xs"
        mb="md"
        p="sm"
        style={{
          border: "1px solid var(--mantine-color-default-border)",
          borderRadius: "var(--mantine-radius-sm)",
          background: "var(--mantine-color-body)",
        }}
      >
        <TextInput
          label="Title"
          placeholder="e.g. QBR with the CFO"
          {...form.getInputProps("title")}
          data-autofocus
          autoFocus={entry !== undefined}
        />
        <Textarea
          label="Note"
          placeholder="What happened, what was agreed, what comes next"
          autosize
          minRows={3}
          maxRows={12}
          {...form.getInputProps("body")}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) onSubmit();
          }}
        />
        <FormError error={save.error} errors={form.errors} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="xs" onClick={cancel}>
            Cancel
          </Button>
          <Button type="submit" size="xs" loading={save.isPending}>
            {entry ? "Save changes" : "Save note"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
