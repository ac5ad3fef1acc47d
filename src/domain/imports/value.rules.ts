import { UUID_RE } from "../../common/ids.ts";
import type { CustomFieldDef } from "../../contract/workspace.ts";
import {
  type Coerced,
  enumKey,
  parseBoolean,
  parseCurrency,
  parseDate,
  parseEmail,
  parseEnum,
  parseInteger,
  parseMoneyMinor,
  parseNumber,
  parseTimestamp,
} from "./coerce.rules.ts";
import type { TargetDef } from "./targets.rules.ts";

const fail = (code: string, message: string): Coerced<never> => ({ ok: false, code, message });

function checkLength(t: TargetDef, r: Coerced<string>): Coerced<string> {
  if (r.ok && t.maxLength !== undefined && r.value.length > t.maxLength) {
    return fail("too_long", `must be at most ${t.maxLength} characters`);
  }
  return r;
}

function checkRange(t: TargetDef, r: Coerced<number>): Coerced<number> {
  if (!r.ok) return r;
  if (t.min !== undefined && r.value < t.min) return fail("out_of_range", rangeMessage(t));
  if (t.max !== undefined && r.value > t.max) return fail("out_of_range", rangeMessage(t));
  return r;
}

const rangeMessage = (t: TargetDef) =>
  t.max !== undefined && t.max <= 1000
    ? `must be ${t.min ?? 0} to ${t.max}`
    : `must be at least ${t.min ?? 0}`;

/** Reads one trimmed, non-empty cell as the target's type. */
export function coerceTarget(t: TargetDef, s: string): Coerced<string | number | boolean> {
  switch (t.kind) {
    case "text":
      return checkLength(t, { ok: true, value: s });
    case "integer":
      return checkRange(t, parseInteger(s));
    case "number":
      return parseNumber(s);
    case "money":
      return checkRange({ ...t, min: 0, max: 1e13 }, parseMoneyMinor(s));
    case "boolean":
      return parseBoolean(s);
    case "date":
      return parseDate(s);
    case "timestamp":
      return parseTimestamp(s);
    case "enum":
      return parseEnum(s, t.options ?? [], t.aliases);
    case "email":
      return checkLength(t, parseEmail(s));
    case "currency":
      return parseCurrency(s);
    case "uuid":
      return UUID_RE.test(s)
        ? { ok: true, value: s.toLowerCase() }
        : fail("invalid_id", "must be a Steward id (a UUID)");
  }
}

/**
 * Reads one trimmed, non-empty cell as a custom field of the definition's type (a select option in
 * any case); whether the value fits the definition (a number's bounds) is the entity's check.
 */
export function coerceCustom(def: CustomFieldDef, s: string): Coerced<string | number | boolean> {
  switch (def.type) {
    case "text":
      return { ok: true, value: s };
    case "number":
      return parseNumber(s);
    case "boolean":
      return parseBoolean(s);
    case "date":
      return parseDate(s);
    case "select": {
      const options = def.options ?? [];
      const hit =
        options.find((o) => o === s) ??
        options.find((o) => o.toLowerCase() === s.toLowerCase()) ??
        options.find((o) => enumKey(o) === enumKey(s));
      return hit !== undefined
        ? { ok: true, value: hit }
        : fail("invalid_option", `must be one of: ${options.join(", ")}`);
    }
  }
}
