import { z } from "zod";
import { ZAccountFilter } from "./accounts.ts";
import { ZId, ZList, ZPage, ZPageQuery, ZSort, ZTimestamp } from "./common.ts";
import { ZContactFilter } from "./contacts.ts";
import { defineRoute } from "./route.ts";

/**
 * `usage`: daily (or single) uses of a feature per subscription or account, stored as usage events.
 * `tickets`: support tickets with their satisfaction; `survey-responses`: answers collected elsewhere;
 * `touchpoints`: activities exported from a CRM (calls, meetings, emails…) with their key players.
 * `renewal-outcomes`: renewals and churns decided elsewhere, with their reason codes (docs/renewals.md).
 */
export const IMPORT_ENTITIES = [
  "accounts",
  "contacts",
  "subscriptions",
  "usage",
  "tickets",
  "survey-responses",
  "touchpoints",
  "renewal-outcomes",
] as const;
export const ZImportEntity = z.enum(IMPORT_ENTITIES);
export type ImportEntity = z.infer<typeof ZImportEntity>;

/** What can be exported as CSV (usage is read through the usage API instead). */
export const EXPORT_ENTITIES = ["accounts", "contacts", "subscriptions"] as const;
export const ZExportEntity = z.enum(EXPORT_ENTITIES);
export type ExportEntity = z.infer<typeof ZExportEntity>;

/**
 * How CSV columns become fields. `columns` maps a header to a target field name, to
 * `custom:<key>` (a custom field, defined on commit when new) or to `ignore`.
 * For usage, `custom:<key>` columns are kept in each event's properties under `<key>` (typed from their
 * values; no custom field is defined).
 * `defaults` gives constant values for fields no column fills; `values` translates cell values
 * per target field (e.g. `{"status": {"Yes": "canceled", "No": "active"}}`).
 */
export const ZImportMapping = z.strictObject({
  columns: z.record(z.string(), z.string().min(1).max(100)),
  defaults: z.record(z.string(), z.string().max(500)).optional(),
  values: z.record(z.string(), z.record(z.string(), z.string().max(500))).optional(),
});
export type ImportMapping = z.infer<typeof ZImportMapping>;

export const ZImportTarget = z.object({
  field: z.string(),
  label: z.string(),
  type: z.enum(["text", "integer", "number", "money", "boolean", "date", "enum", "email"]),
  required: z.boolean(),
  options: z.array(z.string()).optional(),
  description: z.string().optional(),
});

