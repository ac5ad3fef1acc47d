import { Badge, Paper, Skeleton, Stack, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type Rule, type RuleRun, routes } from "../../../contract/index.ts";
import { formatDateTime, formatNumber } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { type AnyColumns, columnHelper } from "../../ui/DataTable.tsx";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { ListTable, pagerFor, usePaging } from "../../ui/ListTable.tsx";
import { Section } from "../../ui/Section.tsx";
import { CAUSE_LABELS } from "./labels.ts";
import { MatchesTable } from "./MatchesTable.tsx";

const col = columnHelper<RuleRun>();

const columns: AnyColumns<RuleRun> = [
  col.accessor("startedAt", { header: "When", cell: (i) => formatDateTime(i.getValue()) }),
  col.accessor("cause", { header: "Cause", cell: (i) => CAUSE_LABELS[i.getValue()] ?? i.getValue() }),
  col.accessor("status", {
    header: "Status",
    cell: (i) =>
      i.getValue() === "succeeded" ? (
        <Badge variant="light" color="teal">
          Succeeded
        </Badge>
      ) : (
        <div>
          <Badge variant="light" color="red">
            Failed
          </Badge>
          {i.row.original.error ? (
            <Text size="xs" c="red.7">
              {i.row.original.error}
            </Text>
          ) : null}
        </div>
      ),
  }),
  col.accessor("matched", {
    header: "Accounts",
    meta: { numeric: true },
    cell: (i) => formatNumber(i.getValue()),
  }),
];

/** One run: the accounts it matched, why, and what each action did. */
function RunDetail({ rule, runId }: { rule: Rule; runId: string }) {
  const q = useQuery(apiQuery(routes.getRuleRun, { params: { ruleId: rule.id, runId } }));
  if (q.isError) {
    return <ErrorAlert error={q.error} title="This run could not be loaded" onRetry={() => q.refetch()} />;
  }
  if (!q.data) return <Skeleton h={120} />;
  const run = q.data;
  return (
    <Section
      title={`Run of ${formatDateTime(run.startedAt)}`}
      description={`${CAUSE_LABELS[run.cause] ?? run.cause} · ${plural(run.matched)}${run.matches.length < run.matched ? ` (the first ${formatNumber(run.matches.length)} are listed)` : ""}`}
      padding={0}
      testId="rule-run-detail"
    >
      {run.error ? (
        <Text size="sm" c="red.7" p="md">
          {run.error}
        </Text>
      ) : null}
      <MatchesTable matches={run.matches} label="Run accounts" empty="The run matched no account." />
    </Section>
  );
}

const plural = (n: number) => `${formatNumber(n)} account${n === 1 ? "" : "s"}`;

/** The rule's runs, newest first, paged; a clicked run shows its accounts below. */
export function RunsTab({
  rule,
  runId,
  onRun,
}: {
  rule: Rule;
  runId: string | undefined;
  onRun: (runId: string | undefined) => void;
}) {
  const paging = usePaging();
  const list = useQuery({
    ...apiQuery(routes.listRuleRuns, {
      params: { ruleId: rule.id },
      query: { limit: paging.limit, cursor: paging.cursor },
    }),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack gap="md">
      <ListTable
        query={list}
        errorTitle="The runs could not be loaded"
        label="Rule runs"
        columns={columns}
        data={list.data?.data}
        loading={list.isLoading}
        fetching={list.isPlaceholderData}
        rowKey={(r) => r.id}
        onRowClick={(r) => onRun(r.id === runId ? undefined : r.id)}
        pager={pagerFor(list.data, paging)}
        minWidth={560}
        empty={
          <Text size="sm" c="dimmed" p="md">
            {rule.enabled
              ? "The rule has not run yet: it runs when its trigger fires. An admin can also run it now."
              : "The rule has not run yet. Switch it on, or run it now, after a dry run and a replay."}
          </Text>
        }
      />
      {runId ? (
        <RunDetail rule={rule} runId={runId} />
      ) : list.data && list.data.data.length > 0 ? (
        <Paper p="sm">
          <Text size="sm" c="dimmed">
            Click a run to see the accounts it matched, why, and what each action did.
          </Text>
        </Paper>
      ) : null}
    </Stack>
  );
}
