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
import { type Db, withTx } from "../../db/index.ts";
import { recordAudit } from "../audit/index.ts";
import { actorUserId, type Ctx } from "../context.ts";
import { customFieldCreated, mayDefineCustomFields } from "../custom-fields/index.ts";
import { todayUtc } from "../subscriptions/index.ts";
import { commitRows } from "./commit-import.ts";
import { parseCsv } from "./csv.rules.ts";
import { insertImportRun, upsertMapping } from "./import.queries.ts";
import { buildReport, keyWarnings, summarizeErrors, undefinedCustomFieldErrors } from "./report.rules.ts";
import { chooseMapping, evaluateImport } from "./validate-import.ts";

export type ImportRequestInput = z.input<typeof ZImportRequest>;
type ImportRequest = z.output<typeof ZImportRequest>;

export function parseEntity(entity: unknown): ImportEntity {
  const r = ZImportEntity.safeParse(entity);
  if (!r.success)
    throw new AppError(
      "VALIDATION_FAILED",
      `Cannot import or export "${String(entity)}": use accounts, contacts or subscriptions`,
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
};

/**
 * Validates a CSV file and, unless it is a dry run (the default), imports it: all rows in one
 * transaction or none when any row has a problem. Every run is recorded with its report.
 */
export async function runImport(
  ctx: Ctx,
  entity: ImportEntity,
  request: ImportRequestInput,
): Promise<ImportReport> {
  const target = parseEntity(entity);
  const req = parseRequest(request);
  const file = parseCsv(req.csv);
  const today = todayUtc();
  const id = newId();
  const createdAt = new Date();
  const fileName = req.fileName?.trim() || null;

  const attempt = async (db: Db, commit: boolean) => {
    const choice = await chooseMapping(db, ctx.workspaceId, target, req, file.headers);
    const ev = await evaluateImport(db, ctx.workspaceId, target, file, choice.mapping, today);
    if (req.saveMappingAs)
      await upsertMapping(db, ctx.workspaceId, target, req.saveMappingAs, choice.mapping);
    const newFields = ev.plan.custom.filter((c) => c.isNew);
    // Defining fields is an admin's task: others get an error per such column, in the dry run too.
    const refused = mayDefineCustomFields(ctx.actor) ? [] : undefinedCustomFieldErrors(newFields);
    const summary = summarizeErrors([...refused, ...ev.errors]);
    let created = ev.rows.filter((r) => r.isNew).length;
    let updated = ev.rows.length - created;
    let defined: CustomFieldDef[] = [];
    const stores = commit && summary.errorRows === 0;
    if (stores) {
      const title = `Imported from ${fileName ?? "a CSV file"}`;
      const body = `${ENTITY_NOUN[target]} data imported (import ${id})`;
      ({ created, updated, defined } = await commitRows(db, {
        workspaceId: ctx.workspaceId,
        entity: target,
        plan: ev.plan,
        rows: ev.rows,
        today,
        timeline: { title, body, authorId: actorUserId(ctx.actor) },
      }));
    }
    const withoutKey = ev.rows.filter((r) => r.externalId === null && r.isNew).length;
    const report = buildReport({
      id,
      entity: target,
      fileName,
      dryRun: !commit,
      totalRows: file.rows.length,
      created,
      updated,
      summary,
      warnings: [...choice.warnings, ...ev.warnings, ...keyWarnings(target, withoutKey, ev.unknownIds)],
      newCustomFields: newFields.map((c) => ({ key: c.key, type: c.def.type })),
      createdAt,
    });
    if (stores) {
      await recordRun(db, ctx, report);
      await auditCommit({ ...ctx, db }, report, defined);
    }
    return { report, stored: stores };
  };

  const outcome = req.dryRun ? await attempt(ctx.db, false) : await withTx(ctx.db, (tx) => attempt(tx, true));
  if (!outcome.stored) await recordRun(ctx.db, ctx, outcome.report);
  return outcome.report;
}

/** An import that stored rows is audited, with each custom field it defined. */
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
