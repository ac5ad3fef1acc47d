import type { ImportDuplicates, ImportEntity, ImportReport, ImportRowError } from "../../contract/imports.ts";

/** Errors listed in a report; the rest are counted. */
export const MAX_LISTED_ERRORS = 1000;

export type ErrorSummary = {
  errors: ImportRowError[];
  errorRows: number;
  errorsTruncated: boolean;
  totalErrors: number;
};

/** Sorts problems by row, lists the first 1,000 and counts the rows that have any. */
export function summarizeErrors(all: ImportRowError[]): ErrorSummary {
  const sorted = all.map((e, i) => ({ e, i })).sort((a, b) => a.e.row - b.e.row || a.i - b.i);
  return {
    errors: sorted.slice(0, MAX_LISTED_ERRORS).map((x) => x.e),
    errorRows: new Set(all.map((e) => e.row)).size,
    errorsTruncated: all.length > MAX_LISTED_ERRORS,
    totalErrors: all.length,
  };
}

const n = (x: number) => x.toLocaleString("en-US");

export type ReportInput = {
  id: string;
  entity: ImportEntity;
  fileName: string | null;
  dryRun: boolean;
  totalRows: number;
  created: number;
  updated: number;
  summary: ErrorSummary;
  warnings: string[];
  newCustomFields: { key: string; type: string }[];
  /** Usage imports: rows skipped for an event id seen before. */
  duplicates?: ImportDuplicates;
  createdAt: Date;
};

/**
 * A dry run is `validated` (its counts say what a commit would do; errors say what blocks it);
 * a commit is `committed`, or `rejected` with nothing stored when any row has a problem.
 */
export function buildReport(r: ReportInput): ImportReport {
  const failed = r.summary.errorRows > 0;
  const status: ImportReport["status"] = r.dryRun ? "validated" : failed ? "rejected" : "committed";
  const warnings = [...r.warnings];
  if (r.summary.errorsTruncated) {
    warnings.push(
      `${n(r.summary.totalErrors)} problems in ${n(r.summary.errorRows)} rows; the first ${n(MAX_LISTED_ERRORS)} are listed.`,
    );
  }
  if (status === "rejected") {
    warnings.push(
      `Nothing was imported: fix the ${n(r.summary.errorRows)} rows with problems and import again.`,
    );
  }
  const nothingStored = status === "rejected";
  return {
    id: r.id,
    entity: r.entity,
    fileName: r.fileName,
    dryRun: r.dryRun,
    status,
    totalRows: r.totalRows,
    createdRows: nothingStored ? 0 : r.created,
    updatedRows: nothingStored ? 0 : r.updated,
    errorRows: r.summary.errorRows,
    errors: r.summary.errors,
    errorsTruncated: r.summary.errorsTruncated,
    warnings,
    newCustomFields: nothingStored ? [] : r.newCustomFields,
    ...(r.duplicates
      ? { skippedRows: r.duplicates.inFile + r.duplicates.alreadyStored, duplicates: r.duplicates }
      : {}),
    createdAt: r.createdAt.toISOString(),
  };
}

/**
 * One error per column that would define a new custom field when the caller may not define them
 * (row 0: it concerns the header, not a data row). The run then stores nothing.
 */
export function undefinedCustomFieldErrors(
  fields: { key: string; header: string | null }[],
): ImportRowError[] {
  return fields.map((f) => ({
    row: 0,
    column: f.header,
    field: `custom:${f.key}`,
    value: null,
    code: "custom_field_not_defined",
    message: `custom field "${f.key}" is not defined; an admin can define it in Settings → Custom fields or run the import`,
  }));
}

/** Warnings about rows that a second import of the same file would not find again. */
export function keyWarnings(entity: ImportEntity, rowsWithoutKey: number, unknownIds: number): string[] {
  const out: string[] = [];
  if (unknownIds > 0) {
    out.push(
      `${n(unknownIds)} rows have an id that is not in this workspace; they are created as new ${entity}.`,
    );
  }
  if (rowsWithoutKey > 0) {
    out.push(
      `${n(rowsWithoutKey)} ${rowsWithoutKey === 1 ? "row has" : "rows have"} no externalId: importing the same file again would create them again. ` +
        "Map an id column to externalId to make imports repeatable.",
    );
  }
  return out;
}
