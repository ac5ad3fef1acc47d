import type { Condition, FilterGroup, SegmentField } from "../../../contract/index.ts";
import { formatDate, formatNumber } from "../../lib/format.ts";
import { shapeOf } from "./filterDraft.ts";
import { OP_LABELS, unitSuffix } from "./labels.ts";

/** Names for values the filter stores as ids (members). */
export type NameOf = (id: string) => string | undefined;

const isGroup = (c: Condition | FilterGroup): c is FilterGroup => "match" in c;

/** One value as a person reads it: an option's label, a member's name, a date, a number with its unit. */
const valueWord = (
  field: SegmentField | undefined,
  v: string | number | boolean,
  nameOf?: NameOf,
): string => {
  if (!field) return String(v);
  switch (field.type) {
    case "enum":
      return field.options?.find((o) => o.value === v)?.label ?? String(v);
    case "member":
      return nameOf?.(String(v)) ?? "a former member";
    case "date":
      return formatDate(String(v));
    case "number":
      return typeof v === "number" ? `${formatNumber(v)}${unitSuffix(field.unit)}` : String(v);
    default:
      return `“${v}”`;
  }
};

/** "Churn probability is more than 30%", "Next renewal is in the next 90 days". */
export const conditionText = (c: Condition, fields: Map<string, SegmentField>, nameOf?: NameOf): string => {
  const field = fields.get(c.field);
  const name = field?.label ?? c.field;
  const op = OP_LABELS[c.op];
  const v = c.value;
  switch (shapeOf(c.op)) {
    case "none":
      return `${name} ${op}`;
    case "days":
      return `${name} ${op.replace("…", formatNumber(Number(v)))}`;
    case "list":
      return `${name} ${op} ${(Array.isArray(v) ? v : []).map((x) => valueWord(field, x, nameOf)).join(", ")}`;
    case "range": {
      const [from, to] = Array.isArray(v) ? v : [];
      return `${name} ${op} ${valueWord(field, from ?? "", nameOf)} and ${valueWord(field, to ?? "", nameOf)}`;
    }
    case "one":
      return `${name} ${op} ${valueWord(field, v as string | number, nameOf)}`;
  }
};

/**
 * A whole filter in one sentence, groups in brackets: "Tier is “Enterprise” and (Health band is
 * any of Poor or Churn probability is more than 30%)". Empty for a filter without conditions.
 */
export const filterText = (g: FilterGroup, fields: Map<string, SegmentField>, nameOf?: NameOf): string => {
  const join = g.match === "all" ? " and " : " or ";
  return g.conditions
    .map((c) => {
      if (!isGroup(c)) return conditionText(c, fields, nameOf);
      const inner = filterText(c, fields, nameOf);
      return c.conditions.length > 1 ? `(${inner})` : inner;
    })
    .filter(Boolean)
    .join(join);
};
