import { Anchor, Badge, Box, Button, Code, EmptyState, Group, Stack, Text, Tooltip } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPlugConnected, IconPlus } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { routes, type Source, type SourceWithKey } from "../../../contract/index.ts";
import { formatDateTime, formatNumber, relativeDays } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { useSession } from "../../lib/session.ts";
import { type AnyColumns, actionsColumn, columnHelper } from "../../ui/DataTable.tsx";
import { ListTable, pagerFor, usePaging } from "../../ui/ListTable.tsx";
import { Section } from "../../ui/Section.tsx";
import { SourceActions, useSourceActions } from "./SourceActions.tsx";
import { ShowWriteKeyModal, SourceFormModal } from "./SourceModals.tsx";
import { SourceRejectionsDrawer } from "./SourceRejections.tsx";
import { SourceSnippet } from "./SourceSnippet.tsx";

const col = columnHelper<Source>();
const keyPrefix = (p: string) => `${p.replace(/…$/, "")}…`;

export function SourcesTab() {
  const session = useSession();
  const paging = usePaging();
  const { cursor, limit } = paging;
  const [creating, create] = useDisclosure(false);
  const [shown, setShown] = useState<{ source: SourceWithKey; rotated: boolean } | null>(null);
  const [rejections, setRejections] = useState<Source | null>(null);
  const sources = useQuery({
    ...apiQuery(routes.listSources, { query: { limit, cursor } }),
    placeholderData: keepPreviousData,
  });
  const actions = useSourceActions((source) => setShown({ source, rotated: true }));

  const columns: AnyColumns<Source> = [
    col.accessor("name", {
      header: "Source",
      cell: (i) => (
        <Box>
          <Text size="sm" fw={500}>
            {i.getValue()}
          </Text>
          <Text size="xs" c="dimmed">
            Created {formatDateTime(i.row.original.createdAt)}
          </Text>
        </Box>
      ),
    }),
    col.accessor("status", {
      header: "Status",
      cell: (i) =>
        i.getValue() === "active" ? (
          <Badge size="sm" color="green" variant="light">
            Active
          </Badge>
        ) : (
          <Badge size="sm" color="gray" variant="outline">
            Disabled
          </Badge>
        ),
    }),
    col.accessor("writeKeyPrefix", {
      header: "Write key",
      cell: (i) => (
        <Tooltip
          label={
            i.row.original.keyRotatedAt
              ? `Rotated ${formatDateTime(i.row.original.keyRotatedAt)}`
              : "Never rotated"
          }
          withArrow
        >
          <Code>{keyPrefix(i.getValue())}</Code>
        </Tooltip>
      ),
    }),
    col.accessor("lastEventAt", {
      header: "Last event",
      cell: (i) =>
        i.getValue() ? (
          <Tooltip label={formatDateTime(i.getValue())} withArrow>
            <span>{relativeDays(i.getValue())}</span>
          </Tooltip>
        ) : (
          <Text size="sm" c="dimmed" span>
            Never
          </Text>
        ),
    }),
    col.accessor("eventsLast24h", {
      header: "Events 24 h",
      meta: { numeric: true },
      cell: (i) => formatNumber(i.getValue()),
    }),
    col.accessor("rejectedLast24h", {
      header: "Rejected 24 h",
      meta: { numeric: true },
      cell: (i) => (
        <Anchor
          component="button"
          type="button"
          size="sm"
          c={i.getValue() > 0 ? "red.8" : "dimmed"}
          fw={i.getValue() > 0 ? 600 : undefined}
          onClick={() => setRejections(i.row.original)}
          aria-label={`Rejections of ${i.row.original.name}`}
        >
          {formatNumber(i.getValue())}
        </Anchor>
      ),
    }),
    col.accessor("unknownAccounts", {
      header: "Unknown accounts",
      cell: (i) => (i.getValue() === "create" ? "Create" : "Park for review"),
    }),
    col.accessor("rateLimit", {
      header: "Rate limit",
      meta: { numeric: true },
      cell: (i) => `${formatNumber(i.getValue())}/s`,
    }),
    ...actionsColumn<Source>(
      (s) => <SourceActions source={s} actions={actions} onRejections={() => setRejections(s)} />,
      session.isAdmin,
    ),
  ];

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm" c="dimmed" maw={760}>
          Sources receive product usage from your app in Segment's format. Each has its own write key
          {session.isAdmin ? "" : "; only admins can create or change sources"}.
        </Text>
        {session.isAdmin ? (
          <Button leftSection={<IconPlus size={16} />} onClick={create.open} style={{ flexShrink: 0 }}>
            Create source
          </Button>
        ) : null}
      </Group>
      <ListTable
        query={sources}
        errorTitle="Sources could not be loaded"
        label="Sources"
        columns={columns}
        data={sources.data?.data}
        loading={sources.isLoading}
        fetching={sources.isPlaceholderData}
        rowKey={(s) => s.id}
        minWidth={980}
        empty={
          <EmptyState
            icon={<IconPlugConnected size={24} />}
            withIndicatorBackground
            title="No sources yet"
            description={
              session.isAdmin
                ? "Create a source, then send identify, group and track calls with its write key."
                : "Ask a workspace admin to create a source for your product."
            }
          />
        }
        pager={pagerFor(sources.data, paging)}
      />
      <Section title="Send events" description="Use a source's write key in place of <WRITE KEY>">
        <SourceSnippet />
      </Section>
      <SourceFormModal
        opened={creating}
        onClose={create.close}
        onCreated={(source) => {
          create.close();
          setShown({ source, rotated: false });
        }}
      />
      <ShowWriteKeyModal
        shown={shown?.source ?? null}
        rotated={shown?.rotated ?? false}
        onClose={() => setShown(null)}
      />
      <SourceRejectionsDrawer source={rejections} onClose={() => setRejections(null)} />
      {actions.dialogs}
    </Stack>
  );
}
