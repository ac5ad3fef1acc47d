import type { ImportDuplicates, ImportMapping } from "../../contract/imports.ts";
import type { CustomFieldDef } from "../../contract/workspace.ts";
import type { Db } from "../../db/index.ts";
import type { Ctx } from "../context.ts";
import { ensureUsagePartitions, flushRollups } from "../usage/index.ts";
import { commitUsage } from "./commit-usage.ts";
import type { ParsedCsv } from "./csv.rules.ts";
import { type ErrorSummary, summarizeErrors } from "./report.rules.ts";
import { analyzeUsageRollups } from "./usage-import.queries.ts";
import { evaluateUsage, usageEarliest } from "./validate-usage.ts";

/** From this many events on, an import refreshes the rollups' planner statistics. */
const BULK = 1000;

/** One import run's inputs, the same for every entity. */
export type ImportJob = {
  id: string;
  file: ParsedCsv;
  mapping: ImportMapping;
  now: Date;
  timeline: { title: string; body: string; authorId: string | null };
};

/** What validating (and, when committing, storing) a file came to. */
export type Attempt = {
  summary: ErrorSummary;
  created: number;
  updated: number;
  warnings: string[];
  newCustomFields: { key: string; type: string }[];
  defined: CustomFieldDef[];
  duplicates?: ImportDuplicates;
  /** Whether rows were stored: a commit without errors. */
  stored: boolean;
};

/**
 * Usage rows become raw `track` events with the rollups of their days rebuilt; rows whose event id
 * was seen before are skipped and reported, never updated.
 */
export async function importUsage(db: Db, ctx: Ctx, job: ImportJob, commit: boolean): Promise<Attempt> {
  const ev = await evaluateUsage(db, ctx.workspaceId, job.file, job.mapping, job.now);
  const summary = summarizeErrors(ev.errors);
  const duplicates = { ...ev.duplicates };
  let created = ev.rows.length;
  const stored = commit && summary.errorRows === 0;
  if (stored) {
    const done = await commitUsage(db, {
      workspaceId: ctx.workspaceId,
      importId: job.id,
      rows: ev.rows,
      receivedAt: job.now,
      timeline: job.timeline,
    });
    // An id someone stored since validation is skipped like any stored before.
    duplicates.alreadyStored += created - done.stored;
    created = done.stored;
  }
  return {
    summary,
    created,
    updated: 0,
    warnings: ev.warnings,
    newCustomFields: [],
    defined: [],
    duplicates,
    stored,
  };
}

/**
 * Creates the monthly event partitions from the file's earliest usage on. Done before the import's
 * transaction: creating a partition locks the events table, which must not wait for the whole import.
 */
export async function prepareUsagePartitions(
  db: Db,
  file: ParsedCsv,
  mapping: ImportMapping,
  now: Date,
): Promise<void> {
  const from = usageEarliest(file, mapping, now);
  if (from) await ensureUsagePartitions(db, { from, now });
}

/**
 * After an import's transaction commits: its events go into the rollups now, so the usage screens
 * show them as soon as the import answers, and a big load refreshes the planner statistics
 * (PGlite has no autovacuum).
 */
export async function settleUsageImport(db: Db, stored: number): Promise<void> {
  await flushRollups(db);
  if (stored >= BULK) await analyzeUsageRollups(db);
}
