import { stringify } from "csv-stringify/sync";
import { AppError } from "../../common/errors.ts";
import { type ExportEntity, ZExportEntity } from "../../contract/imports.ts";
import type { Ctx } from "../context.ts";
import { selectCustomFieldDefs } from "../custom-fields/index.ts";
import { escapeFormula } from "./coerce.rules.ts";
import {
  accountRecord,
  contactRecord,
  exportCustomKeys,
  exportHeader,
  subscriptionRecord,
} from "./export.rules.ts";
import { exportAccounts, exportContacts, exportSubscriptions, storedCustomKeys } from "./import.queries.ts";
import { exportFieldEntity } from "./targets.rules.ts";

const PAGE = 1000;

// Booleans as words (csv-stringify writes 1/"" by default). Text a spreadsheet would run as a
// formula gets a leading ' that the import removes again (escapeFormula); numbers, −5 included,
// stay numbers. csv-stringify's own escape_formulas is not used: it leaves text that already
// starts with ' as it is, so an import could not tell its quote from an escape.
const csvOptions = {
  cast: { boolean: (v: boolean) => (v ? "true" : "false"), string: escapeFormula },
  record_delimiter: "unix",
} as const;

type Cell = string | number | boolean | null;

function parseExportEntity(entity: unknown): ExportEntity {
  const r = ZExportEntity.safeParse(entity);
  if (!r.success)
    throw new AppError(
      "VALIDATION_FAILED",
      `Cannot export "${String(entity)}": use accounts, contacts or subscriptions`,
    );
  return r.data;
}

async function page(ctx: Ctx, entity: ExportEntity, after: string | null, keys: string[]) {
  const ws = ctx.workspaceId;
  if (entity === "accounts") {
    const rows = await exportAccounts(ctx.db, ws, after, PAGE);
    return {
      records: rows.map((r) => accountRecord(r, keys)),
      lastId: rows.at(-1)?.id ?? null,
      size: rows.length,
    };
  }
  if (entity === "contacts") {
    const rows = await exportContacts(ctx.db, ws, after, PAGE);
    const records = rows.map((r) => contactRecord(r.row, r.accountExternalId, keys));
    return { records, lastId: rows.at(-1)?.row.id ?? null, size: rows.length };
  }
  const rows = await exportSubscriptions(ctx.db, ws, after, PAGE);
  const records = rows.map((r) => subscriptionRecord(r.row, r.accountExternalId, keys));
  return { records, lastId: rows.at(-1)?.row.id ?? null, size: rows.length };
}

/**
 * Every account, contact or subscription of the workspace as CSV chunks (a header chunk, then
 * one chunk per 1,000 rows), so large workspaces stream instead of building one string.
 * Columns are the import's target names, so the file imports back as it is.
 */
export async function* exportCsv(ctx: Ctx, entity: ExportEntity): AsyncGenerator<string> {
  const target = parseExportEntity(entity);
  const defs = await selectCustomFieldDefs(ctx.db, ctx.workspaceId, exportFieldEntity(target));
  const keys = exportCustomKeys(
    defs.map((d) => d.key),
    await storedCustomKeys(ctx.db, ctx.workspaceId, target),
  );
  yield stringify([exportHeader(target, keys)], csvOptions);
  let after: string | null = null;
  for (;;) {
    const p: { records: Cell[][]; lastId: string | null; size: number } = await page(
      ctx,
      target,
      after,
      keys,
    );
    if (p.size > 0) yield stringify(p.records, csvOptions);
    if (p.size < PAGE || p.lastId === null) return;
    after = p.lastId;
  }
}

/** The whole export as one string, for small workspaces, tests and the CLI. */
export async function exportCsvText(ctx: Ctx, entity: ExportEntity): Promise<string> {
  let out = "";
  for await (const chunk of exportCsv(ctx, entity)) out += chunk;
  return out;
}
