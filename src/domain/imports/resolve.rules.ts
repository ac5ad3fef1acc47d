import type { ImportEntity } from "../../contract/imports.ts";
import type { AccountUpsertRow } from "../accounts/index.ts";
import type { ContactUpsertRow } from "../contacts/index.ts";
import type { SubscriptionUpsertRow } from "../subscriptions/index.ts";
import type { AccountRow, AnyRow, ContactRow, Sink, SubscriptionRow } from "./rows.rules.ts";

/** What validation needs to know from the database, looked up in bulk once per file. */
export type Lookups = {
  /** Accounts by external id: referenced parents or accounts, and (accounts import) the file's own. */
  accountsByExternalId: Map<string, string>;
  /** Account ids referenced through accountId that exist in the workspace. */
  accountIds: Set<string>;
  /** Workspace members by lower-cased email. */
  ownersByEmail: Map<string, string>;
  /** Rows of the imported entity that already exist, by external id. */
  existingByExternalId: Map<string, string>;
  /** Rows of the imported entity that already exist, among the ids given in an `id` column. */
  existingIds: Set<string>;
};

export type Refs = {
  externalIds: string[];
  givenIds: string[];
  accountExternalIds: string[];
  accountIds: string[];
  ownerEmails: string[];
};

/** A file's row as the entity's bulk upsert takes it, with the file's row number. */
export type WriteRow = { row: number } & (AccountUpsertRow | ContactUpsertRow | SubscriptionUpsertRow);

const uniq = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => x !== null))];

/** The external ids, ids, emails and account references the rows mention. */
export function collectRefs(entity: ImportEntity, rows: AnyRow[]): Refs {
  const refs: Refs = {
    externalIds: uniq(rows.map((r) => r.externalId)),
    givenIds: uniq(rows.map((r) => (r.externalId ? null : r.givenId))),
    accountExternalIds: [],
    accountIds: [],
    ownerEmails: [],
  };
  if (entity === "accounts") {
    const accounts = rows as AccountRow[];
    refs.accountExternalIds = uniq(accounts.map((r) => r.parentExternalId));
    refs.ownerEmails = uniq(accounts.map((r) => r.ownerEmail?.toLowerCase() ?? null));
  } else {
    const children = rows as (ContactRow | SubscriptionRow)[];
    refs.accountExternalIds = uniq(children.map((r) => r.accountExternalId));
    refs.accountIds = uniq(children.map((r) => (r.accountExternalId ? null : r.accountId)));
  }
  return refs;
}

/** Later rows repeating an external id (or a Steward id) of an earlier row are errors. */
export function flagDuplicates(
  rows: AnyRow[],
  sink: Sink,
  columnOf: (field: string) => string | null,
): Set<number> {
  const bad = new Set<number>();
  const seen = new Map<string, number>();
  for (const r of rows) {
    const key = r.externalId !== null ? `e:${r.externalId}` : r.givenId !== null ? `i:${r.givenId}` : null;
    if (key === null) continue;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, r.row);
      continue;
    }
    bad.add(r.row);
    const field = r.externalId !== null ? "externalId" : "id";
    const value = r.externalId ?? r.givenId;
    sink({
      row: r.row,
      column: columnOf(field),
      field,
      value,
      code: field === "externalId" ? "duplicate_external_id" : "duplicate_id",
      message: `${field} "${value}" appears again (first on row ${first}); each row must have its own`,
    });
  }
  return bad;
}

export type ResolveResult = { rows: WriteRow[]; unknownIds: number };
export type ResolveOptions = {
  newId: () => string;
  /** Whether the file fills a target (a column or a default): then it decides each row's value. */
  has: (field: string) => boolean;
  /** The file's column for a target, for error reports. */
  columnOf: (field: string) => string | null;
};

/**
 * Gives each row its id (the stored one it updates, else a new one, so rows may name each other as
 * parents) and turns the file's references (external ids, owner emails) into the entity input's
 * ids; rows whose references are unknown become errors. Loops of parents are the accounts' check.
 */
export function resolveRows(
  entity: ImportEntity,
  rows: AnyRow[],
  lookups: Lookups,
  sink: Sink,
  { newId, has, columnOf }: ResolveOptions,
): ResolveResult {
  let unknownIds = 0;
  const identify = (r: AnyRow) => {
    if (r.externalId !== null) {
      const id = lookups.existingByExternalId.get(r.externalId);
      return id ? { id, isNew: false } : { id: newId(), isNew: true };
    }
    if (r.givenId !== null && lookups.existingIds.has(r.givenId)) return { id: r.givenId, isNew: false };
    if (r.givenId !== null) unknownIds++;
    return { id: newId(), isNew: true };
  };
  const err = (row: number, field: string, value: string, code: string, message: string) =>
    sink({ row, column: columnOf(field), field, value, code, message });

  if (entity === "accounts") {
    const withIds = (rows as AccountRow[]).map((r) => ({ r, ...identify(r) }));
    const fileIds = new Map(
      withIds.filter(({ r }) => r.externalId !== null).map(({ r, id }) => [r.externalId as string, id]),
    );
    const out: WriteRow[] = [];
    for (const { r, id, isNew } of withIds) {
      let ok = true;
      const input = { ...r.input };
      // A new account without a name is named after its external id.
      if (isNew && input.name === undefined && r.externalId !== null) input.name = r.externalId;
      if (has("parentExternalId")) {
        input.parentId = null;
        if (r.parentExternalId !== null) {
          const parentId =
            fileIds.get(r.parentExternalId) ?? lookups.accountsByExternalId.get(r.parentExternalId);
          if (parentId) input.parentId = parentId;
          else {
            ok = false;
            const msg = `no account with external id "${r.parentExternalId}" in this file or workspace`;
            err(r.row, "parentExternalId", r.parentExternalId, "unknown_parent", msg);
          }
        }
      }
      if (has("ownerEmail")) {
        input.ownerId = null;
        if (r.ownerEmail !== null) {
          const ownerId = lookups.ownersByEmail.get(r.ownerEmail.toLowerCase());
          if (ownerId) input.ownerId = ownerId;
          else {
            ok = false;
            const msg = `no member of this workspace has the email ${r.ownerEmail}`;
            err(r.row, "ownerEmail", r.ownerEmail, "unknown_owner", msg);
          }
        }
      }
      if (ok) out.push({ row: r.row, id, externalId: r.externalId, input });
    }
    return { rows: out, unknownIds };
  }

  const out: WriteRow[] = [];
  for (const r of rows as (ContactRow | SubscriptionRow)[]) {
    const accountId = r.accountExternalId
      ? lookups.accountsByExternalId.get(r.accountExternalId)
      : r.accountId && lookups.accountIds.has(r.accountId)
        ? r.accountId
        : undefined;
    if (!accountId) {
      const [field, value] = r.accountExternalId
        ? ["accountExternalId", r.accountExternalId]
        : ["accountId", r.accountId ?? ""];
      const how = field === "accountExternalId" ? "external id" : "id";
      err(
        r.row,
        field,
        value,
        "unknown_account",
        `no account with ${how} "${value}" in this workspace; import accounts first`,
      );
      continue;
    }
    const { id } = identify(r);
    out.push({ row: r.row, id, externalId: r.externalId, input: { ...r.input, accountId } } as WriteRow);
  }
  return { rows: out, unknownIds };
}
