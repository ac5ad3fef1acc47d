import { createHash } from "node:crypto";
import { DAY_MS } from "../../common/dates.ts";
import type { ImportDuplicates } from "../../contract/imports.ts";
import type { CustomValue, Plan } from "./mapping.rules.ts";
import { type Cells, hasExtraCells, readCells, required, type Sink } from "./rows.rules.ts";

/** One row of a usage file: one event, or one day's count of a feature's uses. */
export type UsageRow = {
  row: number;
  /** The file's event id, or one derived from the row (see `derivedEventId`): the event's messageId. */
  eventId: string;
  subscriptionExternalId: string | null;
  accountExternalId: string | null;
  accountId: string | null;
  /** The instant, as ISO text. */
  ts: string;
  event: string;
  quantity: number;
  userId: string | null;
  contactEmail: string | null;
  /** The `custom:<key>` columns; empty cells are left out. */
  properties: Record<string, CustomValue>;
};

/** A row whose account is known: ready to store. */
export type UsageWrite = UsageRow & {
  account: string;
  /** The account's external id (Segment's group id), when it has one. */
  groupId: string | null;
  contactId: string | null;
};

/** Usage before this is refused: it is almost always a broken date, and each month costs a partition. */
export const EARLIEST_USAGE = "2000-01-01T00:00:00.000Z";

/** Without an event id column, the same row always gets the same id, so imports stay repeatable. */
export function derivedEventId(r: Omit<UsageRow, "row" | "eventId" | "quantity" | "properties">): string {
  const key = JSON.stringify([
    r.subscriptionExternalId,
    r.accountExternalId,
    r.accountId,
    r.ts,
    r.event,
    r.userId ?? r.contactEmail?.toLowerCase() ?? null,
  ]);
  return `csv:${createHash("sha256").update(key).digest("hex").slice(0, 32)}`;
}

function buildUsage(c: Cells, now: Date): UsageRow {
  const ref = {
    subscriptionExternalId: c.get<string>("subscriptionExternalId"),
    accountExternalId: c.get<string>("accountExternalId"),
    accountId: c.get<string>("accountId"),
  };
  const refFields = ["subscriptionExternalId", "accountExternalId", "accountId"];
  if (!ref.subscriptionExternalId && !ref.accountExternalId && !ref.accountId) {
    if (!refFields.some((f) => c.failed.has(f)))
      required(c, "subscriptionExternalId", "subscriptionExternalId or accountExternalId is required");
  }
  const ts = c.get<string>("timestamp");
  if (!ts) required(c, "timestamp");
  else if (ts < EARLIEST_USAGE) {
    c.error("timestamp", "out_of_range", `timestamp ${ts.slice(0, 10)} is before 2000; check the date`);
  } else if (Date.parse(ts) > now.getTime() + DAY_MS) {
    c.error("timestamp", "out_of_range", `timestamp ${ts} is in the future`);
  }
  const event = c.get<string>("event");
  if (!event) required(c, "event");
  const userId = c.get<string>("userId");
  const contactEmail = c.get<string>("contactEmail");
  const base = { ...ref, ts: ts ?? "", event: event ?? "", userId, contactEmail };
  const properties: Record<string, CustomValue> = {};
  for (const [k, v] of Object.entries(c.custom)) if (v !== null) properties[k] = v;
  return {
    row: c.row,
    eventId: c.get<string>("eventId") ?? derivedEventId(base),
    ...base,
    quantity: c.get<number>("quantity") ?? 1,
    properties,
  };
}

/** Reads every data row; rows with problems report them and are left out. */
export function readUsageRows(
  plan: Plan,
  rows: string[][],
  width: number,
  now: Date,
  sink: Sink,
): UsageRow[] {
  const out: UsageRow[] = [];
  rows.forEach((cells, i) => {
    const row = i + 1;
    if (hasExtraCells(cells, width, row, sink)) return;
    const c = readCells(plan, cells, row, sink);
    const built = buildUsage(c, now);
    if (!c.bad) out.push(built);
  });
  return out;
}

/** Event ids listed in a report; the rest are counted. */
export const MAX_LISTED_REPEATS = 1000;

/**
 * Keeps the first row of each event id. Later rows with the same id are skipped (not errors): the
 * report lists each repeated id with all its rows, the first one being the row imported.
 */
