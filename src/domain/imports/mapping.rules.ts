import { AppError } from "../../common/errors.ts";
import type { ImportEntity, ImportMapping } from "../../contract/imports.ts";
import type { CustomFieldDef } from "../../contract/workspace.ts";
import { isBoolean, isEscapedCell, isIsoDate, isNumeric, unescapeFormula } from "./coerce.rules.ts";
import {
  CUSTOM_ENTITY,
  CUSTOM_KEY,
  CUSTOM_PREFIX,
  TARGETS,
  type TargetDef,
  takesCustomColumns,
  targetDef,
  workspaceTargets,
} from "./targets.rules.ts";
import { coerceCustom, coerceTarget } from "./value.rules.ts";

export type CustomValue = string | number | boolean | null;

type Slot = {
  /** Column index in the file, or null when only a default fills it. */
  col: number | null;
  header: string | null;
  /** The coerced default, used when there is no column or its cell is empty. */
  fallback: unknown;
  /** Cell translations: exact first, then ignoring case. */
  values: Map<string, string> | null;
  valuesLower: Map<string, string> | null;
};
export type FieldSlot = Slot & { target: TargetDef };
export type CustomSlot = Slot & { key: string; def: CustomFieldDef; isNew: boolean };

/** A mapping checked against one file: where each target's value comes from. */
export type Plan = {
  entity: ImportEntity;
  fields: Map<string, FieldSlot>;
  custom: CustomSlot[];
  warnings: string[];
};

const invalid = (message: string, details?: Record<string, unknown>) =>
  new AppError("VALIDATION_FAILED", message, details);

const quoteList = (xs: string[]) => xs.map((x) => `"${x}"`).join(", ");

/** Targets a mapping may name for this entity. */
function checkTarget(entity: ImportEntity, target: string): boolean {
  if (target === "ignore") return true;
  if (target.startsWith(CUSTOM_PREFIX))
    return takesCustomColumns(entity) && CUSTOM_KEY.test(target.slice(CUSTOM_PREFIX.length));
  return targetDef(entity, target) !== undefined;
}

/** Refuses unknown targets anywhere in a mapping (columns, defaults, values), naming them. */
export function assertMappingTargets(entity: ImportEntity, mapping: ImportMapping): void {
  const bad = new Set<string>();
  for (const t of Object.values(mapping.columns)) if (!checkTarget(entity, t)) bad.add(t);
  for (const t of Object.keys(mapping.defaults ?? {}))
    if (t === "ignore" || !checkTarget(entity, t)) bad.add(t);
  for (const t of Object.keys(mapping.values ?? {}))
    if (t === "ignore" || !checkTarget(entity, t)) bad.add(t);
  if (bad.size === 0) return;
  const fields = TARGETS[entity].map((t) => t.field).join(", ");
  throw invalid(
    `Unknown mapping targets for ${entity}: ${quoteList([...bad])}. Use one of ${fields}, ` +
      (takesCustomColumns(entity)
        ? "custom:<key> (a letter, then letters, digits or _) or ignore."
        : `or ignore (${entity} have no custom fields).`),
    { unknownTargets: [...bad] },
  );
}

/**
 * What a file must fill, by a column or a default: each entry is satisfied by any one of its
 * fields (an account needs a name or an external id, which then names it). The preview sends
 * these so the wizard asks for exactly what the import refuses without.
 */
