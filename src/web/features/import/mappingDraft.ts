import type { ImportMapping, RouteResponse, routes } from "../../../contract/index.ts";

// The contract's type, not ImportPage's: these rules are also run by the API tests (no JSX there).
type Required = RouteResponse<typeof routes.previewImport>["required"];

export const IGNORE = "ignore";

/** Keeps only the headers of this file; anything unknown becomes "ignore". */
export const fitTo = (headers: string[], mapping: ImportMapping): ImportMapping => ({
  ...mapping,
  columns: Object.fromEntries(headers.map((h) => [h, mapping.columns[h] ?? IGNORE])),
});

const filled = (v: string | undefined) => (v ?? "").trim() !== "";

/**
 * The mapping as the import reads it: blank fixed values and blank translations mean "none", so
 * they are left out (a saved mapping then reads like a hand-written mapping file).
 */
export function cleanMapping(m: ImportMapping): ImportMapping {
  const defaults = Object.fromEntries(Object.entries(m.defaults ?? {}).filter(([, v]) => filled(v)));
  const values = Object.fromEntries(
    Object.entries(m.values ?? {})
      .map(([target, map]) => [target, Object.fromEntries(Object.entries(map).filter(([, v]) => filled(v)))])
      .filter(([, map]) => Object.keys(map as object).length > 0),
  ) as Record<string, Record<string, string>>;
  return {
    columns: m.columns,
    ...(Object.keys(defaults).length ? { defaults } : {}),
    ...(Object.keys(values).length ? { values } : {}),
  };
}

/** The preview's required entries that neither a column nor a fixed value fills (each takes any one field). */
export function missingRequired(required: Required, m: ImportMapping): Required {
  const mapped = new Set(Object.values(m.columns));
  const has = (f: string) => mapped.has(f) || filled(m.defaults?.[f]);
  return required.filter((r) => !r.fields.some(has));
}

/** Maps a column; translations of the field it filled go when no column fills that field any more. */
export function withColumn(m: ImportMapping, header: string, target: string): ImportMapping {
  const old = m.columns[header];
  const columns = { ...m.columns, [header]: target };
  const values = { ...(m.values ?? {}) };
  if (old !== undefined && old !== target && !Object.values(columns).includes(old)) delete values[old];
  return { ...m, columns, values };
}
