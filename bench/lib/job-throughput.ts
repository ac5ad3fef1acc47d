import { z } from "zod";
import type { Database } from "../../src/db/index.ts";
import { defineJob, startJobRunner } from "../../src/jobs/index.ts";

/**
 * The job runner end to end: two runners (as two `steward worker` processes would be) started by
 * `startJobRunner` with its own defaults on one database, and a trivial job defined here (its
 * handler counts and returns). `jobs` runs are sent through the runners' `send` by a few senders
 * at once; the clock runs from the first send to the last handler run, or to `seconds` if they
 * are not all handled by then.
 */

export type JobThroughput = {
  sent: number;
  handled: number;
  /** Handled per second, first send to last handled (or to the deadline). */
  perSecond: number;
  sendSeconds: number;
  seconds: number;
  /** Seconds from its send to its handler, p50 and p99, of the handled ones. */
  waitP50: number;
  waitP99: number;
  timedOut: boolean;
};

const pct = (xs: number[], p: number) =>
  xs[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))] ?? 0;

export async function jobThroughput(
  database: Database,
  o: { jobs: number; seconds: number; senders: number },
): Promise<JobThroughput> {
  const sentAt = new Float64Array(o.jobs);
  const waits: number[] = [];
  let lastHandled = 0;
  let allDone: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    allDone = resolve;
  });
  const noop = defineJob({
    name: "bench.noop",
    description: "Does nothing: the benchmark counts how many the runners move per second",
    payload: z.strictObject({ n: z.number().int() }),
    retry: { limit: 0, delaySeconds: 1, backoff: false },
    handler: async (_job, payload) => {
      lastHandled = performance.now();
      waits.push((lastHandled - (sentAt[payload.n] ?? lastHandled)) / 1000);
      if (waits.length === o.jobs) allDone();
      return null;
    },
  });
  const runners = [await startJobRunner(database, [noop]), await startJobRunner(database, [noop])];
  try {
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: o.senders }, async () => {
        for (let n = next++; n < o.jobs; n = next++) {
          sentAt[n] = performance.now();
          await runners[n % runners.length]?.send(noop, { n });
        }
      }),
    );
    const sendSeconds = (performance.now() - t0) / 1000;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), o.seconds * 1000);
    });
    const timedOut = (await Promise.race([done, deadline])) === "late";
    clearTimeout(timer);
    const seconds = ((timedOut ? performance.now() : lastHandled) - t0) / 1000;
    const sorted = [...waits].sort((a, b) => a - b);
    return {
      sent: o.jobs,
      handled: waits.length,
      perSecond: Math.round(waits.length / seconds),
      sendSeconds: Number(sendSeconds.toFixed(2)),
      seconds: Number(seconds.toFixed(2)),
      waitP50: Number(pct(sorted, 50).toFixed(2)),
      waitP99: Number(pct(sorted, 99).toFixed(2)),
      timedOut,
    };
  } finally {
    for (const r of runners) await r.stop();
  }
}
