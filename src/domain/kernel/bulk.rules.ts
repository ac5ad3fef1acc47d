import { AppError } from "../../common/errors.ts";

/**
 * Why one row of a bulk write is refused: the row's index in the call, the input field (`parentId`,
 * `customFields.nps`), a machine-readable code and the message the API gives for it.
 */
export type RowIssue = { index: number; path: string; code: string; message: string };

/**
 * Refuses a bulk write with its rows' problems: VALIDATION_FAILED naming the first ones (`parentId
 * is not an account here`), every issue in `details.issues` with its row index.
 */
export function throwRowIssues(issues: RowIssue[]): void {
  if (issues.length === 0) return;
  const message = issues
    .slice(0, 5)
    .map((i) => `${i.path} ${i.message}`)
    .join("; ");
  throw new AppError("VALIDATION_FAILED", message, {
    issues: issues.map(({ index, path, code, message }) => ({ index, path, code, message })),
  });
}

/** The fields an input sets: absent (undefined) ones leave the stored value as it is. */
export const definedFields = <T extends Record<string, unknown>>(input: T): Partial<T> =>
  Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Distinct non-null values, for bulk lookups. */
export const distinct = (xs: (string | null | undefined)[]): string[] => [
  ...new Set(xs.filter((x): x is string => typeof x === "string")),
];

type Keyed = { id: string; externalId: string | null };

/** What a bulk upsert reads stored rows by: the rows' external ids, and the ids of rows without one. */
export const upsertKeys = (rows: Keyed[]) => ({
  externalIds: distinct(rows.map((r) => r.externalId)),
  ids: distinct(rows.map((r) => (r.externalId === null ? r.id : null))),
});

/** Each row's stored version, or null: matched on its external id when it has one, else on its id. */
export function matchStored<S extends Keyed>(rows: Keyed[], stored: S[]): (S | null)[] {
  const byExternalId = new Map(stored.map((s) => [s.externalId, s]));
  const byId = new Map(stored.map((s) => [s.id, s]));
  return rows.map((r) => (r.externalId === null ? byId.get(r.id) : byExternalId.get(r.externalId)) ?? null);
}

type Owned = { id: string; accountId: string };

/**
 * What a bulk upsert does to each row of a record that hangs on an account: its id, whether it is
 * new, its account, and the account it leaves when the write moves it (that account changes too).
 */
export const accountChildOutcomes = (merged: { record: Owned; before: Owned | null }[]) =>
  merged.map(({ record, before }) => ({
    id: record.id,
    created: before === null,
    accountId: record.accountId,
    previousAccountId: before && before.accountId !== record.accountId ? before.accountId : null,
  }));
