import { Stack, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type Playbook, type PlaybookRun, routes } from "../../../contract/index.ts";
import { formatDate, formatNumber } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { type AnyColumns, columnHelper } from "../../ui/DataTable.tsx";
import { ListTable, pagerFor, usePaging } from "../../ui/ListTable.tsx";
import { Section } from "../../ui/Section.tsx";
import { AccountLink } from "../accounts/cells.tsx";
import { RunProgress, RunStatusBadge, RunSteps, startedByText } from "./RunParts.tsx";

const col = columnHelper<PlaybookRun>();

const columns: AnyColumns<PlaybookRun> = [
  col.accessor("account", {
    header: "Account",
    cell: (i) => <AccountLink account={i.getValue()} />,
  }),
  col.accessor("status", { header: "Status", cell: (i) => <RunStatusBadge status={i.getValue()} /> }),
  col.accessor("progress", { header: "Progress", cell: (i) => <RunProgress run={i.row.original} w={160} /> }),
  col.display({
    id: "overdue",
    header: "Overdue",
    meta: { numeric: true },
    cell: (i) => formatNumber(i.row.original.progress.overdue),
  }),
  col.display({
    id: "startedBy",
    header: "Started by",
    cell: (i) => (
      <Text size="sm" maw={260} truncate>
        {startedByText(i.row.original)}
      </Text>
    ),
  }),
  col.accessor("startedAt", { header: "Started", cell: (i) => formatDate(i.getValue()) }),
];

/** The playbook's runs, newest first and paged; a clicked run shows its steps under it. */
export function RunsTab({
  playbook,
  runId,
  onRun,
}: {
  playbook: Playbook;
  runId: string | undefined;
  onRun: (runId: string | undefined) => void;
}) {
  const paging = usePaging();
  const list = useQuery({
    ...apiQuery(routes.listPlaybookRuns, {
      query: { playbookId: playbook.id, limit: paging.limit, cursor: paging.cursor },
    }),
    placeholderData: keepPreviousData,
  });
  // A run linked from elsewhere (an inbox item) may be on another page: its steps show under the list.
  const elsewhere = runId && list.data && !list.data.data.some((r) => r.id === runId) ? runId : null;
  return (
    <Stack gap="md">
      <ListTable
        query={list}
        errorTitle="The runs could not be loaded"
        label="Playbook runs"
        columns={columns}
        data={list.data?.data}
        loading={list.isLoading}
        fetching={list.isPlaceholderData}
        rowKey={(r) => r.id}
        onRowClick={(r) => onRun(r.id === runId ? undefined : r.id)}
        expanded={(r) => (r.id === runId ? <RunSteps runId={r.id} /> : null)}
        pager={pagerFor(list.data, paging)}
        minWidth={820}
        empty={
          <Text size="sm" c="dimmed" p="md">
            {playbook.archived
              ? "It never ran. It is archived: restore it to start it again."
              : "It has not run yet. Start it from an account's page, or have a rule start it."}
          </Text>
        }
      />
      {elsewhere ? (
        <Section title="The run you opened" testId="playbook-run-opened">
          <RunSteps runId={elsewhere} />
        </Section>
      ) : null}
    </Stack>
  );
}
