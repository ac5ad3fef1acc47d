import type { Writable } from "node:stream";
import type { Command } from "commander";
import { z } from "zod";
import { JOB_STATES, type Job, ZJobStateFilter } from "../../contract/index.ts";
import { discardAnyJob, listAllJobs, listJobs, retryAnyJob } from "../../domain/jobs/index.ts";
import type { CliIo } from "../io.ts";
import { runCommand, usageError } from "../run.ts";
import { workspaceCtx } from "../workspace-context.ts";

const STATES = [...JOB_STATES, "all"].join("|");
const ZLimit = z.coerce.number().int().min(1).max(200);

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const when = (iso: string | null) => (iso ? `${iso.slice(0, 19).replace("T", " ")}Z` : "-");

/** Aligned columns, one job a line; the error last, clipped, on one line. */
function printTable(out: Writable, jobs: Job[]): void {
  const header = ["ID", "NAME", "STATE", "RETRIES", "WORKSPACE", "CREATED", "FINISHED", "ERROR"];
  const rows = jobs.map((j) => [
    j.id,
    j.name,
    j.archived ? `${j.state} (archived)` : j.state,
    `${j.retryCount}/${j.retryLimit}`,
    typeof j.payload.workspaceId === "string" ? j.payload.workspaceId : "-",
    when(j.createdAt),
    when(j.finishedAt),
    clip((j.error ?? "-").replace(/\s+/g, " "), 80),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  for (const row of [header, ...rows]) {
    out.write(
      `${row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd()}\n`,
    );
  }
}

export function registerJobs(program: Command, io: CliIo): void {
  const jobs = program.command("jobs").description("List background jobs, and retry or discard failed ones");
  jobs
    .command("list")
    .description("List jobs, newest first; by default the failed (dead) ones, kept 14 days")
    .option("--state <state>", STATES, "failed")
    .option("--limit <n>", "how many (1-200)", "50")
    .option("--workspace <slug>", "only this workspace's jobs (default: the whole installation)")
    .action((opts: { state: string; limit: string; workspace?: string }) =>
      runCommand(io, async () => {
        const state = ZJobStateFilter.safeParse(opts.state);
        if (!state.success) throw usageError(`--state must be one of ${STATES}`);
        const limit = ZLimit.safeParse(opts.limit);
        if (!limit.success) throw usageError("--limit must be a whole number from 1 to 200");
        const query = { state: state.data, limit: limit.data };
        const page = await io.withDatabase(async (database) =>
          opts.workspace
            ? listJobs(await workspaceCtx(database.db, opts.workspace, "cli jobs"), query)
            : listAllJobs(database.db, query),
        );
        return {
          data: page,
          print: (out) => {
            if (page.data.length === 0) {
              out.write(`No jobs${state.data === "all" ? "" : ` in state ${state.data}`}.\n`);
              return;
            }
            printTable(out, page.data);
            if (page.nextCursor) out.write(`… more: raise --limit (up to 200) to see them\n`);
          },
        };
      }),
    );
  // Both act on one failed job of any workspace and say what became of it.
  const changes = [
    {
      verb: "retry",
      description: "Run a failed job once more; a running worker (or server) picks it up within seconds",
      change: retryAnyJob,
      done: "is queued to run again",
    },
    {
      verb: "discard",
      description: "Drop a failed job for good: it is never run again (listed as cancelled)",
      change: discardAnyJob,
      done: "is discarded: it will not run again",
    },
  ] as const;
  for (const c of changes) {
    jobs
      .command(c.verb)
      .description(c.description)
      .argument("<id>", "the job id, as `steward jobs list` shows it")
      .action((id: string) =>
        runCommand(io, async () => {
          const job = await io.withDatabase((database) => c.change(database.db, id));
          return { data: job, print: (out) => out.write(`Job ${job.id} (${job.name}) ${c.done}.\n`) };
        }),
      );
  }
}
