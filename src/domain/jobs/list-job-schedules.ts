import type { JobSchedule } from "../../contract/index.ts";
import type { Ctx } from "../context.ts";
import { jobTablesExist, latestScheduledRuns } from "./job.queries.ts";
import { type JobKind, nextRun } from "./job.rules.ts";

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * The scheduled jobs, when each last ran and runs next. They run for the whole installation, so
 * a workspace's admin sees how the last run ended but not its payload or error, which may concern
 * other workspaces (the operator reads those with `steward jobs list`).
 */
export async function listJobSchedules(
  ctx: Ctx,
  kinds: readonly JobKind[],
  now = new Date(),
): Promise<{ data: JobSchedule[] }> {
  const scheduled = kinds.flatMap((k) => (k.schedule ? [{ ...k, cron: k.schedule }] : []));
  const runs = (await jobTablesExist(ctx.db))
    ? await latestScheduledRuns(
        ctx.db,
        scheduled.map((k) => k.name),
      )
    : [];
  const byName = new Map(runs.map((r) => [r.name, r]));
  return {
    data: scheduled.map((k) => {
      const run = byName.get(k.name);
      return {
        name: k.name,
        description: k.description,
        cron: k.cron,
        timezone: k.timezone,
        lastRun: run
          ? {
              state: run.state,
              startedAt: new Date(run.started_on).toISOString(),
              finishedAt: iso(run.completed_on),
            }
          : null,
        nextRunAt: nextRun(k.cron, k.timezone, now).toISOString(),
      };
    }),
  };
}
