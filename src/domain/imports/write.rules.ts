import type { ImportEntity } from "../../contract/imports.ts";
import type { AccountWrite, ContactWrite, SubscriptionWrite, WriteRow } from "./resolve.rules.ts";

/**
 * One column of a set-based upsert: its values (as text, cast in SQL), the expression that
 * inserts it (`v` = the new row, `e` = the stored row if any) and what an update sets, if anything.
 * Expressions are built here from constants only; values always travel as parameters.
 */
export type UpsertColumn = { name: string; values: (string | null)[]; insert: string; update: string | null };

type Cell = string | number | boolean | null;
const text = (v: Cell | Record<string, unknown>): string | null =>
  v === null ? null : typeof v === "object" ? JSON.stringify(v) : String(v);

type Spec<R> = {
  name: string;
  cast: string;
  get: (r: R) => Cell | Record<string, unknown>;
  /** set: the file's value, updated only when the mapping fills the field; insert: never updated;
   *  keep: a NOT NULL column, an empty cell keeps the stored value (or the default for new rows). */
  mode: { set: boolean } | "insert" | { keep: string } | "merge" | { raw: string };
};

function build<R>(table: string, specs: Spec<R>[], rows: R[]): UpsertColumn[] {
  return specs.map((s) => {
    const v = `v.${s.name}::${s.cast}`;
    const values = rows.map((r) => text(s.get(r)));
    const m = s.mode;
    if (m === "insert") return { name: s.name, values, insert: v, update: null };
    if (m === "merge") {
      return {
        name: s.name,
        values,
        insert: `coalesce(${v}, '{}'::jsonb)`,
        update: `${table}.${s.name} || excluded.${s.name}`,
      };
    }
    if ("set" in m) return { name: s.name, values, insert: v, update: m.set ? `excluded.${s.name}` : null };
    if ("keep" in m)
      return {
        name: s.name,
        values,
        insert: `coalesce(${v}, e.${s.name}, ${m.keep})`,
        update: `excluded.${s.name}`,
      };
    return { name: s.name, values, insert: m.raw, update: `excluded.${s.name}` };
  });
}

const idSpecs = <R extends WriteRow>(): Spec<R>[] => [
  { name: "id", cast: "uuid", get: (r) => r.id, mode: "insert" },
  { name: "external_id", cast: "text", get: (r) => r.externalId, mode: "insert" },
];

const optional = <R>(
  has: (f: string) => boolean,
  field: string,
  name: string,
  cast: string,
  get: Spec<R>["get"],
): Spec<R> => ({
  name,
  cast,
  get,
  mode: { set: has(field) },
});

function accountSpecs(has: (f: string) => boolean): Spec<AccountWrite>[] {
  const opt = (f: keyof AccountWrite & string, name: string) =>
    optional<AccountWrite>(has, f, name, "text", (r) => r[f] as Cell);
  return [
    ...idSpecs<AccountWrite>(),
    {
      name: "name",
      cast: "text",
      get: (r) => r.name,
      mode: { raw: "coalesce(v.name::text, e.name, v.external_id::text)" },
    },
    optional(has, "parentExternalId", "parent_id", "uuid", (r) => r.parentId),
    opt("domain", "domain"),
    opt("industry", "industry"),
    opt("region", "region"),
    opt("country", "country"),
    opt("tier", "tier"),
    { name: "lifecycle_stage", cast: "text", get: (r) => r.lifecycleStage, mode: { keep: "'onboarding'" } },
    optional(has, "ownerEmail", "owner_id", "uuid", (r) => r.ownerId),
    { name: "custom_fields", cast: "jsonb", get: (r) => r.customFields, mode: "merge" },
  ];
}

function contactSpecs(has: (f: string) => boolean): Spec<ContactWrite>[] {
  const named = (f: string) => has(f) || has("name");
  return [
    ...idSpecs<ContactWrite>(),
    { name: "account_id", cast: "uuid", get: (r) => r.accountId, mode: { set: true } },
    optional(named, "firstName", "first_name", "text", (r) => r.firstName),
    optional(named, "lastName", "last_name", "text", (r) => r.lastName),
    optional(has, "email", "email", "text", (r) => r.email),
    optional(has, "phone", "phone", "text", (r) => r.phone),
    optional(has, "title", "title", "text", (r) => r.title),
    optional(has, "decisionRole", "decision_role", "text", (r) => r.decisionRole),
    optional(has, "influence", "influence", "integer", (r) => r.influence),
    optional(has, "seniority", "seniority", "text", (r) => r.seniority),
    { name: "status", cast: "text", get: (r) => r.status, mode: { keep: "'active'" } },
    { name: "left_company", cast: "boolean", get: (r) => r.leftCompany, mode: { keep: "false" } },
    { name: "custom_fields", cast: "jsonb", get: (r) => r.customFields, mode: "merge" },
  ];
}

function subscriptionSpecs(has: (f: string) => boolean, today: string): Spec<SubscriptionWrite>[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`today must be YYYY-MM-DD, got ${today}`);
  // Without a status column a stored subscription keeps its status unless its new end date has passed.
  const status: Spec<SubscriptionWrite>["mode"] = has("status")
    ? { set: true }
    : {
        raw: `case when e.id is null or v.end_date::date < '${today}'::date then v.status::text else e.status end`,
      };
  return [
    ...idSpecs<SubscriptionWrite>(),
    { name: "account_id", cast: "uuid", get: (r) => r.accountId, mode: { set: true } },
    { name: "product", cast: "text", get: (r) => r.product, mode: { set: true } },
    optional(has, "plan", "plan", "text", (r) => r.plan),
    { name: "mrr_minor", cast: "bigint", get: (r) => r.mrrMinor, mode: { set: true } },
    { name: "currency", cast: "text", get: (r) => r.currency, mode: { keep: "'USD'" } },
    optional(has, "seats", "seats", "integer", (r) => r.seats),
    { name: "start_date", cast: "date", get: (r) => r.startDate, mode: { set: true } },
    optional(has, "endDate", "end_date", "date", (r) => r.endDate),
    optional(has, "renewalDate", "renewal_date", "date", (r) => r.renewalDate),
    { name: "status", cast: "text", get: (r) => r.status, mode: status },
    optional(has, "billingPeriod", "billing_period", "text", (r) => r.billingPeriod),
    optional(has, "autoRenew", "auto_renew", "boolean", (r) => r.autoRenew),
    { name: "custom_fields", cast: "jsonb", get: (r) => r.customFields, mode: "merge" },
  ];
}

/** The columns of one upsert statement for these rows of the entity. */
export function upsertColumns(
  entity: ImportEntity,
  rows: WriteRow[],
  has: (field: string) => boolean,
  today: string,
): UpsertColumn[] {
  if (entity === "accounts") return build("accounts", accountSpecs(has), rows as AccountWrite[]);
  if (entity === "contacts") return build("contacts", contactSpecs(has), rows as ContactWrite[]);
  return build("subscriptions", subscriptionSpecs(has, today), rows as SubscriptionWrite[]);
}

/** Rows keyed by external id, and the rest keyed by Steward id, in chunks for set-based writes. */
export function writeBatches<R extends WriteRow>(
  rows: R[],
  size: number,
): { key: "external_id" | "id"; rows: R[] }[] {
  const out: { key: "external_id" | "id"; rows: R[] }[] = [];
  for (const key of ["external_id", "id"] as const) {
    const group = rows.filter((r) => (key === "external_id") === (r.externalId !== null));
    for (let i = 0; i < group.length; i += size) out.push({ key, rows: group.slice(i, i + size) });
  }
  return out;
}
