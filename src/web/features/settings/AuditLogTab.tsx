import { Badge, CloseButton, Code, Group, Stack, Text, TextInput, Tooltip } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { z } from "zod";
import { routes, type ZAuditEntry } from "../../../contract/index.ts";
import { formatDateTime } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { type AnyColumns, columnHelper } from "../../ui/DataTable.tsx";
import { ListTable, usePaging } from "../../ui/ListTable.tsx";

type Entry = z.infer<typeof ZAuditEntry>;
const col = columnHelper<Entry>();

const columns: AnyColumns<Entry> = [
  col.accessor("at", {
    header: "When",
    cell: (i) => (
      <Text size="sm" className="steward-num" style={{ textAlign: "left" }}>
        {formatDateTime(i.getValue())}
      </Text>
    ),
  }),
  col.accessor("action", { header: "Action", cell: (i) => <Code>{i.getValue()}</Code> }),
  col.accessor("actorName", {
    header: "Who",
    cell: (i) =>
      i.getValue() ??
      (i.row.original.actorApiKeyId ? <Text size="sm">API key</Text> : <Text c="dimmed">—</Text>),
  }),
  col.accessor("targetType", {
    header: "Target",
    cell: (i) =>
      i.getValue() ? (
        <Tooltip label={i.row.original.targetId ?? ""} withArrow disabled={!i.row.original.targetId}>
          <Text size="sm">{i.getValue()}</Text>
        </Tooltip>
      ) : (
        <Text c="dimmed">—</Text>
      ),
  }),
  col.accessor("success", {
    header: "Result",
    cell: (i) =>
      i.getValue() ? (
        <Badge size="sm" variant="light" color="green">
          Succeeded
        </Badge>
      ) : (
        <Badge size="sm" variant="outline" color="red">
          Failed
        </Badge>
      ),
  }),
  col.accessor("ip", {
    header: "IP",
    cell: (i) => (
      <Text size="sm" c="dimmed">
        {i.getValue() ?? "—"}
      </Text>
    ),
  }),
  col.accessor("details", {
    header: "Details",
    meta: { wrap: true },
    cell: (i) => {
      const entries = Object.entries(i.getValue());
      if (entries.length === 0) return <Text c="dimmed">—</Text>;
      const text = entries
        .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
        .join(", ");
      return (
        <Text size="xs" c="dimmed" lineClamp={2} maw={320} title={text}>
          {text}
        </Text>
      );
    },
  }),
];

export function AuditLogTab() {
  const [action, setAction] = useState("");
  const [debounced] = useDebouncedValue(action.trim(), 300);
  const paging = usePaging();
  const { cursor, limit } = paging;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter starts again at the first page
  useEffect(() => paging.restart(), [debounced]);
  const log = useQuery({
    ...apiQuery(routes.listAuditLog, { query: { limit, cursor, action: debounced || undefined } }),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Security-relevant actions in this workspace, newest first: sign-ins, member and key changes,
          imports.
        </Text>
        <TextInput
          w={260}
          placeholder="Filter by action, e.g. auth.login"
          aria-label="Filter by action"
          leftSection={<IconSearch size={16} />}
          value={action}
          onChange={(e) => setAction(e.currentTarget.value)}
          rightSection={
            action ? <CloseButton size="sm" aria-label="Clear" onClick={() => setAction("")} /> : null
          }
        />
      </Group>
      <ListTable
        query={log}
        errorTitle="The audit log could not be loaded"
        label="Audit log"
        columns={columns}
        data={log.data?.data}
        loading={log.isLoading}
        fetching={log.isPlaceholderData}
        rowKey={(e) => e.id}
        minWidth={900}
        empty={
          <Text ta="center" size="sm" c="dimmed">
            {debounced ? `No entries for action “${debounced}”.` : "Nothing recorded yet."}
          </Text>
        }
        pager={
          log.data && (log.data.data.length > 0 || cursor)
            ? {
                cursor,
                nextCursor: log.data.nextCursor,
                onCursor: paging.setCursor,
                limit,
                onLimit: paging.setLimit,
                shown: log.data.data.length,
              }
            : null
        }
      />
    </Stack>
  );
}
