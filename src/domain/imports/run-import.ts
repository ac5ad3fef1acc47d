import { z } from "zod";
import { AppError } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import {
  type ImportEntity,
  type ImportReport,
  ZImportEntity,
  ZImportRequest,
} from "../../contract/imports.ts";
import type { CustomFieldDef } from "../../contract/workspace.ts";
import { type Db, withTx } from "../../db/transaction.ts";
import { recordAudit } from "../audit/index.ts";
import { actorUserId, type Ctx } from "../context.ts";
import { customFieldCreated, mayDefineCustomFields } from "../custom-fields/index.ts";
import { recordEvents } from "../events/index.ts";
import { commitRows } from "./commit-import.ts";
import { parseCsv } from "./csv.rules.ts";
import { insertImportRun, upsertMapping } from "./import.queries.ts";
import { buildReport, keyWarnings, summarizeErrors, undefinedCustomFieldErrors } from "./report.rules.ts";
import { importActivities } from "./run-activities.ts";
import {
  type Attempt,
  type ImportJob,
  importUsage,
  prepareUsagePartitions,
  settleUsageImport,
} from "./run-usage.ts";
import { isActivityEntity, type RecordEntity } from "./targets.rules.ts";
import { chooseMapping, evaluateImport } from "./validate-import.ts";

export type ImportRequestInput = z.input<typeof ZImportRequest>;
type ImportRequest = z.output<typeof ZImportRequest>;

export function parseEntity(entity: unknown): ImportEntity {
  const r = ZImportEntity.safeParse(entity);
  if (!r.success)
    throw new AppError(
      "VALIDATION_FAILED",
      `Cannot import "${String(entity)}": use accounts, contacts, subscriptions, usage, tickets, survey-responses, touchpoints or renewal-outcomes`,
    );
  return r.data;
}

function parseRequest(request: ImportRequestInput): ImportRequest {
  const r = ZImportRequest.safeParse(request);
  if (!r.success) {
    throw new AppError("VALIDATION_FAILED", `Invalid import request: ${z.prettifyError(r.error)}`, {
      issues: r.error.issues,
    });
  }
  return r.data;
}

const ENTITY_NOUN: Record<ImportEntity, string> = {
  accounts: "account",
  contacts: "contact",
  subscriptions: "subscription",
  usage: "usage",
  tickets: "ticket",
  "survey-responses": "survey answer",
  touchpoints: "touchpoint",
  "renewal-outcomes": "renewal outcome",
};

/**
 * Validates a CSV file and, unless it is a dry run (the default), imports it: all rows in one
 * transaction or none when any row has a problem. Every run is recorded with its report.
 * Usage rows whose event id was seen before (earlier in the file, or stored) are skipped, not errors.
 */
export async function runImport(
  ctx: Ctx,
  entity: ImportEntity,
  request: ImportRequestInput,
): Promise<ImportReport> {
  const target = parseEntity(entity);
  const req = parseRequest(request);
  const file = parseCsv(req.csv);
  const now = new Date();
  const id = newId();
  const fileName = req.fileName?.trim() || null;
  const timeline = {
    title: `Imported from ${fileName ?? "a CSV file"}`,
    body: `${ENTITY_NOUN[target]} data imported (import ${id})`,
    authorId: actorUserId(ctx.actor),
  };

  const attempt = async (db: Db, commit: boolean) => {
    const choice = await chooseMapping(db, ctx.workspaceId, target, req, file.headers);
    const job: ImportJob = { id, file, mapping: choice.mapping, now, timeline };
    const run =
      target === "usage"
        ? await importUsage(db, ctx, job, commit)
        : isActivityEntity(target)
          ? await importActivities(db, ctx, target, job, commit)
          : await importRecords(db, ctx, target, job, commit);
    if (req.saveMappingAs)
      await upsertMapping(db, ctx.workspaceId, target, req.saveMappingAs, choice.mapping);
    const report = buildReport({
      id,
      entity: target,
      fileName,
      dryRun: !commit,
      totalRows: file.rows.length,
      created: run.created,
      updated: run.updated,
      summary: run.summary,
      warnings: [...choice.warnings, ...run.warnings],
      newCustomFields: run.newCustomFields,
      duplicates: run.duplicates,
      createdAt: now,
    });
    if (run.stored) {
      await recordRun(db, ctx, report);
      await auditCommit({ ...ctx, db }, report, run.defined);
    }
    return { report, stored: run.stored };
  };

  if (target === "usage" && !req.dryRun) {
    // Partitions first, outside the import's transaction: creating one locks the whole events table.
    const choice = await chooseMapping(ctx.db, ctx.workspaceId, target, req, file.headers);
    await prepareUsagePartitions(ctx.db, file, choice.mapping, now);
  }
  const outcome = req.dryRun ? await attempt(ctx.db, false) : await withTx(ctx.db, (tx) => attempt(tx, true));
  if (!outcome.stored) await recordRun(ctx.db, ctx, outcome.report);
  else if (target === "usage") await settleUsageImport(ctx.db, outcome.report.createdRows);
  return outcome.report;
}

