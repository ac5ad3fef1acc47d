import {
  type AppliesTo,
  HEALTH_SOURCES,
  type HealthBand,
  type HealthSource,
  type MeasureScore,
  type ModelDefinition,
  type ScoringRule,
} from "../../contract/health.ts";

/** A measure source's value per account; absent or null means the account has none. */
export type SourceValues = Partial<Record<HealthSource, number | null>>;

export type Scored = { score: number | null; band: HealthBand | null; measures: MeasureScore[] };

/** Points (0–100) a rule gives a value. */
export function pointsFor(rule: ScoringRule, value: number): number {
  if (rule.kind === "thresholds") {
    const higherBetter = rule.good > rule.poor;
    const good = higherBetter ? value >= rule.good : value <= rule.good;
    const poor = higherBetter ? value <= rule.poor : value >= rule.poor;
    return good ? 100 : poor ? 0 : 50;
  }
  const t = (value - rule.from) / (rule.to - rule.from);
  return Math.round(Math.min(1, Math.max(0, t)) * 1000) / 10;
}

export const bandOf = (score: number, bands: ModelDefinition["bands"]): HealthBand =>
  score >= bands.goodFrom ? "good" : score >= bands.averageFrom ? "average" : "poor";

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Scores one account. Groups share the score by their weights, measures share their group's part
 * by theirs. A measure without a value either scores 0 (`poor`) or is left out (`skip`) and its
 * weight goes to the group's other measures; a group with nothing left gives its weight to the
 * other groups. Nothing left at all: no score. Contributions add up to the score.
 */
export function scoreAccount(definition: ModelDefinition, values: SourceValues): Scored {
  type Part = {
    m: ModelDefinition["groups"][number]["measures"][number];
    group: string;
    value: number | null;
    points: number | null;
  };
  const groups = definition.groups.map((g) => {
    const parts: Part[] = g.measures.map((m) => {
      const raw = values[m.source];
      const value = raw === undefined || raw === null || !Number.isFinite(raw) ? null : raw;
      const points = value !== null ? pointsFor(m.rule, value) : m.missing === "poor" ? 0 : null;
      return { m, group: g.key, value, points };
    });
    const counted = parts.filter((p) => p.points !== null);
    return { g, parts, weight: counted.reduce((s, p) => s + p.m.weight, 0) };
  });
  const live = groups.filter((x) => x.weight > 0);
  const groupTotal = live.reduce((s, x) => s + x.g.weight, 0);
  const measures: MeasureScore[] = [];
  let score = 0;
  for (const x of groups) {
    for (const p of x.parts) {
      const weight =
        p.points === null || x.weight === 0 || groupTotal === 0
          ? 0
          : (x.g.weight / groupTotal) * (p.m.weight / x.weight);
      const contribution = p.points === null ? 0 : p.points * weight;
      score += contribution;
      measures.push({
        key: p.m.key,
        name: p.m.name,
        group: x.g.name,
        source: p.m.source,
        value: p.value,
        points: p.points,
        weight: Math.round(weight * 10_000) / 10_000,
        contribution: round1(contribution),
        missing: p.value === null,
      });
    }
  }
  if (groupTotal === 0) return { score: null, band: null, measures };
  const final = round1(score);
  return { score: final, band: bandOf(final, definition.bands), measures };
}

/** What `appliesTo` needs to know about an account. */
export type AccountFacts = {
  tier: string | null;
  coverage: string | null;
  lifecycleStage: string;
  customFields: Record<string, unknown>;
};

/** Whether a model's `appliesTo` takes the account: every list given must contain its value. */
export function applies(a: AppliesTo, account: AccountFacts): boolean {
  const within = (list: string[], v: string | null) =>
    list.length === 0 || (v !== null && list.some((x) => x.toLowerCase() === v.toLowerCase()));
  if (!within(a.tiers, account.tier)) return false;
  if (!within(a.coverage, account.coverage)) return false;
  if (!within(a.lifecycleStages, account.lifecycleStage)) return false;
  return Object.entries(a.customFields).every(([k, v]) => account.customFields[k] === v);
}

