import type { TargetDef } from "./targets.rules.ts";

/**
 * One import target; `synonyms` is a space-separated list of normalized header spellings (see
 * headerKey). Apart from targets.rules.ts so the files that list an entity's targets can use it
 * without importing the file that gathers them.
 */
export const target = (
  field: string,
  label: string,
  kind: TargetDef["kind"],
  synonyms: string,
  extra: Partial<Omit<TargetDef, "field" | "label" | "kind" | "synonyms">> = {},
): TargetDef => ({ field, label, kind, required: false, synonyms: synonyms.split(" "), ...extra });
