import { stringify } from "csv-stringify/sync";
import { AppError } from "../../common/errors.ts";
import { type AccountFilter, ZAccountFilter } from "../../contract/accounts.ts";
import { type ContactFilter, ZContactFilter } from "../../contract/contacts.ts";
import { type ExportEntity, ZExportEntity } from "../../contract/imports.ts";
import { accountListWhere, accountSortKey } from "../accounts/index.ts";
import { contactListWhere, contactSortKey } from "../contacts/index.ts";
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
type Page = { records: Cell[][]; next: string | null };

/** Which rows an export writes: the list's filters, search and sort (all rows by default). */
export type ExportFilter = { accounts: AccountFilter; contacts: ContactFilter; subscriptions: never };
type Slice =
  | { entity: "accounts"; filter?: AccountFilter }
  | { entity: "contacts"; filter?: ContactFilter }
  | { entity: "subscriptions" };

function parseExportEntity(entity: unknown): ExportEntity {
  const r = ZExportEntity.safeParse(entity);
  if (!r.success)
    throw new AppError(
      "VALIDATION_FAILED",
      `Cannot export "${String(entity)}": use accounts, contacts or subscriptions`,
    );
  return r.data;
}

/** A function answering one page after a cursor (null for the first page). */
function pager(ctx: Ctx, what: Slice, keys: string[]): (after: string | null) => Promise<Page> {
  const ws = ctx.workspaceId;
  if (what.entity === "accounts") {
    const f = what.filter ?? ZAccountFilter.parse({});
    const slice = { where: accountListWhere(ws, f), key: accountSortKey(f.sort) };
    return async (after) => {
      const p = await exportAccounts(ctx.db, slice, after ?? undefined, PAGE);
      return { records: p.data.map((r) => accountRecord(r, keys)), next: p.nextCursor };
    };
  }
  if (what.entity === "contacts") {
    const f = what.filter ?? ZContactFilter.parse({});
    const slice = { where: contactListWhere(ws, f), key: contactSortKey(f.sort) };
    return async (after) => {
      const p = await exportContacts(ctx.db, slice, after ?? undefined, PAGE);
      const records = p.data.map((r) => contactRecord(r.row, r.accountExternalId, keys));
      return { records, next: p.nextCursor };
    };
  }
  return async (after) => {
    const rows = await exportSubscriptions(ctx.db, ws, after, PAGE);
    const records = rows.map((r) => subscriptionRecord(r.row, r.accountExternalId, keys));
    return { records, next: rows.length < PAGE ? null : (rows.at(-1)?.row.id ?? null) };
  };
}

/**
 * Accounts, contacts or subscriptions as CSV chunks (a header chunk, then one chunk per 1,000
 * rows), so large workspaces stream instead of building one string. Accounts and contacts are
 * the rows their list shows for `filter`, in its order, every page of them (all rows without one).
 * Columns are the import's target names, so the file imports back as it is.
 */
export async function* exportCsv<E extends ExportEntity>(
  ctx: Ctx,
  entity: E,
  filter?: ExportFilter[E],
): AsyncGenerator<string> {
  const target = parseExportEntity(entity);
  const what = { entity: target, filter } as Slice;
  const defs = await selectCustomFieldDefs(ctx.db, ctx.workspaceId, exportFieldEntity(target));
  const keys = exportCustomKeys(
    defs.map((d) => d.key),
    await storedCustomKeys(ctx.db, ctx.workspaceId, target),
  );
  yield stringify([exportHeader(target, keys)], csvOptions);
  const next = pager(ctx, what, keys);
  let after: string | null = null;
  for (;;) {
    const p: Page = await next(after);
    if (p.records.length > 0) yield stringify(p.records, csvOptions);
    if (p.next === null) return;
    after = p.next;
  }
}

/** The whole export as one string, for small workspaces, tests and the CLI. */
export async function exportCsvText<E extends ExportEntity>(
  ctx: Ctx,
  entity: E,
  filter?: ExportFilter[E],
): Promise<string> {
  let out = "";
  for await (const chunk of exportCsv(ctx, entity, filter)) out += chunk;
  return out;
}