export const REQUIRED: Record<ImportEntity, { fields: string[]; label: string }[]> = {
  accounts: [{ fields: ["name", "externalId"], label: "name (or externalId)" }],
  contacts: [{ fields: ["accountExternalId", "accountId"], label: "accountExternalId (or accountId)" }],
  subscriptions: [
    { fields: ["accountExternalId", "accountId"], label: "accountExternalId (or accountId)" },
    { fields: ["product"], label: "product" },
    { fields: ["startDate"], label: "startDate" },
    { fields: ["mrr", "mrrMinor", "arr"], label: "mrr (or mrrMinor or arr)" },
  ],
  usage: [
    {
      fields: ["subscriptionExternalId", "accountExternalId", "accountId"],
      label: "subscriptionExternalId (or accountExternalId)",
    },
    { fields: ["timestamp"], label: "timestamp" },
    { fields: ["event"], label: "event" },
  ],
  tickets: [
    { fields: ["accountExternalId", "accountId"], label: "accountExternalId (or accountId)" },
    { fields: ["openedAt"], label: "openedAt" },
  ],
  "survey-responses": [
    { fields: ["email"], label: "email" },
    { fields: ["kind"], label: "kind" },
    { fields: ["score"], label: "score" },
    { fields: ["answeredAt"], label: "answeredAt" },
  ],
  touchpoints: [
    { fields: ["accountExternalId", "accountId"], label: "accountExternalId (or accountId)" },
    { fields: ["channel"], label: "channel" },
    { fields: ["title"], label: "title" },
    { fields: ["occurredAt"], label: "occurredAt" },
    { fields: ["function", "employeeEmail"], label: "function (or employeeEmail)" },
  ],
  "renewal-outcomes": [
    { fields: ["accountExternalId", "accountId"], label: "accountExternalId (or accountId)" },
    { fields: ["date"], label: "date" },
    { fields: ["outcome"], label: "outcome" },
  ],
};

/** Which required targets neither a column nor a default fills. */
function missingRequired(entity: ImportEntity, has: (f: string) => boolean): string[] {
  return REQUIRED[entity].filter((r) => !r.fields.some(has)).map((r) => r.label);
}

const translations = (values: Record<string, string> | undefined) =>
  values
    ? {
        values: new Map(Object.entries(values).map(([k, v]) => [k.trim(), v])),
        valuesLower: new Map(Object.entries(values).map(([k, v]) => [k.trim().toLowerCase(), v])),
      }
    : { values: null, valuesLower: null };

/** The trimmed, translated text of a slot's cell; null when empty. */
export function slotText(slot: Slot, cells: string[]): string | null {
  if (slot.col === null) return null;
  const cell = cells[slot.col] ?? "";
  // An escaped cell (as the export writes it) holds its value exactly, leading tab or CR included.
  if (isEscapedCell(cell)) {
    const value = unescapeFormula(cell);
    return slot.values?.get(value) ?? slot.valuesLower?.get(value.toLowerCase()) ?? value;
  }
  const raw = unescapeFormula(cell.trim());
  const t = slot.values?.get(raw) ?? slot.valuesLower?.get(raw.toLowerCase()) ?? raw;
  const s = t.trim();
  return s === "" ? null : s;
}

/**
 * The label of a custom field an import defines, from its column: a header that already reads as
 * words stays as it is; one written as an identifier (`TotalCharges`, `total_charges`,
 * `custom:totalCharges`) becomes "Total charges". Acronyms keep their capitals.
 */
export function customFieldLabel(header: string | null, key: string): string {
  let source = header?.trim() ?? "";
  if (source.startsWith(CUSTOM_PREFIX)) source = source.slice(CUSTOM_PREFIX.length).trim();
  if (source === "") source = key;
  if (/\s/.test(source)) return source.slice(0, 100);
  const words = source
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[\s_\-.]+/)
    .filter((w) => w !== "");
  if (words.length === 0) return key.slice(0, 100);
  const label = words
    .map((w, i) => {
      if (w.length > 1 && w === w.toUpperCase()) return w;
      const lower = w.toLowerCase();
      return i === 0 ? `${lower.charAt(0).toUpperCase()}${lower.slice(1)}` : lower;
    })
    .join(" ");
  return label.slice(0, 100);
}

/** Custom field type from a column's values: boolean, number, date, else text. */
export function inferCustomType(samples: string[]): CustomFieldDef["type"] {
  if (samples.length === 0) return "text";
  if (samples.every(isBoolean)) return "boolean";
  if (samples.every(isNumeric)) return "number";
  if (samples.every(isIsoDate)) return "date";
  return "text";
}

function coerceDefault(target: string, raw: string, coerce: (s: string) => ReturnType<typeof coerceTarget>) {
  if (raw.trim() === "") return null;
  const r = coerce(raw.trim());
  if (!r.ok) throw invalid(`The default for ${target} ${r.message} (got "${raw}")`, { field: target });
  return r.value;
}

