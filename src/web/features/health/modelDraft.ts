import type { FormErrors } from "@mantine/form";
import {
  HEALTH_SOURCES,
  type HealthSource,
  type Measure,
  type MeasureGroup,
  type ModelDefinition,
  type ScoringRule,
} from "../../../contract/index.ts";
import { pathLabel } from "../../lib/issues.ts";

/** A key the API accepts (lowercase, digits, _), unique among the model's groups and measures. */
export const uniqueKey = (name: string, taken: Set<string>): string => {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^[^a-z]+|_+$/g, "")
      .slice(0, 34) || "item";
  let key = base;
  for (let i = 2; taken.has(key); i++) key = `${base}_${i}`;
  return key;
};

export const keysOf = (d: ModelDefinition): Set<string> =>
  new Set(d.groups.flatMap((g) => [g.key, ...g.measures.map((m) => m.key)]));

/** A rule pointing the healthy way for a source: higher-is-better sources get good above poor. */
export const defaultRule = (source: HealthSource): ScoringRule => {
  const s = HEALTH_SOURCES[source];
  const [low, high] =
    s.unit === "ratio" ? [0.2, 0.6] : s.unit === "days" ? [7, 30] : s.unit === "rating" ? [2, 4] : [0, 1];
  return s.better === "higher"
    ? { kind: "thresholds", good: high, poor: low }
    : { kind: "thresholds", good: low, poor: high };
};

export const newMeasure = (source: HealthSource, taken: Set<string>): Measure => ({
  key: uniqueKey(source.replace(/^[a-z_]+\./, ""), taken),
  name: HEALTH_SOURCES[source].label,
  source,
  rule: defaultRule(source),
  weight: 1,
  missing: "skip",
});

export const newGroup = (taken: Set<string>, name = "New group"): MeasureGroup => {
  const key = uniqueKey(name, taken);
  return { key, name, weight: 1, measures: [newMeasure("usage.mau", new Set([...taken, key]))] };
};

/** A starting definition for a new model: one usage group. */
export const blankDefinition = (): ModelDefinition => ({
  appliesTo: { tiers: [], coverage: [], lifecycleStages: [], customFields: {} },
  groups: [newGroup(new Set(), "Usage")],
  bands: { averageFrom: 40, goodFrom: 70 },
});

/** Which way a rule says is healthy, in words for the editor's hint. */
export const ruleDirection = (rule: ScoringRule): string => {
  if (rule.kind === "thresholds") {
    if (rule.good === rule.poor) return "Good and poor must differ";
    return rule.good > rule.poor
      ? `Higher is better: ≥ ${rule.good} scores 100, ≤ ${rule.poor} scores 0, 50 in between`
      : `Lower is better: ≤ ${rule.good} scores 100, ≥ ${rule.poor} scores 0, 50 in between`;
  }
  if (rule.from === rule.to) return "From and to must differ";
  return rule.to > rule.from
    ? `Higher is better: ${rule.from} scores 0 rising straight to 100 at ${rule.to}`
    : `Lower is better: ${rule.from} scores 0 rising straight to 100 at ${rule.to}`;
};

/**
 * Every place in the editor that shows an error for a path inside the definition, worded as today
 * by the path's last word ("definition.groups.0.weight" → "Weight"); an issue elsewhere (a tier in
 * the list, a custom field, a measure's missing-data policy) shows at the nearest one above it.
 */
export const definitionLabels = (d: ModelDefinition | null): Record<string, string> => {
  const paths = [
    "groups",
    "bands",
    "bands.averageFrom",
    "bands.goodFrom",
    "appliesTo.tiers",
    "appliesTo.coverage",
    "appliesTo.lifecycleStages",
    "appliesTo.customFields",
  ];
  d?.groups.forEach((g, gi) => {
    const gp = `groups.${gi}`;
    paths.push(`${gp}.name`, `${gp}.key`, `${gp}.weight`, `${gp}.measures`);
    g.measures.forEach((_, mi) => {
      const mp = `${gp}.measures.${mi}`;
      paths.push(`${mp}.name`, `${mp}.key`, `${mp}.source`, `${mp}.weight`);
      paths.push(...["", ".good", ".poor", ".from", ".to"].map((k) => `${mp}.rule${k}`));
    });
  });
  return Object.fromEntries(paths.map((p) => [`definition.${p}`, pathLabel(p)]));
};

/** The form's errors for the definition, keyed from inside it ("groups.0.weight"). */
export const definitionErrors = (errors: FormErrors): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors))
    if (k.startsWith("definition.") && typeof v === "string") out[k.slice(11)] = v;
  return out;
};
