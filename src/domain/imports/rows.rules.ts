import type { z } from "zod";
import { type AccountUpdate, ZAccountUpdate } from "../../contract/accounts.ts";
import { type ContactUpdate, ZContactUpdate } from "../../contract/contacts.ts";
import type { ImportRowError } from "../../contract/imports.ts";
import { issueMessage } from "../../contract/issues.ts";
import { type SubscriptionUpdate, ZSubscriptionUpdate } from "../../contract/subscriptions.ts";
import { type CustomValue, type Plan, slotText } from "./mapping.rules.ts";
import { coerceCustom, coerceTarget } from "./value.rules.ts";

export type Sink = (e: ImportRowError) => void;
type V = string | number | boolean | null;

type Base = {
  row: number;
  /** The Steward id given in an `id` column (rows without an external id only). */
  givenId: string | null;
  externalId: string | null;
};
type AccountRef = { accountExternalId: string | null; accountId: string | null };
/**
 * A file's row: the entity's own input (the contract's update input, fields the file does not fill
 * left out) and the references the file gives by external id or email, resolved before writing.
 */
export type AccountRow = Base & {
  parentExternalId: string | null;
  ownerEmail: string | null;
  input: Omit<AccountUpdate, "externalId">;
};
export type ContactRow = Base & AccountRef & { input: Omit<ContactUpdate, "externalId" | "accountId"> };
export type SubscriptionRow = Base &
  AccountRef & { input: Omit<SubscriptionUpdate, "externalId" | "accountId"> };
export type AnyRow = AccountRow | ContactRow | SubscriptionRow;

/** One row's values by target, after translation, defaults and coercion. */
export type Cells = {
  row: number;
  get: <T extends V>(field: string) => T | null;
  /** Whether the file fills the field (a column or a default), even if this row's cell is empty. */
  has: (field: string) => boolean;
  custom: Record<string, CustomValue>;
  bad: boolean;
  /** Fields whose cell was unreadable: already reported, so not also "required". */
  failed: Set<string>;
  error: (field: string, code: string, message: string) => void;
};

export function readCells(plan: Plan, cells: string[], row: number, sink: Sink): Cells {
  const values = new Map<string, V>();
  const out: Cells = {
    row,
    get: <T extends V>(f: string) => (values.get(f) ?? null) as T | null,
    has: (f: string) => plan.fields.has(f),
    custom: {},
    bad: false,
    failed: new Set(),
    error: (field, code, message) => {
      const slot = plan.fields.get(field);
      const col = slot?.col ?? null;
      out.bad = true;
      out.failed.add(field);
      sink({
        row,
        column: slot?.header ?? null,
        field,
        value: col === null ? null : (cells[col] ?? null),
        code,
        message,
      });
    },
  };
  for (const [field, slot] of plan.fields) {
    const s = slotText(slot, cells);
    if (s === null) {
      values.set(field, slot.fallback as V);
      continue;
    }
    const r = coerceTarget(slot.target, s);
    if (r.ok) values.set(field, r.value);
    else out.error(field, r.code, `${field} ${r.message}`);
  }
  for (const slot of plan.custom) {
    const s = slotText(slot, cells);
    if (s === null) {
      out.custom[slot.key] = slot.fallback as CustomValue;
      continue;
    }
    const r = coerceCustom(slot.def, s);
    if (r.ok) out.custom[slot.key] = r.value;
    else {
      out.bad = true;
      const field = `custom:${slot.key}`;
      const value = slot.col === null ? null : (cells[slot.col] ?? null);
      sink({ row, column: slot.header, field, value, code: r.code, message: `${field} ${r.message}` });
    }
  }
  return out;
}

export const required = (c: Cells, field: string, message = `${field} is required`) => {
  if (!c.failed.has(field)) c.error(field, "required", message);
};

function accountRef(c: Cells): AccountRef {
  const ref = {
    accountExternalId: c.get<string>("accountExternalId"),
    accountId: c.get<string>("accountId"),
  };
  if (!ref.accountExternalId && !ref.accountId)
    required(c, "accountExternalId", "accountExternalId is required");
  return ref;
}

/**
 * The entity input's fields the file fills (a column or a default): an empty cell clears a
 * nullable field, and leaves a field that cannot be empty (`keep`) as stored, or at its default.
 */
function inputOf(c: Cells, fields: string[], keep: string[] = []): Record<string, V | undefined> {
  const out: Record<string, V | undefined> = {};
  for (const f of fields) {
    // An unreadable cell is already reported: left out, so the contract checks the rest of the row.
    if (!c.has(f) || c.failed.has(f)) continue;
    const v = c.get(f);
    if (v !== null || !keep.includes(f)) out[f] = v;
  }
  return out;
}

const customOf = (c: Cells) => (Object.keys(c.custom).length > 0 ? { customFields: c.custom } : {});

const base = (c: Cells): Base => ({
  row: c.row,
  givenId: c.get<string>("id"),
  externalId: c.get<string>("externalId"),
});

function buildAccount(c: Cells): AccountRow {
  const name = c.get<string>("name");
  if (!name && !c.get<string>("externalId"))
    required(c, "name", "name is required (or give an externalId, which then names the account)");
  const fields = ["domain", "industry", "region", "country", "tier", "lifecycleStage"];
  return {
    ...base(c),
    parentExternalId: c.get<string>("parentExternalId"),
    ownerEmail: c.get<string>("ownerEmail"),
    // Without a name a stored account keeps its own; a new one is named after its external id.
    input: { ...inputOf(c, ["name", ...fields], ["name", "lifecycleStage"]), ...customOf(c) },
  };
}