/**
 * Checks a mapping against a file's headers and turns it into a plan. Throws VALIDATION_FAILED
 * for unknown targets, two columns on one target, bad defaults, or required targets left unfilled.
 */
export function compilePlan(
  entity: ImportEntity,
  headers: string[],
  rows: string[][],
  mapping: ImportMapping,
  defs: CustomFieldDef[],
  /** The workspace's lifecycle stages (accounts); none: the built-in ones. */
  stages: { key: string; label: string }[] = [],
): Plan {
  assertMappingTargets(entity, mapping);
  const warnings: string[] = [];
  const colOf = new Map(headers.map((h, i) => [h, i]));
  const byTarget = new Map<string, string>();
  for (const [header, target] of Object.entries(mapping.columns)) {
    if (target === "ignore") continue;
    if (!colOf.has(header)) {
      warnings.push(`The mapping names column "${header}", which is not in the file; it was skipped.`);
      continue;
    }
    const other = byTarget.get(target);
    if (other !== undefined)
      throw invalid(`Columns "${other}" and "${header}" both map to ${target}; keep one.`);
    byTarget.set(target, header);
  }
  const unmapped = headers.filter((h) => !Object.hasOwn(mapping.columns, h) && h.trim() !== "");
  if (unmapped.length) warnings.push(`Columns not in the mapping were ignored: ${quoteList(unmapped)}.`);

  const defaults = mapping.defaults ?? {};
  const values = mapping.values ?? {};
  const slotBase = (target: string) => {
    const header = byTarget.get(target) ?? null;
    return {
      col: header === null ? null : (colOf.get(header) ?? null),
      header,
      ...translations(values[target]),
    };
  };
  const has = (f: string) => byTarget.has(f) || (defaults[f] ?? "").trim() !== "";
  const missing = missingRequired(entity, has);
  if (missing.length) {
    throw invalid(
      `Map a column or give a default for the required ${entity} fields: ${missing.join(", ")}.`,
      {
        missing,
      },
    );
  }

  const fields = new Map<string, FieldSlot>();
  for (const target of workspaceTargets(entity, stages)) {
    if (!has(target.field)) continue;
    const raw = defaults[target.field];
    const fallback =
      raw === undefined ? null : coerceDefault(target.field, raw, (s) => coerceTarget(target, s));
    fields.set(target.field, { ...slotBase(target.field), target, fallback });
  }

  const customKeys = new Set<string>();
  for (const t of [...byTarget.keys(), ...Object.keys(defaults)]) {
    if (t.startsWith(CUSTOM_PREFIX) && has(t)) customKeys.add(t.slice(CUSTOM_PREFIX.length));
  }
  const custom: CustomSlot[] = [];
  for (const key of customKeys) {
    const base = slotBase(`${CUSTOM_PREFIX}${key}`);
    const existing = defs.find((d) => d.key === key);
    const rawDefault = defaults[`${CUSTOM_PREFIX}${key}`];
    const def: CustomFieldDef = existing ?? {
      // Usage has no custom fields: the definition only types the property the column fills.
      entity: CUSTOM_ENTITY[entity] ?? "account",
      key,
      label: customFieldLabel(base.header, key),
      type: inferCustomType(columnSamples(base, rows, rawDefault)),
      options: null,
    };
    const fallback =
      rawDefault === undefined
        ? null
        : coerceDefault(`${CUSTOM_PREFIX}${key}`, rawDefault, (s) => coerceCustom(def, s));
    custom.push({ ...base, key, def, isNew: !existing, fallback });
  }
  return { entity, fields, custom, warnings };
}

function columnSamples(
  slot: Omit<Slot, "fallback">,
  rows: string[][],
  rawDefault: string | undefined,
): string[] {
  const out: string[] = [];
  if (rawDefault?.trim()) out.push(rawDefault.trim());
  if (slot.col === null) return out;
  for (const cells of rows) {
    const s = slotText({ ...slot, fallback: null }, cells);
    if (s !== null) out.push(s);
  }
  return out;
}
