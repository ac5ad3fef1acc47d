import { AppError } from "../../common/errors.ts";
import { roleAtLeast } from "../../common/roles.ts";
import type { CustomFieldDef } from "../../contract/workspace.ts";
import type { Actor } from "../context.ts";

type Value = string | number | boolean | null;
export type CustomValues = Record<string, Value>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkValue(def: CustomFieldDef, value: Value): string | null {
  if (value === null) return null;
  switch (def.type) {
    case "text":
      return typeof value === "string" ? null : "must be text";
    case "number":
      return typeof value === "number" && Number.isFinite(value)
        ? numberProblem(def, value)
        : "must be a number";
    case "boolean":
      return typeof value === "boolean" ? null : "must be true or false";
    case "date":
      return typeof value === "string" && ISO_DATE.test(value) ? null : "must be a date as YYYY-MM-DD";
    case "select":
      return typeof value === "string" && (def.options ?? []).includes(value)
        ? null
        : `must be one of: ${(def.options ?? []).join(", ")}`;
  }
}

type Bounds = Pick<CustomFieldDef, "min" | "max" | "integer">;

const fmt = (n: number) => (n < 0 ? `−${-n}` : String(n));

/** Why a number does not fit its field's bounds ("must be from 0 to 10"), or null when it does. */
export function numberProblem(def: Bounds, n: number): string | null {
  const { min, max } = def;
  const range =
    min !== undefined && max !== undefined
      ? `from ${fmt(min)} to ${fmt(max)}`
      : min !== undefined
        ? `${fmt(min)} or more`
        : max !== undefined
          ? `${fmt(max)} or less`
          : null;
  const kind = def.integer ? "a whole number" : "a number";
  const outside = (min !== undefined && n < min) || (max !== undefined && n > max);
  if (outside || (def.integer && !Number.isInteger(n))) return `must be ${kind}${range ? ` ${range}` : ""}`;
  return null;
}

// A number field's bounds are kept in the definition's `options` column, which only select fields
// use otherwise, as `min:0`, `max:10` and `integer`: bounds came without a schema change. The
// queries decode them, so nothing outside this module sees that encoding.
const MIN = "min:";
const MAX = "max:";
const INTEGER = "integer";

/** The `options` column for a definition: select options, or a number field's bounds. */
export function storedOptions(def: CustomFieldDef): string[] | null {
  if (def.type === "select") return def.options ?? [];
  if (def.type !== "number") return null;
  const out: string[] = [];
  if (def.min !== undefined) out.push(`${MIN}${def.min}`);
  if (def.max !== undefined) out.push(`${MAX}${def.max}`);
  if (def.integer) out.push(INTEGER);
  return out.length > 0 ? out : null;
}

/** A stored definition row as the contract has it, a number field's bounds decoded. */
export function fromStored(row: Omit<CustomFieldDef, "min" | "max" | "integer">): CustomFieldDef {
  if (row.type !== "number") return row;
  const def: CustomFieldDef = { ...row, options: null };
  for (const o of row.options ?? []) {
    if (o.startsWith(MIN)) def.min = Number(o.slice(MIN.length));
    else if (o.startsWith(MAX)) def.max = Number(o.slice(MAX.length));
    else if (o === INTEGER) def.integer = true;
  }
  return def;
}

/** A custom field value's problem: its path, a machine-readable code and the message. */
export type CustomFieldProblem = { path: string; code: string; message: string };

const problemCode = (def: CustomFieldDef, value: Value): string =>
  def.type === "number" && typeof value === "number"
    ? "out_of_range"
    : def.type === "select" && typeof value === "string"
      ? "invalid_option"
      : "invalid";

/** What is wrong with custom field values under the workspace's definitions; unknown keys are refused. */
export function customFieldProblems(
  defs: CustomFieldDef[],
  values: Record<string, Value>,
): CustomFieldProblem[] {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const issues: CustomFieldProblem[] = [];
  for (const [key, value] of Object.entries(values)) {
    const def = byKey.get(key);
    const path = `customFields.${key}`;
    if (!def) {
      const message = "is not a defined custom field (define it in Settings → Custom fields)";
      issues.push({ path, code: "custom_field_not_defined", message });
      continue;
    }
    const problem = checkValue(def, value);
    if (problem) issues.push({ path, code: problemCode(def, value), message: problem });
  }
  return issues;
}

/** Checks custom field values against the workspace's definitions; unknown keys are refused. */
export function validateCustomFields(defs: CustomFieldDef[], values: Record<string, Value>): void {
  const issues = customFieldProblems(defs, values).map(({ path, message }) => ({ path, message }));
  if (issues.length > 0) {
    throw new AppError(
      "VALIDATION_FAILED",
      `Invalid custom fields: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`,
      { issues },
    );
  }
}

/**
 * The values a write changes: every key on create (no previous values); on update only the keys
 * whose value differs from the stored one, so a record keeps a value whose definition was deleted.
 */
export function changedCustomFields(values: CustomValues, previous?: CustomValues | null): CustomValues {
  if (!previous) return values;
  const out: CustomValues = {};
  for (const [key, value] of Object.entries(values)) {
    if (!Object.hasOwn(previous, key) || previous[key] !== value) out[key] = value;
  }
  return out;
}

/** Defining custom fields is an admin's task (as `POST /custom-fields`); the CLI may too. */
export function mayDefineCustomFields(actor: Actor): boolean {
  if (actor.kind === "system") return true;
  if (actor.kind === "apiKey" && !actor.scopes.includes("admin")) return false;
  return roleAtLeast(actor.role, "admin");
}
