import { Badge, Code, Text, Tooltip } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type JobSchedule, type JobState, routes } from "../../../contract/index.ts";
import { formatDateTime } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { type AnyColumns, columnHelper } from "../../ui/DataTable.tsx";
import { QueryTable } from "../../ui/ListTable.tsx";
import { JobName } from "./JobName.tsx";

/** How a run stands, in the words the page uses. */
const RUN_STATE: Record<JobState, { label: string; color: string }> = {
  created: { label: "Waiting", color: "blue" },
  retry: { label: "Failed, will retry", color: "yellow" },
  active: { label: "Running", color: "blue" },
  completed: { label: "Completed", color: "green" },
  cancelled: { label: "Discarded", color: "gray" },
  failed: { label: "Failed", color: "red" },
};

const col = columnHelper<JobSchedule>();
const columns: AnyColumns<JobSchedule> = [
  col.accessor("name", {
    header: "Job",
    meta: { wrap: true },
    cell: (i) => <JobName name={i.getValue()} description={i.row.original.description} />,
  }),
  col.accessor("cron", {
    header: "Schedule",
    cell: (i) => (
      <Tooltip label="Minute, hour, day of month, month, day of week (cron)" withArrow>
        <span>
          <Code>{i.getValue()}</Code>{" "}
          <Text span size="xs" c="dimmed">
            {i.row.original.timezone}
          </Text>
        </span>
      </Tooltip>
    ),
  }),
  col.accessor("lastRun", {
    header: "Last run",
    cell: (i) => {
      const run = i.row.original.lastRun;
      if (!run) {
        return (
          <Text size="sm" c="dimmed">
            Not yet
          </Text>
        );
      }
      const state = RUN_STATE[run.state];
      return (
        <div>
          <Text size="sm">{formatDateTime(run.startedAt)}</Text>
          <Badge size="xs" variant="light" color={state.color}>
            {state.label}
          </Badge>
        </div>
      );
    },
  }),
  col.accessor("nextRunAt", { header: "Next run", cell: (i) => formatDateTime(i.getValue()) }),
];

/**
 * The installation's scheduled jobs. They run for every workspace at once, so how a run went is
 * shown, not what it did: the operator reads that with `steward jobs list`.
 */
export function JobSchedules() {
  const schedules = useQuery({ ...apiQuery(routes.listJobSchedules, {}), refetchInterval: 60_000 });
  return (
    <QueryTable
      query={schedules}
      errorTitle="Schedules could not be loaded"
      label="Schedules"
      columns={columns}
      data={schedules.data?.data}
      loading={schedules.isLoading}
      rowKey={(s) => s.name}
      minWidth={760}
      empty={
        <Text ta="center" size="sm" c="dimmed">
          No job runs on a schedule.
        </Text>
      }
    />
  );
}
