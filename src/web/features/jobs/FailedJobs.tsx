import { EmptyState, Group, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconCircleCheck, IconRefresh, IconTrash } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type Job, routes } from "../../../contract/index.ts";
import { formatDateTime } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { type AnyColumns, columnHelper } from "../../ui/DataTable.tsx";
import { useEditTarget } from "../../ui/form.ts";
import { ListTable, pagerFor, usePaging } from "../../ui/ListTable.tsx";
import { RowAction } from "../../ui/RowAction.tsx";
import { JobName } from "./JobName.tsx";
import { useJobMutations } from "./use-job-mutations.ts";

const col = columnHelper<Job>();

/** The workspace's jobs that failed for good (kept 14 days), each to run once more or drop. */
export function FailedJobs({ describe }: { describe: (name: string) => string | undefined }) {
  const paging = usePaging();
  const failed = useQuery({
    ...apiQuery(routes.listJobs, { query: { state: "failed", limit: paging.limit, cursor: paging.cursor } }),
    placeholderData: keepPreviousData,
  });
  const retrying = useEditTarget<Job>();
  const discarding = useEditTarget<Job>();
  const { retry, discard } = useJobMutations();

  const columns: AnyColumns<Job> = [
    col.accessor("name", {
      header: "Job",
      meta: { wrap: true },
      cell: (i) => (
        <JobName
          name={i.getValue()}
          description={describe(i.getValue()) ?? "A job this version of Steward no longer runs"}
        />
      ),
    }),
    col.accessor("finishedAt", { header: "Failed", cell: (i) => formatDateTime(i.getValue()) }),
    col.accessor("retryCount", {
      header: "Runs",
      meta: { numeric: true },
      cell: (i) => i.getValue() + 1,
    }),
    col.accessor("error", {
      header: "Why",
      meta: { wrap: true },
      cell: (i) => (
        <Text size="sm" lineClamp={3}>
          {i.getValue() ?? "No reason was recorded"}
        </Text>
      ),
    }),
    col.display({
      id: "actions",
      header: "",
      meta: { width: 80 },
      cell: (i) => (
        <Group gap={4} wrap="nowrap">
          <RowAction
            tooltip="Run once more"
            label={`Retry ${i.row.original.name}`}
            icon={<IconRefresh size={16} />}
            onClick={() => {
              retry.reset();
              retrying.open(i.row.original);
            }}
          />
          <RowAction
            tooltip="Discard: never run it again"
            label={`Discard ${i.row.original.name}`}
            icon={<IconTrash size={16} />}
            onClick={() => {
              discard.reset();
              discarding.open(i.row.original);
            }}
          />
        </Group>
      ),
    }),
  ];

  return (
    <>
      <ListTable
        query={failed}
        errorTitle="Failed jobs could not be loaded"
        label="Failed jobs"
        columns={columns}
        data={failed.data?.data}
        loading={failed.isLoading}
        fetching={failed.isPlaceholderData}
        rowKey={(j) => j.id}
        minWidth={820}
        empty={
          <EmptyState
            icon={<IconCircleCheck size={24} />}
            withIndicatorBackground
            title="No failed jobs"
            description="When one of this workspace's jobs fails after all its retries, it shows here for 14 days: fix the cause, then run it again or discard it."
          />
        }
        pager={pagerFor(failed.data, paging)}
      />
      <ConfirmDialog
        opened={retrying.opened}
        onClose={retrying.close}
        title={`Run “${retrying.target?.name ?? ""}” again?`}
        message="It runs once more as soon as a worker is free, usually within seconds. If it fails again, it comes back to this list."
        confirmLabel="Run again"
        color="blue"
        onConfirm={() =>
          retrying.target &&
          retry.mutate(retrying.target, {
            onSuccess: (j) => {
              notifications.show({ message: `“${j.name}” is queued to run again` });
              retrying.close();
            },
          })
        }
        loading={retry.isPending}
        error={retry.error}
      />
      <ConfirmDialog
        opened={discarding.opened}
        onClose={discarding.close}
        title={`Discard “${discarding.target?.name ?? ""}”?`}
        message="It will never run again and leaves this list; why it failed is kept with it. Discard a job only when what it was meant to do no longer applies. This cannot be undone."
        confirmLabel="Discard job"
        onConfirm={() =>
          discarding.target &&
          discard.mutate(discarding.target, {
            onSuccess: (j) => {
              notifications.show({ message: `“${j.name}” is discarded; it will not run again` });
              discarding.close();
            },
          })
        }
        loading={discard.isPending}
        error={discard.error}
      />
    </>
  );
}
