import { isIsoDay } from "../../common/dates.ts";
import { UUID_RE } from "../../common/ids.ts";
import {
  CONDITION_OP_WORDS,
  type Condition,
  type ConditionOp,
  type FilterGroup,
  OPS_BY_TYPE,
  type SegmentField,
} from "../../contract/segments.ts";

export const MAX_DEPTH = 3;
export const MAX_CONDITIONS = 100;
const MAX_DAYS = 3650;

export type FilterIssue = { path: string; message: string };

const NO_VALUE: ConditionOp[] = ["is_set", "is_empty", "is_true", "is_false"];
const DAYS: ConditionOp[] = ["in_last_days", "in_next_days", "more_than_days_ago"];

export const isGroup = (c: Condition | FilterGroup): c is FilterGroup => "match" in c;

/** What is wrong with one condition's value for its field and operator, in words; null when fine. */
function valueProblem(f: SegmentField, op: ConditionOp, v: Condition["value"]): string | null {
  if (NO_VALUE.includes(op))
    return v === undefined ? null : `takes no value with "${CONDITION_OP_WORDS[op]}"`;
  if (v === undefined) return "is required";
  if (DAYS.includes(op)) {
    return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= MAX_DAYS
      ? null
      : `must be a whole number of days from 0 to ${MAX_DAYS}`;
  }
  if (op === "in" || op === "not_in") {
    if (!Array.isArray(v) || v.length === 0) return "must list at least one value";
    if (f.type === "member")
      return v.every((x) => typeof x === "string" && UUID_RE.test(x)) ? null : "must list members";
    if (f.type === "enum") {
      const allowed = new Set((f.options ?? []).map((o) => o.value));
      const bad = v.find((x) => typeof x !== "string" || !allowed.has(x));
      return bad === undefined ? null : `has "${bad}", which is not one of ${f.label}'s values`;
    }
    return v.every((x) => typeof x === "string" && x.trim() !== "") ? null : "must list words";
  }
  if (op === "between") {
    if (!Array.isArray(v) || v.length !== 2) return "must be two values: from and to";
    const [from, to] = v;
    if (f.type === "date") {
      if (typeof from !== "string" || typeof to !== "string" || !isIsoDay(from) || !isIsoDay(to)) {
        return "must be two dates as YYYY-MM-DD";
      }
    } else if (
      typeof from !== "number" ||
      typeof to !== "number" ||
      !Number.isFinite(from) ||
      !Number.isFinite(to)
    ) {
      return "must be two numbers";
    }
    return (from as number | string) <= (to as number | string)
      ? null
      : "must go from the lower to the higher value";
  }
  if (f.type === "number") return typeof v === "number" && Number.isFinite(v) ? null : "must be a number";
  if (f.type === "date") return typeof v === "string" && isIsoDay(v) ? null : "must be a date as YYYY-MM-DD";
  return typeof v === "string" && v.trim() !== "" ? null : "must be some text";
}

/**
 * Every problem of a filter, each at its path (`filter.conditions.1.conditions.0.value`) in words
 * a customer success manager understands: unknown fields, operators that do not fit the field,
 * values of the wrong kind, groups nested too deep, too many conditions.
 */
export function checkFilter(filter: FilterGroup, fields: SegmentField[], root = "filter"): FilterIssue[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const issues: FilterIssue[] = [];
  let count = 0;
  const walk = (group: FilterGroup, path: string, depth: number) => {
    if (depth > MAX_DEPTH) {
      issues.push({ path, message: `groups can be nested ${MAX_DEPTH} deep at most` });
      return;
    }
    group.conditions.forEach((c, i) => {
      const at = `${path}.conditions.${i}`;
      if (isGroup(c)) {
        walk(c, at, depth + 1);
        return;
      }
      count += 1;
      const f = byKey.get(c.field);
      if (!f) {
        issues.push({ path: `${at}.field`, message: `"${c.field}" is not a field segments can test` });
        return;
      }
      if (!OPS_BY_TYPE[f.type].includes(c.op)) {
        const ok = OPS_BY_TYPE[f.type].map((o) => `"${CONDITION_OP_WORDS[o]}"`).join(", ");
        issues.push({
          path: `${at}.op`,
          message: `${f.label} cannot be tested with "${CONDITION_OP_WORDS[c.op]}": use ${ok}`,
        });
        return;
      }
      const problem = valueProblem(f, c.op, c.value);
      if (problem) issues.push({ path: `${at}.value`, message: `${f.label} ${problem}` });
    });
  };
  walk(filter, root, 1);
  if (count > MAX_CONDITIONS)
    issues.push({ path: root, message: `has ${count} conditions; ${MAX_CONDITIONS} at most` });
  return issues;
}

/** The fields a filter tests, each once. */
export function fieldsUsed(filter: FilterGroup): string[] {
  const keys = new Set<string>();
  const walk = (g: FilterGroup) => {
    for (const c of g.conditions) {
      if (isGroup(c)) walk(c);
      else keys.add(c.field);
    }
  };
  walk(filter);
  return [...keys];
}
