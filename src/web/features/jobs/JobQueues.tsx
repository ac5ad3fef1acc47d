import { Text } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import type { JobQueue } from "../../../contract/index.ts";
import { type AnyColumns, columnHelper } from "../../ui/DataTable.tsx";
import { QueryTable } from "../../ui/ListTable.tsx";
import { JobName } from "./JobName.tsx";

const col = columnHelper<JobQueue>();
const count = (key: "waiting" | "active" | "failed" | "completedLast24h", header: string) =>
  col.accessor(key, {
    header,
    meta: { numeric: true, width: 96 },
    cell: (i) => (i.getValue() === 0 ? <Text c="dimmed">0</Text> : i.getValue()),
  });

const columns: AnyColumns<JobQueue> = [
  col.accessor("name", {
    header: "Job",
    meta: { wrap: true },
    cell: (i) => <JobName name={i.getValue()} description={i.row.original.description} />,
  }),
  count("waiting", "Waiting"),
  count("active", "Running"),
  count("failed", "Failed"),
  count("completedLast24h", "Done (24 h)"),
];

/** Each kind of job with this workspace's jobs by state. */
export function JobQueues({ queues }: { queues: UseQueryResult<{ data: JobQueue[] }> }) {
  return (
    <QueryTable
      query={queues}
      errorTitle="Queues could not be loaded"
      label="Queues"
      columns={columns}
      data={queues.data?.data}
      loading={queues.isLoading}
      rowKey={(q) => q.name}
      minWidth={760}
      empty={
        <Text ta="center" size="sm" c="dimmed">
          This version of Steward defines no background jobs.
        </Text>
      }
    />
  );
}
