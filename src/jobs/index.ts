import type { JobKind } from "../domain/jobs/index.ts";
import { type JobDefinition, SCHEDULE_TIMEZONE } from "./define.ts";
import { churnHistory } from "./definitions/churn-history.job.ts";
import { churnTrain } from "./definitions/churn-train.job.ts";
import { coverageTiering } from "./definitions/coverage-tiering.job.ts";
import { eventsRetention } from "./definitions/events-retention.job.ts";
import { healthBacktests } from "./definitions/health-backtests.job.ts";
import { healthRecompute } from "./definitions/health-recompute.job.ts";
import { lifecycleTransitions } from "./definitions/lifecycle-transitions.job.ts";
import { mailDeliver } from "./definitions/mail-deliver.job.ts";
import { renewalsCalibrate } from "./definitions/renewals-calibrate.job.ts";
import { revenueRefresh } from "./definitions/revenue-refresh.job.ts";
import { rulesEvaluate } from "./definitions/rules-evaluate.job.ts";
import { rulesSchedules } from "./definitions/rules-schedules.job.ts";
import { segmentsRefresh } from "./definitions/segments-refresh.job.ts";
import { successHistoryDaily } from "./definitions/success-history.job.ts";
import { tasksEscalate } from "./definitions/tasks-escalate.job.ts";
import { usageNonUsage } from "./definitions/usage-non-usage.job.ts";
import { usagePartitions } from "./definitions/usage-partitions.job.ts";
import { usageRetention } from "./definitions/usage-retention.job.ts";
import { usageRollupCatchUp } from "./definitions/usage-rollups.job.ts";
import { usageStatistics } from "./definitions/usage-statistics.job.ts";

/**
 * Every job Steward runs. To add one, write `definitions/<name>.job.ts` exporting a
 * `defineJob({...})` and list it here: the runner creates its queue, schedule and worker.
 */
export const jobDefinitions: readonly JobDefinition[] = [
  revenueRefresh,
  usagePartitions,
  usageRollupCatchUp,
  usageRetention,
  usageNonUsage,
  usageStatistics,
  healthRecompute,
  healthBacktests,
  churnTrain,
  eventsRetention,
  mailDeliver,
  successHistoryDaily,
  tasksEscalate,
  segmentsRefresh,
  churnHistory,
  renewalsCalibrate,
  rulesSchedules,
  rulesEvaluate,
  coverageTiering,
  lifecycleTransitions,
];

/** What the jobs page lists: each job's name, what it does and its schedule. */
export const jobKinds: readonly JobKind[] = jobDefinitions.map((d) => ({
  name: d.name,
  description: d.description,
  schedule: d.schedule ?? null,
  timezone: SCHEDULE_TIMEZONE,
}));

export {
  defineJob,
  type JobContext,
  type JobDefinition,
  type RetrySettings,
  workspaceJobCtx,
} from "./define.ts";
export { type JobLog, type JobRunner, type RunnerOptions, startJobRunner } from "./runner.ts";