function buildContact(c: Cells): ContactRow {
  const input = inputOf(
    c,
    ["firstName", "lastName", "email", "phone", "title", "decisionRole", "influence", "seniority", "status"],
    ["status", "leftCompany"],
  );
  const full = c.get<string>("name");
  if (c.has("name") && !input.firstName && !input.lastName) {
    const [first, ...rest] = (full ?? "").split(/\s+/);
    input.firstName = first || null;
    input.lastName = rest.join(" ") || null;
  }
  const ref = accountRef(c);
  if (!input.firstName && !input.lastName && !input.email && !c.failed.has("email")) {
    required(c, "firstName", "a contact needs a first name, a last name or an email");
  }
  return {
    ...base(c),
    ...ref,
    input: { ...input, ...inputOf(c, ["leftCompany"], ["leftCompany"]), ...customOf(c) },
  };
}

function buildSubscription(c: Cells): SubscriptionRow {
  const ref = accountRef(c);
  if (!c.get<string>("product")) required(c, "product");
  if (!c.get<string>("startDate")) required(c, "startDate");
  const arr = c.get<number>("arr");
  const mrrMinor =
    c.get<number>("mrr") ?? c.get<number>("mrrMinor") ?? (arr === null ? null : Math.round(arr / 12));
  const moneyFailed = MONEY.some((f) => c.failed.has(f));
  if (mrrMinor === null && !moneyFailed) required(c, "mrr", "mrr is required (or mrrMinor, or arr)");
  const fields = ["product", "plan", "currency", "seats", "startDate", "endDate", "renewalDate"];
  return {
    ...base(c),
    ...ref,
    input: {
      ...inputOf(c, [...fields, "status", "billingPeriod", "autoRenew"], ["currency", "status"]),
      ...(mrrMinor === null ? {} : { mrrMinor }),
      ...customOf(c),
    },
  } as SubscriptionRow;
}

/** The file's columns that fill a subscription's MRR. */
const MONEY = ["mrr", "mrrMinor", "arr"];

/**
 * The contract's own check of the entity input (the API's rules: formats, lengths, ranges, dates),
 * with the API's plain-words messages.
 */
function contractCheck(plan: Plan, row: AnyRow): z.ZodSafeParseResult<unknown> {
  const options = { error: issueMessage };
  if (plan.entity === "accounts") return ZAccountUpdate.safeParse(row.input, options);
  if (plan.entity === "contacts") return ZContactUpdate.safeParse(row.input, options);
  return ZSubscriptionUpdate.safeParse(row.input, options);
}

/** The file's field an input path comes from: a contact's split full name, a subscription's MRR column. */
export function fieldOfPath(plan: Plan, path: string): string {
  if (path.startsWith("customFields.")) return `custom:${path.slice("customFields.".length)}`;
  if (plan.entity === "contacts" && (path === "firstName" || path === "lastName") && !plan.fields.has(path))
    return plan.fields.has("name") ? "name" : path;
  if (plan.entity === "subscriptions" && path === "mrrMinor")
    return MONEY.find((f) => plan.fields.has(f)) ?? path;
  return path;
}

/** The contract's own code for a problem (`invalid_domain`, `renewal_before_start`), else its kind. */
export const issueCode = (issue: z.core.$ZodIssue): string => {
  if (issue.code === "custom" && typeof issue.params?.code === "string") return issue.params.code;
  if (issue.code === "too_big" || issue.code === "too_small")
    return issue.origin === "string" ? (issue.code === "too_big" ? "too_long" : "required") : "out_of_range";
  if (issue.code === "invalid_format" && issue.format === "email") return "invalid_email";
  return "invalid";
};

/** A row with more non-empty cells than the header has columns is reported (quotes or delimiters are off). */
export function hasExtraCells(cells: string[], width: number, row: number, sink: Sink): boolean {
  if (cells.length === width || cells.slice(width).every((x) => x.trim() === "")) return false;
  const message = `row has ${cells.length} cells but the header has ${width}; check quotes and delimiters`;
  sink({ row, column: null, field: null, value: null, code: "column_count", message });
  return true;
}

/** Reads every data row into an entity row; rows with problems report them and come back as null. */
export function readRows(plan: Plan, rows: string[][], width: number, sink: Sink): (AnyRow | null)[] {
  return rows.map((cells, i) => {
    const row = i + 1;
    if (hasExtraCells(cells, width, row, sink)) return null;
    const c = readCells(plan, cells, row, sink);
    const built =
      plan.entity === "accounts"
        ? buildAccount(c)
        : plan.entity === "contacts"
          ? buildContact(c)
          : buildSubscription(c);
    // Checked even when a cell was unreadable, so a row lists all its problems; a field already
    // reported is not reported again.
    const check = contractCheck(plan, built);
    if (!check.success) {
      for (const issue of check.error.issues) {
        const path = issue.path.map(String).join(".");
        const field = path ? fieldOfPath(plan, path) : "";
        const money = MONEY.includes(field) && MONEY.some((f) => c.failed.has(f));
        if (c.failed.has(field) || money) continue;
        c.error(field, issueCode(issue), `${field || "row"} ${issue.message}`);
      }
    }
    return c.bad ? null : built;
  });
}
