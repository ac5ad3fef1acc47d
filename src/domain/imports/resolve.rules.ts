import type { ImportEntity } from "../../contract/imports.ts";
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
  /** Parent pointers of the referenced parents and their ancestors (accounts import). */
  parentOf: Map<string, string | null>;
};

export type Refs = {
  externalIds: string[];
  givenIds: string[];
  accountExternalIds: string[];
  accountIds: string[];
  ownerEmails: string[];
};

type Resolved = { id: string; isNew: boolean };
export type AccountWrite = AccountRow & Resolved & { parentId: string | null; ownerId: string | null };
export type ContactWrite = ContactRow & Resolved & { accountId: string };
export type SubscriptionWrite = SubscriptionRow & Resolved & { accountId: string };
export type WriteRow = AccountWrite | ContactWrite | SubscriptionWrite;

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
  /** Whether the mapping fills parentExternalId (then the file decides each row's parent). */
  parentMapped: boolean;
  /** The file's column for a target, for error reports. */
  columnOf: (field: string) => string | null;
};

/** Assigns ids and resolves references; rows whose references are unknown become errors. */
export function resolveRows(
  entity: ImportEntity,
  rows: AnyRow[],
  lookups: Lookups,
  sink: Sink,
  { newId, parentMapped, columnOf }: ResolveOptions,
): ResolveResult {
  let unknownIds = 0;
  const identify = (r: AnyRow): Resolved => {
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
    const withIds = (rows as AccountRow[]).map((r) => ({ ...r, ...identify(r) }));
    const fileIds = new Map(
      withIds.filter((r) => r.externalId !== null).map((r) => [r.externalId as string, r.id]),
    );
    const out: AccountWrite[] = [];
    for (const r of withIds) {
      let ok = true;
      let parentId: string | null = null;
      if (r.parentExternalId !== null) {
        parentId =
          fileIds.get(r.parentExternalId) ?? lookups.accountsByExternalId.get(r.parentExternalId) ?? null;
        if (parentId === null) {
          ok = false;
          const msg = `no account with external id "${r.parentExternalId}" in this file or workspace`;
          err(r.row, "parentExternalId", r.parentExternalId, "unknown_parent", msg);
        } else if (parentId === r.id) {
          ok = false;
          err(
            r.row,
            "parentExternalId",
            r.parentExternalId,
            "parent_cycle",
            "an account cannot be its own parent",
          );
        }
      }
      let ownerId: string | null = null;
      if (r.ownerEmail !== null) {
        ownerId = lookups.ownersByEmail.get(r.ownerEmail.toLowerCase()) ?? null;
        if (ownerId === null) {
          ok = false;
          err(
            r.row,
            "ownerEmail",
            r.ownerEmail,
            "unknown_owner",
            `no member of this workspace has the email ${r.ownerEmail}`,
          );
        }
      }
      if (ok) out.push({ ...r, parentId, ownerId });
    }
    return {
      rows: parentMapped ? dropCycles(out, lookups, sink, columnOf("parentExternalId")) : out,
      unknownIds,
    };
  }

  const out: (ContactWrite | SubscriptionWrite)[] = [];
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
    out.push({ ...r, ...identify(r), accountId });
  }
  return { rows: out, unknownIds };
}

/** Parent chains may not loop, through the file's rows or the accounts already stored. */
function dropCycles(
  rows: AccountWrite[],
  lookups: Lookups,
  sink: Sink,
  column: string | null,
): AccountWrite[] {
  const parent = new Map(lookups.parentOf);
  for (const r of rows) parent.set(r.id, r.parentId);
  return rows.filter((r) => {
    let at = r.parentId;
    for (let steps = 0; at !== null && at !== undefined && steps < 10_000; steps++) {
      if (at === r.id) {
        const msg = `parent ${r.parentExternalId} would make a loop of parent accounts`;
        sink({
          row: r.row,
          column,
          field: "parentExternalId",
          value: r.parentExternalId,
          code: "parent_cycle",
          message: msg,
        });
        return false;
      }
      at = parent.get(at) ?? null;
    }
    return true;
  });
}
