import type { ImportRowError } from "../../contract/imports.ts";
import type { Ctx } from "../context.ts";
import type { Prepared } from "./activity-settle.ts";
import type { Plan } from "./mapping.rules.ts";
import { loadUsageLookups } from "./usage-import.queries.ts";

/**
 * What tickets, touchpoints and renewal outcomes share: a row names its account by external id or
 * Steward id, and carries the source's own id, which no other row of the file may repeat.
 */
type Named = {
  row: number;
  externalId: string | null;
  accountExternalId: string | null;
  accountId: string | null;
};

/** The accounts the rows name, looked up in bulk: a row's account id, or undefined when none here. */
export async function accountsNamed(ctx: Ctx, rows: Named[]): Promise<(r: Named) => string | undefined> {
  const lookups = await loadUsageLookups(ctx.db, ctx.workspaceId, {
    subscriptionExternalIds: [],
    accountExternalIds: [...new Set(rows.flatMap((r) => (r.accountExternalId ? [r.accountExternalId] : [])))],
    accountIds: [...new Set(rows.flatMap((r) => (!r.accountExternalId && r.accountId ? [r.accountId] : [])))],
  });
  return (r) =>
    r.accountExternalId
      ? lookups.accountsByExternalId.get(r.accountExternalId)
      : r.accountId && lookups.accountsById.has(r.accountId)
        ? r.accountId
        : undefined;
}

const columnOf = (plan: Plan, field: string) => plan.fields.get(field)?.header ?? null;

/** A row naming no account of this workspace, at the column that names it. */
export function unknownAccount(plan: Plan, r: Named): ImportRowError {
  const field = r.accountExternalId ? "accountExternalId" : "accountId";
  const value = r.accountExternalId ?? r.accountId;
  return {
    row: r.row,
    column: columnOf(plan, field),
    field,
    value,
    code: "unknown_account",
    message: `${field} "${value}" is not an account here; import the accounts first`,
  };
}

/** Remembers the rows' external ids: the error for a row repeating an earlier row's, else null. */
export function repeatedIds(plan: Plan): (r: Named) => ImportRowError | null {
  const seen = new Map<string, number>();
  return (r) => {
    if (r.externalId === null) return null;
    const first = seen.get(r.externalId);
    if (first === undefined) {
      seen.set(r.externalId, r.row);
      return null;
    }
    return {
      row: r.row,
      column: columnOf(plan, "externalId"),
      field: "externalId",
      value: r.externalId,
      code: "duplicate_external_id",
      message: `externalId "${r.externalId}" appears again (first on row ${first}); each row must have its own`,
    };
  };
}

/**
 * Rows that name an account into the owning module's inputs (`toWrite`), in bulk: a repeated id or
 * an account not of this workspace is reported at its column and the row left out.
 */
export async function prepareForAccounts<R extends Named, W>(
  ctx: Ctx,
  plan: Plan,
  rows: R[],
  sink: (e: ImportRowError) => void,
  toWrite: (r: R, accountId: string) => W,
): Promise<Prepared<W>[]> {
  const accountOf = await accountsNamed(ctx, rows);
  const repeated = repeatedIds(plan);
  const prepared: Prepared<W>[] = [];
  for (const r of rows) {
    const repeat = repeated(r);
    const accountId = repeat ? undefined : accountOf(r);
    if (repeat) sink(repeat);
    else if (!accountId) sink(unknownAccount(plan, r));
    else prepared.push({ row: r.row, write: toWrite(r, accountId) });
  }
  return prepared;
}
