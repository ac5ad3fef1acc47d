import {
  type Capacity,
  COVERAGE_MODELS,
  type Coverage,
  type CoverageSettings,
  type CoverageSettingsUpdate,
  type Issue,
  type TieringRule,
} from "../../../contract/index.ts";
import type { FieldLabels } from "../../lib/issues.ts";
import { COVERAGE_LABELS } from "../health/healthText.ts";
import { blankFilter, type DraftGroup, draftOf, filterOf } from "../segments/filterDraft.ts";

/**
 * The coverage settings as their form edits them. Field paths are the API's own
 * (`capacity.one_to_one`, `tiering.rules.1.tier`), so a refused save's issues land on the field
 * they name; each rule's filter is the segments' builder draft, whose issues land on its rows.
 */
export type Num = number | "";

export type TieringRuleDraft = {
  /** Keeps a rule's identity (and its builder's state) while rules move or are removed. */
  key: string;
  tier: string;
  /** "" leaves the account's coverage as it is. */
  coverage: Coverage | "";
  filter: DraftGroup;
};

export type CoverageValues = {
  capacity: Record<keyof Capacity, Num>;
  tiering: { enabled: boolean; rules: TieringRuleDraft[] };
};

/** The API takes at most this many tiering rules. */
export const MAX_TIERING_RULES = 20;

let seq = 0;
const ruleDraft = (r: TieringRule): TieringRuleDraft => ({
  key: `tiering-rule-${++seq}`,
  tier: r.tier,
  coverage: r.coverage ?? "",
  filter: draftOf(r.filter),
});

/** A new rule: no tier yet, coverage left alone, and one condition to fill in. */
export const blankTieringRule = (): TieringRuleDraft => ({
  key: `tiering-rule-${++seq}`,
  tier: "",
  coverage: "",
  filter: blankFilter(),
});

export const valuesOf = (s: CoverageSettings): CoverageValues => ({
  capacity: { ...s.capacity },
  tiering: { enabled: s.tiering.enabled, rules: s.tiering.rules.map(ruleDraft) },
});

/** The rules as the API takes them, for a save or a preview of the draft. */
export const rulesOf = (rules: TieringRuleDraft[]): TieringRule[] =>
  rules.map((r) => ({
    tier: r.tier.trim(),
    coverage: r.coverage === "" ? null : r.coverage,
    filter: filterOf(r.filter),
  }));

/** An empty number box goes as nothing, which the contract words as "is required". */
const count = (n: Num) => (n === "" ? (undefined as unknown as number) : n);

export const bodyOf = (v: CoverageValues) =>
  ({
    capacity: {
      one_to_one: count(v.capacity.one_to_one),
      one_to_few: count(v.capacity.one_to_few),
      one_to_many: count(v.capacity.one_to_many),
    },
    tiering: { enabled: v.tiering.enabled, rules: rulesOf(v.tiering.rules) },
  }) satisfies CoverageSettingsUpdate;

// Issues at their fields

/** Labels of every field the form shows, for its rules as they are now. */
export const coverageLabels = (ruleCount: number): FieldLabels => {
  const out: FieldLabels = {
    "tiering.enabled": "Run every night",
    "tiering.rules": "Tiering rules",
  };
  for (const c of COVERAGE_MODELS) out[`capacity.${c}`] = COVERAGE_LABELS[c] ?? c;
  for (let i = 0; i < ruleCount; i++) {
    out[`tiering.rules.${i}.tier`] = "Tier";
    out[`tiering.rules.${i}.coverage`] = "Coverage";
  }
  return out;
};

/** A preview answers for its body's `rules.…`: the same rules the settings hold at `tiering.rules.…`. */
export const settingsIssues = (issues: Issue[]): Issue[] =>
  issues.map((i) =>
    i.path === "rules" || i.path.startsWith("rules.") ? { ...i, path: `tiering.${i.path}` } : i,
  );

const FILTER_PATH = /^tiering\.rules\.(\d+)\.filter(\.|$)/;

export const isFilterIssue = (i: Issue): boolean => FILTER_PATH.test(i.path);

/** Rule `index`'s filter issues as the builder reads a segment's (`filter.conditions.0.value`). */
export const ruleFilterIssues = (issues: Issue[], index: number): Issue[] =>
  issues.flatMap((i) => {
    const m = FILTER_PATH.exec(i.path);
    return m && Number(m[1]) === index
      ? [{ ...i, path: i.path.slice(`tiering.rules.${index}.`.length) }]
      : [];
  });
