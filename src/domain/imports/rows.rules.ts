import type { z } from "zod";
import { ZAccountCreate } from "../../contract/accounts.ts";
import { ZContactCreate } from "../../contract/contacts.ts";
import type { ImportRowError } from "../../contract/imports.ts";
import { ZSubscriptionCreate } from "../../contract/subscriptions.ts";
import { type CustomValue, type Plan, slotText } from "./mapping.rules.ts";
import { coerceCustom, coerceTarget } from "./value.rules.ts";

export type Sink = (e: ImportRowError) => void;
type V = string | number | boolean | null;

type Base = {
  row: number;
  /** The Steward id given in an `id` column (rows without an external id only). */
  givenId: string | null;
  externalId: string | null;
  customFields: Record<string, CustomValue>;
};
export type AccountRow = Base & {
  /** Null when the file gives none: a new account is then named after its external id. */
  name: string | null;
  parentExternalId: string | null;
  domain: string | null;
  industry: string | null;
  region: string | null;
  country: string | null;
  tier: string | null;
  lifecycleStage: string | null;
  ownerEmail: string | null;
};
type AccountRef = { accountExternalId: string | null; accountId: string | null };
export type ContactRow = Base &
  AccountRef & {
    firstName: string | null;
    lastName: string | null;
    email: string | null;
    phone: string | null;
    title: string | null;
    decisionRole: string | null;
    influence: number | null;
    seniority: string | null;
    status: string | null;
    leftCompany: boolean | null;
  };
export type SubscriptionRow = Base &
  AccountRef & {
    product: string;
    plan: string | null;
    mrrMinor: number;
    currency: string | null;
    seats: number | null;
    startDate: string;
    endDate: string | null;
    renewalDate: string | null;
    status: string;
    billingPeriod: string | null;
    autoRenew: boolean | null;
  };
export type AnyRow = AccountRow | ContactRow | SubscriptionRow;

