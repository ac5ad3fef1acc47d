import { Badge, Box, Button, EmptyState, Group, Select, Text, Tooltip } from "@mantine/core";
import {
  IconChevronDown,
  IconChevronRight,
  IconClearAll,
  IconPlayerPause,
  IconPlayerPlay,
  IconTimeline,
} from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { routes, type UsageEvent } from "../../../contract/index.ts";
import { formatDateTime, formatNumber, formatTime } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { type AnyColumns, columnHelper } from "../../ui/DataTable.tsx";
import { ListTable } from "../../ui/ListTable.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { EventDetails, EventTypeBadge } from "./EventDetails.tsx";
import { TAIL_CAP, useLiveTail } from "./useLiveTail.ts";

const col = columnHelper<UsageEvent>();
/** One line, cut with an ellipsis past `maw`; the whole text on hover. */
const clipped = (text: string, maw = 220, fw?: number) => (
  <Text size="sm" fw={fw} truncate maw={maw} title={text}>
    {text}
  </Text>
);
const dimmed = (text: string) => (
  <Text size="sm" c="dimmed" span>
    {text}
  </Text>
);

/** Events as they arrive, newest on top, for checking what a source really sends. */
export function LiveTail({
  source,
  onSource,
}: {
  source?: string;
  onSource: (id: string | undefined) => void;
}) {
  const [paused, setPaused] = useState(false);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const tail = useLiveTail(source, paused);
  const sources = useQuery(apiQuery(routes.listSources, { query: { limit: 200 } }));
  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const columns: AnyColumns<UsageEvent> = [
    col.accessor("receivedAt", {
      header: "Received",
      meta: { width: 120 },
      cell: (i) => (
        <Group gap={4} wrap="nowrap">
          {open.has(i.row.original.id) ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
          <Tooltip label={`Received ${formatDateTime(i.getValue())}`} withArrow>
            <span className="steward-num">{formatTime(i.getValue())}</span>
          </Tooltip>
        </Group>
      ),
    }),
    col.accessor("type", { header: "Type", cell: (i) => <EventTypeBadge type={i.getValue()} /> }),
    col.accessor("event", {
      header: "Event",
      cell: (i) => {
        const name = i.getValue();
        return name ? clipped(name, 300, 500) : dimmed("—");
      },
    }),
    col.accessor("userId", {
      header: "User",
      cell: (i) => {
        const who = i.row.original.contactName ?? i.getValue();
        return who ? clipped(who, 200) : dimmed(i.row.original.anonymousId ? "anonymous" : "—");
      },
    }),
    col.accessor("accountName", {
      header: "Account",
      cell: (i) => {
        const e = i.row.original;
        if (e.accountId)
          return (
            <AnchorLink to="/accounts/$id" params={{ id: e.accountId }} search={{ tab: "usage" }} size="sm">
              {i.getValue() ?? "Account"}
            </AnchorLink>
          );
        if (e.parked)
          return (
            <Group gap={6} wrap="nowrap">
              <Badge size="sm" color="orange" variant="light">
                Parked
              </Badge>
              <Text size="sm" ff="monospace" truncate maw={200} title={e.groupId ?? ""}>
                {e.groupId}
              </Text>
            </Group>
          );
        return dimmed("No account");
      },
    }),
    col.accessor("sourceName", {
      header: "Source",
      cell: (i) => {
        const name = i.getValue();
        return name ? clipped(name, 180) : dimmed("—");
      },
    }),
  ];

  return (
    <ListTable
      query={{
        isError: Boolean(tail.error) && tail.events.length === 0,
        error: tail.error,
        refetch: () => setPaused(false),
      }}
      errorTitle="Events could not be loaded"
      label="Live events"
      toolbar={
        <Group justify="space-between" w="100%" wrap="wrap" gap="xs">
          <Group gap="xs">
            <Select
              aria-label="Source"
              placeholder="All sources"
              size="sm"
              w={240}
              clearable
              data={(sources.data?.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              value={source ?? null}
              onChange={(v) => onSource(v ?? undefined)}
              nothingFoundMessage="No sources yet"
            />
            <Button
              variant="default"
              leftSection={paused ? <IconPlayerPlay size={16} /> : <IconPlayerPause size={16} />}
              onClick={() => setPaused((p) => !p)}
            >
              {paused ? "Resume" : "Pause"}
            </Button>
            <Button variant="subtle" leftSection={<IconClearAll size={16} />} onClick={tail.clear}>
              Clear
            </Button>
          </Group>
          <TailStatus
            paused={paused}
            error={tail.error}
            count={tail.events.length}
            polledAt={tail.polledAt}
          />
        </Group>
      }
      columns={columns}
      data={tail.events}
      loading={tail.loading}
      rowKey={(e) => e.id}
      onRowClick={(e) => toggle(e.id)}
      expanded={(e) => (open.has(e.id) ? <EventDetails event={e} /> : null)}
      minWidth={860}
      empty={
        <EmptyState
          icon={<IconTimeline size={24} />}
          withIndicatorBackground
          title={paused ? "Paused" : "Waiting for events…"}
          description="Send an event with a source's write key (Settings → Sources has a snippet); it shows up here within two seconds."
        />
      }
    />
  );
}

function TailStatus({
  paused,
  error,
  count,
  polledAt,
}: {
  paused: boolean;
  error: unknown;
  count: number;
  polledAt: number | null;
}) {
  const state = paused ? "Paused" : error ? "Retrying" : "Live";
  return (
    <Box>
      <Group gap={6} wrap="nowrap">
        <Badge size="sm" variant="dot" color={paused ? "gray" : error ? "red" : "green"}>
          {state}
        </Badge>
        <Text size="xs" c="dimmed">
          {formatNumber(count)} shown (newest {TAIL_CAP} kept)
          {polledAt && !paused
            ? ` · checked ${formatTime(new Date(polledAt).toISOString())}`
            : " · polls every 2 s"}
        </Text>
      </Group>
    </Box>
  );
}