/** Accounts, contacts and subscriptions: upserted on their keys, custom fields defined as needed. */
async function importRecords(
  db: Db,
  ctx: Ctx,
  entity: RecordEntity,
  job: ImportJob,
  commit: boolean,
): Promise<Attempt> {
  const tx = { ...ctx, db };
  const ev = await evaluateImport(tx, entity, job.file, job.mapping);
  const newFields = ev.plan.custom.filter((c) => c.isNew);
  // Defining fields is an admin's task: others get an error per such column, in the dry run too.
  const refused = mayDefineCustomFields(ctx.actor) ? [] : undefinedCustomFieldErrors(newFields);
  const summary = summarizeErrors([...refused, ...ev.errors]);
  let created = ev.outcomes.filter((o) => o.created).length;
  let updated = ev.outcomes.length - created;
  let defined: CustomFieldDef[] = [];
  const stored = commit && summary.errorRows === 0;
  if (stored) {
    ({ created, updated, defined } = await commitRows(tx, {
      entity,
      plan: ev.plan,
      rows: ev.rows,
      timeline: job.timeline,
    }));
  }
  const withoutKey = ev.rows.filter((r, i) => r.externalId === null && ev.outcomes[i]?.created).length;
  return {
    summary,
    created,
    updated,
    warnings: [...ev.warnings, ...keyWarnings(entity, withoutKey, ev.unknownIds)],
    newCustomFields: newFields.map((c) => ({ key: c.key, type: c.def.type })),
    defined,
    stored,
  };
}

/**
 * An import that stored rows is audited, with each custom field it defined, and published as
 * `import.committed` (health rescoring rescores the workspace on it).
 */
async function auditCommit(ctx: Ctx, report: ImportReport, defined: CustomFieldDef[]): Promise<void> {
  for (const def of defined) await recordAudit(ctx, customFieldCreated(def, { importId: report.id }));
  await recordAudit(ctx, {
    action: "import.commit",
    targetType: "import",
    targetId: report.id,
    details: {
      entity: report.entity,
      fileName: report.fileName,
      totalRows: report.totalRows,
      createdRows: report.createdRows,
      updatedRows: report.updatedRows,
      newCustomFields: defined.map((d) => d.key),
    },
  });
  await recordEvents(ctx, [
    {
      type: "import.committed",
      data: {
        importId: report.id,
        target: report.entity,
        created: report.createdRows,
        updated: report.updatedRows,
      },
    },
  ]);
}

const recordRun = (db: Db, ctx: Ctx, report: ImportReport) =>
  insertImportRun(db, {
    workspaceId: ctx.workspaceId,
    id: report.id,
    entity: report.entity,
    fileName: report.fileName,
    dryRun: report.dryRun,
    status: report.status,
    totalRows: report.totalRows,
    createdRows: report.createdRows,
    updatedRows: report.updatedRows,
    errorRows: report.errorRows,
    report,
    createdBy: actorUserId(ctx.actor),
    createdAt: new Date(report.createdAt),
  });
