import type { ImportDuplicates, ImportMapping, ImportRowError } from "../../contract/imports.ts";
import type { Db } from "../../db/index.ts";
import type { ParsedCsv } from "./csv.rules.ts";
import { compilePlan, type Plan } from "./mapping.rules.ts";
import {
  attachContacts,
  earliest,
  MAX_LISTED_REPEATS,
  readUsageRows,
  resolveUsageAccounts,
  splitRepeats,
  type UsageWrite,
} from "./usage.rules.ts";
import { contactsByEmail, loadUsageLookups, storedEventIds } from "./usage-import.queries.ts";

export type UsageEvaluation = {
  plan: Plan;
  /** Rows to store: valid, first of their event id in the file, and not stored before. */
  rows: UsageWrite[];
  errors: ImportRowError[];
  warnings: string[];
  duplicates: ImportDuplicates;
};

const uniq = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => x !== null))];
const n = (x: number) => x.toLocaleString("en-US");

/**
 * Validates a usage file without writing: each row's values, its subscription or account, repeated
 * event ids within the file (the first row counts) and event ids stored before (skipped).
 */
export async function evaluateUsage(
  db: Db,
  workspaceId: string,
  file: ParsedCsv,
  mapping: ImportMapping,
  now: Date,
): Promise<UsageEvaluation> {
  const plan = compilePlan("usage", file.headers, file.rows, mapping, []);
  const errors: ImportRowError[] = [];
  const sink = (e: ImportRowError) => {
    errors.push(e);
  };
  const columnOf = (field: string) => plan.fields.get(field)?.header ?? null;
  const read = readUsageRows(plan, file.rows, file.headers.length, now, sink);
  const { first, inFile, repeated } = splitRepeats(read);

  const stored = await storedEventIds(db, workspaceId, first);
  const fresh = first.filter((r) => !stored.has(r.eventId));
  const lookups = await loadUsageLookups(db, workspaceId, {
    subscriptionExternalIds: uniq(fresh.map((r) => r.subscriptionExternalId)),
    accountExternalIds: uniq(fresh.map((r) => (r.subscriptionExternalId ? null : r.accountExternalId))),
    accountIds: uniq(
      fresh.map((r) => (r.subscriptionExternalId || r.accountExternalId ? null : r.accountId)),
    ),
  });
  const resolved = resolveUsageAccounts(fresh, lookups, sink, columnOf);
  const withEmail = resolved.flatMap((r) =>
    r.contactEmail === null ? [] : [{ accountId: r.account, email: r.contactEmail }],
  );
  const { rows, unmatched } = attachContacts(resolved, await contactsByEmail(db, workspaceId, withEmail));

  const warnings = [...plan.warnings];
  if (!plan.fields.has("eventId")) {
    warnings.push(
      "No column is mapped to eventId: each row's id is made from its account or subscription, time, event " +
        "and user, so rows alike in all of these count as one.",
    );
  }
  if (inFile > 0) {
    warnings.push(
      `${n(inFile)} ${inFile === 1 ? "row repeats" : "rows repeat"} the event id of an earlier row and ${inFile === 1 ? "is" : "are"} skipped (the first row of each id is imported); see the duplicates.`,
    );
  }
  if (stored.size > 0) {
    warnings.push(
      `${n(stored.size)} ${stored.size === 1 ? "row has an event id" : "rows have event ids"} already stored (an earlier import or ingestion); skipped.`,
    );
  }
  if (unmatched > 0) {
    warnings.push(
      `${n(unmatched)} rows have an email that is no contact of their account: they count for the account and the email as a user, not for a contact.`,
    );
  }
  return {
    plan,
    rows,
    errors,
    warnings,
    duplicates: {
      inFile,
      alreadyStored: stored.size,
      repeated: repeated.slice(0, MAX_LISTED_REPEATS),
      repeatedTruncated: repeated.length > MAX_LISTED_REPEATS,
    },
  };
}

/** The earliest valid time in the file under this mapping, or null; reads cells only, no lookups. */
export function usageEarliest(file: ParsedCsv, mapping: ImportMapping, now: Date): Date | null {
  const plan = compilePlan("usage", file.headers, file.rows, mapping, []);
  return earliest(readUsageRows(plan, file.rows, file.headers.length, now, () => {}));
}