export const ZImportRowError = z.object({
  /** 1-based data row number (the header is row 0). */
  row: z.number().int(),
  column: z.string().nullable(),
  field: z.string().nullable(),
  value: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ZImportRowError>;

/** Usage imports: rows skipped because their event id was seen before. They are not errors. */
export const ZImportDuplicates = z.object({
  /** Later rows repeating the event id of an earlier row in the file (the first row is imported). */
  inFile: z.number().int(),
  /** Rows whose event id is already stored (an earlier import, or ingestion). */
  alreadyStored: z.number().int(),
  /** Each event id the file repeats, with every row it is on; the first row's event is the one imported. */
  repeated: z.array(z.object({ eventId: z.string(), rows: z.array(z.number().int()) })),
  /** Repeated ids beyond the first 1,000 are counted, not listed. */
  repeatedTruncated: z.boolean(),
});
export type ImportDuplicates = z.infer<typeof ZImportDuplicates>;

export const ZImportReport = z.object({
  id: ZId,
  entity: ZImportEntity,
  fileName: z.string().nullable(),
  dryRun: z.boolean(),
  status: z.enum(["validated", "committed", "rejected"]),
  totalRows: z.number().int(),
  createdRows: z.number().int(),
  updatedRows: z.number().int(),
  errorRows: z.number().int(),
  errors: z.array(ZImportRowError),
  /** Errors beyond the first 1,000 are counted, not listed. */
  errorsTruncated: z.boolean(),
  warnings: z.array(z.string()),
  newCustomFields: z.array(z.object({ key: z.string(), type: z.string() })),
  /** Usage imports: rows not stored because their event id was seen before (see `duplicates`). */
  skippedRows: z.number().int().optional(),
  duplicates: ZImportDuplicates.optional(),
  createdAt: ZTimestamp,
});
export type ImportReport = z.infer<typeof ZImportReport>;

export const ZImportRequest = z.strictObject({
  csv: z.string().min(1, "the file is empty"),
  fileName: z.string().max(300).optional(),
  mapping: ZImportMapping.optional(),
  /** Use a mapping saved earlier under this name. */
  mappingName: z.string().max(100).optional(),
  /** Save the mapping used under this name for next time. */
  saveMappingAs: z.string().trim().min(1).max(100).optional(),
  dryRun: z.boolean().default(true),
});

export const ZImportPreview = z.object({
  headers: z.array(z.string()),
  sampleRows: z.array(z.array(z.string())),
  rowCount: z.number().int(),
  targets: z.array(ZImportTarget),
  suggestedMapping: ZImportMapping,
  savedMappings: z.array(z.object({ name: z.string(), mapping: ZImportMapping })),
  /** What the file must fill, by a column or a default: each entry is met by any one of its fields. */
  required: z.array(z.object({ fields: z.array(z.string()) })),
  /**
   * Per header, in the same order: its distinct non-empty values (trimmed) with their row counts,
   * most frequent first, at most 50 (`more` when there are others), to translate them in `values`.
   */
  columnValues: z.array(
    z.object({
      values: z.array(z.object({ value: z.string(), rows: z.number().int() })),
      more: z.boolean(),
    }),
  ),
});

const MAX_CSV_BYTES = 60 * 1024 * 1024;
const ZEntityParams = z.strictObject({ entity: ZImportEntity });
const ZExportParams = z.strictObject({ entity: ZExportEntity });

export const importRoutes = {
  previewImport: defineRoute({
    method: "POST",
    path: "/api/v1/imports/:entity/preview",
    access: "write",
    tag: "import and export",
    summary: "Read a CSV's headers and first rows and suggest a column mapping",
    params: ZEntityParams,
    body: z.strictObject({ csv: z.string().min(1, "the file is empty") }),
    response: ZImportPreview,
    bodyLimit: MAX_CSV_BYTES,
  }),
  runImport: defineRoute({
    method: "POST",
    path: "/api/v1/imports/:entity",
    access: "write",
    tag: "import and export",
    summary:
      "Validate (dryRun, the default) or import a CSV; all rows or none are stored (usage: repeated event ids are skipped)",
    params: ZEntityParams,
    body: ZImportRequest,
    response: ZImportReport,
    bodyLimit: MAX_CSV_BYTES,
  }),
  listImports: defineRoute({
    method: "GET",
    path: "/api/v1/imports",
    access: "read",
    tag: "import and export",
    summary: "Earlier imports and dry runs, newest first",
    query: z.strictObject({
      ...ZPageQuery,
      entity: ZList(ZImportEntity).optional(),
      sort: ZSort(["created"], "-created"),
    }),
    response: ZPage(ZImportReport.omit({ errors: true, duplicates: true })),
  }),
  getImport: defineRoute({
    method: "GET",
    path: "/api/v1/imports/:id",
    access: "read",
    tag: "import and export",
    summary: "One import's report",
    params: z.strictObject({ id: ZId }),
    response: ZImportReport,
  }),
  saveImportMapping: defineRoute({
    method: "PUT",
    path: "/api/v1/import-mappings/:entity/:name",
    access: "write",
    tag: "import and export",
    summary: "Save a column mapping for this workspace",
    params: z.strictObject({ entity: ZImportEntity, name: z.string().min(1).max(100) }),
    body: ZImportMapping,
    response: z.object({ name: z.string(), mapping: ZImportMapping }),
  }),
  exportCsv: defineRoute({
    method: "GET",
    path: "/api/v1/exports/:entity",
    access: "read",
    tag: "import and export",
    summary: "Download every account, contact or subscription as CSV (re-importable)",
    params: ZExportParams,
    response: null,
    produces: "text/csv",
  }),
  // The lists' own filter schemas: an export writes exactly what the list shows, every page of it.
  exportAccounts: defineRoute({
    method: "GET",
    path: "/api/v1/exports/accounts",
    access: "read",
    tag: "import and export",
    summary:
      "Download the accounts the list shows for these filters, search and sort as CSV, with health, revenue and renewal",
    query: ZAccountFilter,
    response: null,
    produces: "text/csv",
  }),
  exportContacts: defineRoute({
    method: "GET",
    path: "/api/v1/exports/contacts",
    access: "read",
    tag: "import and export",
    summary: "Download the contacts the list shows for these filters, search and sort as CSV",
    query: ZContactFilter,
    response: null,
    produces: "text/csv",
  }),
} as const;