/** The model that scores an account: the first that applies, in priority order (then name). */
export function modelFor<M extends { appliesTo: AppliesTo }>(models: M[], account: AccountFacts): M | null {
  return models.find((m) => applies(m.appliesTo, account)) ?? null;
}

// ---------------------------------------------------------------- explaining a change

/** Stored form of a scored measure: [value, points, weight]. */
export type StoredMeasures = Record<string, [number | null, number | null, number]>;

export const toStored = (measures: MeasureScore[]): StoredMeasures =>
  Object.fromEntries(measures.map((m) => [m.key, [m.value, m.points, m.weight]]));

export type ChangeDriver = {
  key: string;
  name: string;
  change: number;
  valueFrom: number | null;
  valueTo: number | null;
  text: string;
};

/**
 * A measure's name as it reads inside a sentence: "Weekly active users" → "weekly active users",
 * but a first word that carries capitals after its first letter is an acronym or a brand ("CSM
 * sentiment", "MRR change", "NPS", "iOS sessions") and is kept as written.
 */
export const inSentence = (name: string): string => {
  const first = name.split(/\s/, 1)[0] ?? "";
  if (/[A-Z]/.test(first.slice(1))) return name;
  return name.charAt(0).toLowerCase() + name.slice(1);
};

const fmtSigned = (x: number) =>
  `${x > 0 ? "+" : x < 0 ? "−" : "±"}${Math.abs(x).toFixed(Math.abs(x) >= 10 ? 0 : 1)}`;

/** "weekly active users fell 40%", "champion present went from yes to no", "days to renewal: 40 → 12". */
export function describeMove(
  name: string,
  source: HealthSource,
  from: number | null,
  to: number | null,
): string {
  const label = inSentence(name);
  if (from === null && to === null) return `${label} is still unknown`;
  if (from === null) return `${label} is now known (${fmtValue(source, to)})`;
  if (to === null) return `${label} is no longer known (was ${fmtValue(source, from)})`;
  const unit = HEALTH_SOURCES[source].unit;
  if (unit === "boolean") return `${label} went from ${from ? "yes" : "no"} to ${to ? "yes" : "no"}`;
  if (from === to) return `${label} unchanged at ${fmtValue(source, to)}`;
  const verb = to > from ? "rose" : "fell";
  if ((unit === "users" || unit === "days") && from !== 0) {
    const pct = Math.round((Math.abs(to - from) / Math.abs(from)) * 100);
    return `${label} ${verb} ${pct}% (${fmtValue(source, from)} → ${fmtValue(source, to)})`;
  }
  return `${label} ${verb} from ${fmtValue(source, from)} to ${fmtValue(source, to)}`;
}

export function fmtValue(source: HealthSource, v: number | null): string {
  if (v === null) return "unknown";
  const unit = HEALTH_SOURCES[source].unit;
  if (unit === "ratio") return `${Math.round(v * 100)}%`;
  if (unit === "boolean") return v ? "yes" : "no";
  return `${Math.round(v * 10) / 10}`;
}

/**
 * The measures that moved a score between two days, largest effect first: each measure's
 * contribution then and now (points × weight). Changes under 0.5 points are left out.
 */
export function explainChange(
  definition: ModelDefinition,
  before: StoredMeasures,
  now: StoredMeasures,
): ChangeDriver[] {
  const drivers: ChangeDriver[] = [];
  for (const g of definition.groups) {
    for (const m of g.measures) {
      const [v0, p0, w0] = before[m.key] ?? [null, null, 0];
      const [v1, p1, w1] = now[m.key] ?? [null, null, 0];
      const change = round1((p1 ?? 0) * w1 - (p0 ?? 0) * w0);
      if (Math.abs(change) < 0.5) continue;
      const text = `${fmtSigned(change)}: ${describeMove(m.name, m.source, v0, v1)}`;
      drivers.push({ key: m.key, name: m.name, change, valueFrom: v0, valueTo: v1, text });
    }
  }
  return drivers.sort((a, b) => Math.abs(b.change) - Math.abs(a.change));
}
