import {
  ActionIcon,
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
  IconBuildingSkyscraper,
  IconDots,
  IconFileImport,
  IconHeartbeat,
  IconNote,
  IconPencil,
  IconPlus,
  IconReceipt,
  IconTrash,
  IconUsersGroup,
} from "@tabler/icons-react";
import { type InfiniteData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import {
  type RouteResponse,
  routes,
  type TIMELINE_KINDS,
  type TimelineEntry,
} from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { formatDateTime, relativeDays } from "../../lib/format.ts";
import { humanize } from "../../lib/labels.ts";
import { invalidate } from "../../lib/query.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { FormError } from "../../ui/FormError.tsx";
import { serverFieldErrors, useEditTarget } from "../../ui/form.ts";
import { Section } from "../../ui/Section.tsx";

type Page = RouteResponse<typeof routes.listTimeline>;
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
} as const satisfies Record<(typeof TIMELINE_KINDS)[number], unknown>;

export const timelineKey = (accountId: string) =>
  [routes.listTimeline.path, { accountId }, "infinite"] as const;

/** Applies `change` to every loaded page of the account's timeline. */
const updatePages = (
  d: InfiniteData<Page> | undefined,
  change: (entries: TimelineEntry[]) => TimelineEntry[],
): InfiniteData<Page> | undefined =>
  d ? { ...d, pages: d.pages.map((p) => ({ ...p, data: change(p.data) })) } : d;

export function Timeline({ accountId, canWrite }: { accountId: string; canWrite: boolean }) {
  const qc = useQueryClient();
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

  const remove = useMutation({
    mutationFn: (entry: TimelineEntry) =>
      api(routes.deleteNote, { params: { accountId, entryId: entry.id } }),
    onSuccess: (_r, entry) => {
      qc.setQueryData<InfiniteData<Page>>(timelineKey(accountId), (d) =>
        updatePages(d, (entries) => entries.filter((e) => e.id !== entry.id)),
      );
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
                      color={e.kind === "note" ? undefined : "gray"}
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
                        <Text size="sm" fw={500} style={{ overflowWrap: "anywhere" }}>
                          {e.title}
                        </Text>
                        <Text size="xs" c="dimmed">
                          <Tooltip label={formatDateTime(e.occurredAt)} withArrow openDelay={300}>
                            <span>{relativeDays(e.occurredAt)}</span>
                          </Tooltip>
                          {" · "}
                          {e.kind === "note" ? (e.authorName ?? "Someone") : `${humanize(e.kind)} change`}
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
        onConfirm={() => deleting.target && remove.mutate(deleting.target)}
        loading={remove.isPending}
        error={remove.error}
      />
    </Section>
  );
}

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
  const qc = useQueryClient();
  const [title, setTitle] = useState(entry?.title ?? "");
  const [body, setBody] = useState(entry?.body ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = useMutation({
    mutationFn: () => {
      const fields = { title: title.trim(), body: body.trim() || null };
      return entry
        ? api(routes.updateNote, { params: { accountId, entryId: entry.id }, body: fields })
        : api(routes.addNote, { params: { accountId }, body: fields });
    },
    onSuccess: (saved) => {
      // Show the change at once, then refresh in the background.
      qc.setQueryData<InfiniteData<Page>>(timelineKey(accountId), (d) => {
        if (entry) return updatePages(d, (entries) => entries.map((e) => (e.id === saved.id ? saved : e)));
        if (!d || d.pages.length === 0) return d;
        const [first, ...rest] = d.pages;
        return { ...d, pages: [{ ...(first as Page), data: [saved, ...(first as Page).data] }, ...rest] };
      });
      void invalidate(qc, routes.listTimeline.path);
      if (!entry) {
        setTitle("");
        setBody("");
      }
      onDone();
    },
    onError: (e) => setErrors(serverFieldErrors(e)),
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) {
      setErrors({ title: "Give the note a title" });
      return;
    }
    if (entry && title.trim() === entry.title && (body.trim() || null) === (entry.body ?? null)) {
      onDone();
      return;
    }
    save.mutate();
  };

  const cancel = () => {
    save.reset();
    setErrors({});
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
          value={title}
          onChange={(e) => {
            setTitle(e.currentTarget.value);
            setErrors({});
          }}
          error={errors.title}
          data-autofocus
          autoFocus={entry !== undefined}
        />
        <Textarea
          label="Note"
          placeholder="What happened, what was agreed, what comes next"
          autosize
          minRows={3}
          maxRows={12}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={errors.body}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) onSubmit(e);
          }}
        />
        <FormError error={save.error} />
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
