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
      return typeof value === "number" && Number.isFinite(value) ? null : "must be a number";
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

/** Checks custom field values against the workspace's definitions; unknown keys are refused. */
export function validateCustomFields(defs: CustomFieldDef[], values: Record<string, Value>): void {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const issues: { path: string; message: string }[] = [];
  for (const [key, value] of Object.entries(values)) {
    const def = byKey.get(key);
    const problem = def
      ? checkValue(def, value)
      : "is not a defined custom field (define it in Settings → Custom fields)";
    if (problem) issues.push({ path: `customFields.${key}`, message: problem });
  }
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
  if (actor.kind === "apiKey") return actor.scopes.includes("admin");
  return roleAtLeast(actor.role, "admin");
}