/** One row's values by target, after translation, defaults and coercion. */
export type Cells = {
  row: number;
  get: <T extends V>(field: string) => T | null;
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

function buildAccount(c: Cells): AccountRow {
  const externalId = c.get<string>("externalId");
  const name = c.get<string>("name");
  if (!name && !externalId)
    required(c, "name", "name is required (or give an externalId, which then names the account)");
  return {
    row: c.row,
    givenId: c.get<string>("id"),
    externalId,
    name,
    parentExternalId: c.get<string>("parentExternalId"),
    domain: c.get<string>("domain"),
    industry: c.get<string>("industry"),
    region: c.get<string>("region"),
    country: c.get<string>("country"),
    tier: c.get<string>("tier"),
    lifecycleStage: c.get<string>("lifecycleStage"),
    ownerEmail: c.get<string>("ownerEmail"),
    customFields: c.custom,
  };
}

function buildContact(c: Cells): ContactRow {
  let firstName = c.get<string>("firstName");
  let lastName = c.get<string>("lastName");
  const full = c.get<string>("name");
  if (full && !firstName && !lastName) {
    const [first, ...rest] = full.split(/\s+/);
    firstName = first || null;
    lastName = rest.join(" ") || null;
    // Each part is stored in a field of 100 characters: refused rather than cut.
    if ((firstName?.length ?? 0) > 100 || (lastName?.length ?? 0) > 100) {
      c.error("name", "too_long", "name splits into a first or last name longer than 100 characters");
    }
  }
  const email = c.get<string>("email");
  const ref = accountRef(c);
  if (!firstName && !lastName && !email && !c.failed.has("email")) {
    required(c, "firstName", "a contact needs a first name, a last name or an email");
  }
  return {
    row: c.row,
    givenId: c.get<string>("id"),
    externalId: c.get<string>("externalId"),
    ...ref,
    firstName,
    lastName,
    email,
    phone: c.get<string>("phone"),
    title: c.get<string>("title"),
    decisionRole: c.get<string>("decisionRole"),
    influence: c.get<number>("influence"),
    seniority: c.get<string>("seniority"),
    status: c.get<string>("status"),
    leftCompany: c.get<boolean>("leftCompany"),
    customFields: c.custom,
  };
}

/** Status when the file gives none: ended in the past → canceled (it would have renewed) or expired. */
export function deriveStatus(endDate: string | null, autoRenew: boolean | null, today: string): string {
  if (endDate === null || endDate >= today) return "active";
  return autoRenew === false ? "expired" : "canceled";
}

function buildSubscription(c: Cells, today: string): SubscriptionRow {
  const ref = accountRef(c);
  const product = c.get<string>("product");
  if (!product) required(c, "product");
  const startDate = c.get<string>("startDate");
  if (!startDate) required(c, "startDate");
  const arr = c.get<number>("arr");
  const mrrMinor =
    c.get<number>("mrr") ?? c.get<number>("mrrMinor") ?? (arr === null ? null : Math.round(arr / 12));
  const moneyFailed = ["mrr", "mrrMinor", "arr"].some((f) => c.failed.has(f));
  if (mrrMinor === null && !moneyFailed) required(c, "mrr", "mrr is required (or mrrMinor, or arr)");
  const endDate = c.get<string>("endDate");
  if (startDate && endDate && endDate < startDate) {
    c.error("endDate", "end_before_start", `endDate ${endDate} is before the start date ${startDate}`);
  }
  const autoRenew = c.get<boolean>("autoRenew");
  return {
    row: c.row,
    givenId: c.get<string>("id"),
    externalId: c.get<string>("externalId"),
    ...ref,
    product: product ?? "",
    plan: c.get<string>("plan"),
    mrrMinor: mrrMinor ?? 0,
    currency: c.get<string>("currency"),
    seats: c.get<number>("seats"),
    startDate: startDate ?? "",
    endDate,
    renewalDate: c.get<string>("renewalDate"),
    status: c.get<string>("status") ?? deriveStatus(endDate, autoRenew, today),
    billingPeriod: c.get<string>("billingPeriod"),
    autoRenew,
    customFields: c.custom,
  };
}

// Any valid UUID stands in for references resolved later; the contract checks the rest.
const PLACEHOLDER_ID = "01890000-0000-7000-8000-000000000000";
const orUndefined = <T>(v: T | null) => (v === null ? undefined : v);

function contractCheck(plan: Plan, row: AnyRow): z.ZodSafeParseResult<unknown> {
  if (plan.entity === "accounts") {
    const r = row as AccountRow;
    const { row: _n, givenId: _g, parentExternalId: _p, ownerEmail: _o, lifecycleStage, name, ...rest } = r;
    return ZAccountCreate.safeParse({
      ...rest,
      name: name ?? r.externalId,
      lifecycleStage: orUndefined(lifecycleStage),
    });
  }
  if (plan.entity === "contacts") {
    const {
      row: _n,
      givenId: _g,
      accountExternalId: _a,
      accountId: _i,
      status,
      leftCompany,
      ...rest
    } = row as ContactRow;
    const input = {
      ...rest,
      accountId: PLACEHOLDER_ID,
      status: orUndefined(status),
      leftCompany: orUndefined(leftCompany),
    };
    return ZContactCreate.safeParse(input);
  }
  const {
    row: _n,
    givenId: _g,
    accountExternalId: _a,
    accountId: _i,
    currency,
    ...rest
  } = row as SubscriptionRow;
  return ZSubscriptionCreate.safeParse({
    ...rest,
    accountId: PLACEHOLDER_ID,
    currency: orUndefined(currency),
  });
}

/** The contract's own code for a problem (`invalid_domain`, `renewal_before_start`), else `invalid`. */
const issueCode = (issue: z.core.$ZodIssue): string => {
  const code = issue.code === "custom" ? issue.params?.code : undefined;
  return typeof code === "string" ? code : "invalid";
};

/** A row with more non-empty cells than the header has columns is reported (quotes or delimiters are off). */
export function hasExtraCells(cells: string[], width: number, row: number, sink: Sink): boolean {
  if (cells.length === width || cells.slice(width).every((x) => x.trim() === "")) return false;
  const message = `row has ${cells.length} cells but the header has ${width}; check quotes and delimiters`;
  sink({ row, column: null, field: null, value: null, code: "column_count", message });
  return true;
}

/** Reads every data row into an entity row; rows with problems report them and come back as null. */
export function readRows(
  plan: Plan,
  rows: string[][],
  width: number,
  today: string,
  sink: Sink,
): (AnyRow | null)[] {
  return rows.map((cells, i) => {
    const row = i + 1;
    if (hasExtraCells(cells, width, row, sink)) return null;
    const c = readCells(plan, cells, row, sink);
    const built =
      plan.entity === "accounts"
        ? buildAccount(c)
        : plan.entity === "contacts"
          ? buildContact(c)
          : buildSubscription(c, today);
    if (c.bad) return null;
    const check = contractCheck(plan, built);
    if (check.success) return built;
    for (const issue of check.error.issues) {
      const field = String(issue.path[0] ?? "") || null;
      c.error(field ?? "", issueCode(issue), `${field ?? "row"} ${issue.message}`);
    }
    return null;
  });
}
