import { Alert, Code, Paper, Stack, Text, Title } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { routes } from "../../../contract/index.ts";
import { apiQuery } from "../../lib/query.ts";
import { FailedJobs } from "./FailedJobs.tsx";
import { JobQueues } from "./JobQueues.tsx";
import { JobSchedules } from "./JobSchedules.tsx";

function Part({
  title,
  description,
  children,
}: {
  title: string;
  description: ReactNode;
  children: ReactNode;
}) {
  return (
    <Stack gap="xs">
      <div>
        <Title order={4} fz="md">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {description}
        </Text>
      </div>
      {children}
    </Stack>
  );
}

/** Background jobs, for admins: what failed (to retry or discard), the queues and the schedules. */
export function JobsTab() {
  // Read again now and then: the counts move as workers run.
  const queues = useQuery({ ...apiQuery(routes.listJobQueues, {}), refetchInterval: 15_000 });
  const describe = (name: string) => queues.data?.data.find((q) => q.name === name)?.description;
  return (
    <Stack gap="xl">
      <Alert variant="light" icon={<IconInfoCircle size={18} />}>
        Steward does some work in the background: scheduled upkeep such as health scores and segment
        refreshes, and jobs of this workspace. A job that fails is retried a few times by itself; one that
        still fails stops here. With several <Code>steward worker</Code> processes each job runs in one of
        them, and the job of a worker that stopped runs again elsewhere within about 20 seconds.
      </Alert>
      <Part title="Failed jobs" description="This workspace's jobs that failed after all their retries.">
        <FailedJobs describe={describe} />
      </Part>
      <Part
        title="Queues"
        description="Each kind of job, with this workspace's jobs counted by state. Scheduled upkeep runs for the whole installation and shows under Schedules."
      >
        <Paper withBorder radius="md">
          <JobQueues queues={queues} />
        </Paper>
      </Part>
      <Part
        title="Schedules"
        description="Upkeep that runs on its own for every workspace: when it last ran, how that ended, and when it runs next."
      >
        <Paper withBorder radius="md">
          <JobSchedules />
        </Paper>
      </Part>
    </Stack>
  );
}
