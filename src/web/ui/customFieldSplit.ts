import type { CustomFieldDef } from "../../contract/index.ts";
import { pathLabel } from "../lib/issues.ts";

type Value = string | number | boolean | null;

/** Up to this many fields show at once; imports can define dozens. */
export const SHOWN_FIELDS = 6;

/** A field's label as its input shows it: the defined label, or its key in words. */
export const customFieldLabel = (d: CustomFieldDef): string => d.label || pathLabel(d.key);

/** Form labels of the custom fields, keyed as the server's issues name them ("customFields.seats"). */
export const customFieldLabels = (defs: CustomFieldDef[] | undefined): Record<string, string> =>
  Object.fromEntries((defs ?? []).map((d) => [`customFields.${d.key}`, customFieldLabel(d)]));

const hasValue = (v: Value | undefined): boolean => v !== null && v !== undefined && v !== "";

/**
 * Which fields show before "Show N more": every field with a value or an error, then the most used
 * ones (the API lists one entity's definitions most used first) until SHOWN_FIELDS are shown.
 */
export const splitFields = (
  defs: CustomFieldDef[],
  values: Record<string, Value>,
  errors: Record<string, unknown>,
  shown = SHOWN_FIELDS,
): { visible: CustomFieldDef[]; hidden: CustomFieldDef[] } => {
  if (defs.length <= shown) return { visible: defs, hidden: [] };
  const must = new Set(
    defs.filter((d) => hasValue(values[d.key]) || errors[`customFields.${d.key}`]).map((d) => d.key),
  );
  const visible = new Set(must);
  for (const d of defs) {
    if (visible.size >= shown) break;
    visible.add(d.key);
  }
  return {
    visible: defs.filter((d) => visible.has(d.key)),
    hidden: defs.filter((d) => !visible.has(d.key)),
  };
};
