import cronParser from "cron-parser";

/** A kind of job as the runner defines it: what the jobs page lists for each queue and schedule. */
export type JobKind = {
  name: string;
  description: string;
  /** Cron expression, or null for a job that runs only when sent. */
  schedule: string | null;
  timezone: string;
};

/** The first firing of a cron schedule after `after`. */
export const nextRun = (cron: string, timezone: string, after: Date): Date =>
  cronParser.parseExpression(cron, { tz: timezone, currentDate: after }).next().toDate();

/** How a job that is not failed stands, for the message refusing to retry or discard it. */
export function notFailedReason(state: string, archived: boolean, keptDays: number): string {
  if (archived && state === "failed") return `failed more than ${keptDays} days ago and was archived`;
  switch (state) {
    case "created":
    case "retry":
      return "is waiting to run";
    case "active":
      return "is running";
    case "completed":
      return "has completed";
    case "cancelled":
      return "was discarded";
    default:
      return `is ${state}`;
  }
}