export function splitRepeats(rows: UsageRow[]): {
  first: UsageRow[];
  inFile: number;
  repeated: ImportDuplicates["repeated"];
} {
  const byId = new Map<string, number[]>();
  const first: UsageRow[] = [];
  for (const r of rows) {
    const seen = byId.get(r.eventId);
    if (seen) seen.push(r.row);
    else {
      byId.set(r.eventId, [r.row]);
      first.push(r);
    }
  }
  const repeated = [...byId]
    .filter(([, at]) => at.length > 1)
    .map(([eventId, at]) => ({ eventId, rows: at }))
    .sort((a, b) => (a.rows[0] ?? 0) - (b.rows[0] ?? 0));
  return { first, inFile: rows.length - first.length, repeated };
}

/** What resolving a usage file needs from the database, looked up in bulk. */
export type UsageLookups = {
  /** Subscriptions by external id: their account and the account's external id. */
  subscriptions: Map<string, { accountId: string; accountExternalId: string | null }>;
  accountsByExternalId: Map<string, string>;
  /** Accounts named by Steward id that exist, with their external id. */
  accountsById: Map<string, string | null>;
};

/**
 * The account of every row: a subscription gives its account (and must agree with an account column
 * if both are filled), else the account external id, else the Steward id. Unknown ones are errors.
 */
export function resolveUsageAccounts(
  rows: UsageRow[],
  lookups: UsageLookups,
  sink: Sink,
  columnOf: (field: string) => string | null,
): Omit<UsageWrite, "contactId">[] {
  const out: Omit<UsageWrite, "contactId">[] = [];
  const err = (row: number, field: string, value: string, code: string, message: string) =>
    sink({ row, column: columnOf(field), field, value, code, message });
  for (const r of rows) {
    let account: string | undefined;
    let groupId: string | null = null;
    if (r.subscriptionExternalId !== null) {
      const sub = lookups.subscriptions.get(r.subscriptionExternalId);
      if (!sub) {
        const msg = `no subscription with external id "${r.subscriptionExternalId}" in this workspace; import subscriptions first`;
        err(r.row, "subscriptionExternalId", r.subscriptionExternalId, "unknown_subscription", msg);
        continue;
      }
      if (r.accountExternalId !== null && r.accountExternalId !== sub.accountExternalId) {
        const msg = `subscription "${r.subscriptionExternalId}" belongs to account "${sub.accountExternalId ?? sub.accountId}", not "${r.accountExternalId}"`;
        err(r.row, "accountExternalId", r.accountExternalId, "account_mismatch", msg);
        continue;
      }
      account = sub.accountId;
      groupId = sub.accountExternalId;
    } else if (r.accountExternalId !== null) {
      account = lookups.accountsByExternalId.get(r.accountExternalId);
      groupId = r.accountExternalId;
      if (!account) {
        const msg = `no account with external id "${r.accountExternalId}" in this workspace; import accounts first`;
        err(r.row, "accountExternalId", r.accountExternalId, "unknown_account", msg);
        continue;
      }
    } else if (r.accountId !== null) {
      if (!lookups.accountsById.has(r.accountId)) {
        const msg = `no account with id "${r.accountId}" in this workspace`;
        err(r.row, "accountId", r.accountId, "unknown_account", msg);
        continue;
      }
      account = r.accountId;
      groupId = lookups.accountsById.get(r.accountId) ?? null;
    }
    if (account) out.push({ ...r, account, groupId });
  }
  return out;
}

/** The key contacts are looked up by: the account and the lower-cased email. */
export const contactKey = (accountId: string, email: string): string => `${accountId} ${email.toLowerCase()}`;

/**
 * Links rows to the contact with their email in their account. The user is the user id, else the
 * email, so distinct users are counted either way. Answers how many emails matched no contact.
 */
export function attachContacts(
  rows: Omit<UsageWrite, "contactId">[],
  contacts: Map<string, string>,
): { rows: UsageWrite[]; unmatched: number } {
  let unmatched = 0;
  const out = rows.map((r) => {
    if (r.contactEmail === null) return { ...r, contactId: null };
    const contactId = contacts.get(contactKey(r.account, r.contactEmail)) ?? null;
    if (contactId === null) unmatched++;
    return { ...r, contactId, userId: r.userId ?? r.contactEmail.toLowerCase() };
  });
  return { rows: out, unmatched };
}

/** The earliest instant among the rows, to create the months' partitions before storing. */
export function earliest(rows: { ts: string }[]): Date | null {
  let min: string | null = null;
  for (const r of rows) if (min === null || r.ts < min) min = r.ts;
  return min === null ? null : new Date(min);
}
