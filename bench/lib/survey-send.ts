import type { MailConfig } from "../../src/common/mail-config.ts";
import { ZSurveySend } from "../../src/contract/surveys.ts";
import type { Database } from "../../src/db/index.ts";
import { inWorkspace } from "../../src/db/transaction.ts";
import { sendSurvey } from "../../src/domain/experience/index.ts";
import { deliverQueuedMail } from "../../src/domain/mail/index.ts";
import { startSmtpSink } from "../../tests/helpers/smtp-sink.ts";

export type MemorySample = { ms: number; rssMb: number; heapMb: number };

const mb = (bytes: number) => Math.round(bytes / 1_048_576);

/** This process's resident set and JS heap every `ms` (250 by default) until stopped. */
export function memorySampler(ms = 250) {
  const t0 = performance.now();
  const samples: MemorySample[] = [];
  const take = () => {
    const m = process.memoryUsage();
    samples.push({ ms: Math.round(performance.now() - t0), rssMb: mb(m.rss), heapMb: mb(m.heapUsed) });
  };
  take();
  const timer = setInterval(take, ms);
  return {
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

export type SurveyResult = {
  recipients: number;
  queueSeconds: number;
  sent: number;
  failed: number;
  received: number;
  deliverSeconds: number;
  messagesPerSecond: number;
  memory: MemorySample[];
  /** The live heap (after a full collection, when available) before and after delivering. */
  retainedHeapMb: { before: number; after: number };
};

/**
 * One NPS survey to `contactIds` the way the API sends it — the body parsed by the contract's
 * schema, `sendSurvey` in a transaction of the workspace (row-level security on) — then its mail
 * delivered by `deliverQueuedMail` on the system path, as the route does once the survey committed,
 * into a real SMTP server in this process that counts what it receives.
 */
export async function sendSurveyToSink(
  database: Database,
  workspaceId: string,
  contactIds: string[],
): Promise<SurveyResult> {
  const sink = await startSmtpSink({ parse: false });
  try {
    const mail: MailConfig = {
      smtpUrl: sink.url,
      from: "Steward Bench <success@steward-bench.example>",
      publicUrl: "http://localhost:3000",
    };
    const body = ZSurveySend.parse({ kind: "nps", audience: { contactIds }, name: "Benchmark NPS" });
    let t = performance.now();
    const sent = await inWorkspace(database.db, workspaceId, (tx) =>
      sendSurvey({ db: tx, workspaceId, actor: { kind: "system", label: "bench:success" } }, body, mail),
    );
    const queueSeconds = (performance.now() - t) / 1000;
    if (sent.delivery !== "queued") throw new Error(`survey mail was ${sent.delivery}, not queued`);

    // What the heap holds before and after, without the garbage earlier work left (when the
    // script runs with --expose-gc, as `npm run bench:success` does). On PostgreSQL "before" also
    // counts the last results of the recompute, which pg's pool keeps reachable from its idle
    // connections until they time out (10 s).
    const retainedMb = () => {
      globalThis.gc?.();
      return mb(process.memoryUsage().heapUsed);
    };
    const heapBefore = retainedMb();
    // The collector hands freed pages back to the system in the background: RSS settles first.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const memory = memorySampler();
    t = performance.now();
    const delivered = await deliverQueuedMail(database.db, mail, { workspaceId, subjectId: sent.survey.id });
    const deliverSeconds = (performance.now() - t) / 1000;
    const samples = memory.stop();
    const heapAfter = retainedMb();
    const received = (sink as typeof sink & { received: number }).received;
    return {
      recipients: contactIds.length - sent.skipped,
      queueSeconds,
      sent: delivered.sent,
      failed: delivered.failed,
      received,
      deliverSeconds,
      messagesPerSecond: Math.round(delivered.sent / deliverSeconds),
      memory: samples,
      retainedHeapMb: { before: heapBefore, after: heapAfter },
    };
  } finally {
    await sink.close();
  }
}

/** Start, peak and end of a series, and the series itself thinned to about `points` values. */
export function memorySummary(samples: MemorySample[], points = 12) {
  const first = samples[0] ?? { ms: 0, rssMb: 0, heapMb: 0 };
  const last = samples[samples.length - 1] ?? first;
  const every = Math.max(1, Math.ceil(samples.length / points));
  return {
    rss: { start: first.rssMb, peak: Math.max(...samples.map((s) => s.rssMb)), end: last.rssMb },
    heap: { start: first.heapMb, peak: Math.max(...samples.map((s) => s.heapMb)), end: last.heapMb },
    series: samples.filter((_, i) => i % every === 0 || i === samples.length - 1),
  };
}
