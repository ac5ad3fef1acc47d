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
  IconAddressBook,
  IconBuildingSkyscraper,
  IconDots,
  IconFileImport,
  IconNote,
  IconPlus,
  IconReceipt,
  IconTrash,
  IconUsersGroup,
} from "@tabler/icons-react";
import { type InfiniteData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { type RouteResponse, routes, type TimelineEntry } from "../../../contract/index.ts";
import { api, errorMessage } from "../../api.ts";
import { formatDateTime, relativeDays } from "../../lib/format.ts";
import { humanize } from "../../lib/labels.ts";
import { invalidate } from "../../lib/query.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { FormError } from "../../ui/FormError.tsx";
import { serverFieldErrors } from "../../ui/form.ts";
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
} as const;

export const timelineKey = (accountId: string) =>
  [routes.listTimeline.path, { accountId }, "infinite"] as const;

export function Timeline({ accountId, canWrite }: { accountId: string; canWrite: boolean }) {
  const qc = useQueryClient();
  const [formOpen, form] = useDisclosure(false);
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
        d
          ? { ...d, pages: d.pages.map((p) => ({ ...p, data: p.data.filter((e) => e.id !== entry.id) })) }
          : d,
      );
      notifications.show({ message: "Note deleted" });
    },
    onError: (e) =>
      notifications.show({ color: "red", title: "The note was not deleted", message: errorMessage(e) }),
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
                      </Text>
                      {e.body ? (
                        <Text size="sm" mt={4} style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                          {e.body}
                        </Text>
                      ) : null}
                    </Box>
                    {canWrite && e.kind === "note" ? (
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <ActionIcon variant="subtle" color="gray" size="sm" aria-label="Note actions">
                            <IconDots size={14} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item
                            color="red"
                            leftSection={<IconTrash size={14} />}
                            onClick={() => remove.mutate(e)}
                          >
                            Delete note
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    ) : null}
                  </Group>
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
    </Section>
  );
}

function NoteForm({ accountId, onDone }: { accountId: string; onDone: () => void }) {
  const qc = useQueryClient();
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});

  const add = useMutation({
    mutationFn: () =>
      api(routes.addNote, {
        params: { accountId },
        body: { title: title.trim(), body: body.trim() || null },
      }),
    onSuccess: (entry) => {
      // Show the note at the top at once, then refresh in the background.
      qc.setQueryData<InfiniteData<Page>>(timelineKey(accountId), (d) => {
        if (!d || d.pages.length === 0) return d;
        const [first, ...rest] = d.pages;
        return { ...d, pages: [{ ...(first as Page), data: [entry, ...(first as Page).data] }, ...rest] };
      });
      void invalidate(qc, routes.listTimeline.path);
      setTitle("");
      setBody("");
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
    add.mutate();
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add note">
      <Stack
        gap="xs"
        mb="md"
        p="sm"
        style={{
          border: "1px solid var(--mantine-color-default-border)",
          borderRadius: "var(--mantine-radius-sm)",
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
        <FormError error={add.error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="xs" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" size="xs" loading={add.isPending}>
            Save note
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
