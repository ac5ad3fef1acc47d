import { addDays, DAY_MS, utcToday } from "../../common/dates.ts";
import { FUNCTIONS, type Role, roleAtLeast, type TeamFunction } from "../../common/roles.ts";
import type {
  Journey,
  JourneyFigures,
  JourneyGap,
  JourneyList,
  ListItem,
} from "../../contract/touchpoints.ts";

/** A new workspace's lists: exactly what migration 0016 gave the workspaces that existed then. */
export const DEFAULT_LIST_ITEMS: {
  list: JourneyList;
  key: string;
  label: string;
  description: string | null;
  position: number;
}[] = [
  { list: "decision", key: "recognize_need", label: "Recognize the need", description: null, position: 1 },
  { list: "decision", key: "explore_options", label: "Explore options", description: null, position: 2 },
  { list: "decision", key: "evaluate_select", label: "Evaluate and select", description: null, position: 3 },
  { list: "decision", key: "implement", label: "Implement", description: null, position: 4 },
  { list: "decision", key: "realize_value", label: "Use and realize value", description: null, position: 5 },
  {
    list: "decision",
    key: "renew_expand",
    label: "Renew, expand and advocate",
    description: null,
    position: 6,
  },
  { list: "development", key: "attract", label: "Attract", description: "Marketing", position: 1 },
  { list: "development", key: "engage", label: "Engage", description: "Sales development", position: 2 },
  { list: "development", key: "propose_win", label: "Propose and win", description: "Sales", position: 3 },
  { list: "development", key: "onboard", label: "Onboard", description: "Services", position: 4 },
  {
    list: "development",
    key: "drive_value",
    label: "Drive adoption and value",
    description: "Customer success, support",
    position: 5,
  },
  {
    list: "development",
    key: "grow_retain",
    label: "Grow and retain",
    description: "Account management",
    position: 6,
  },
  {
    list: "dimension",
    key: "responsiveness",
    label: "Responsiveness",
    description: "We answer quickly and follow through.",
    position: 1,
  },
  {
    list: "dimension",
    key: "expertise",
    label: "Expertise",
    description: "Our people know the product and the customer's field.",
    position: 2,
  },
  {
    list: "dimension",
    key: "proactivity",
    label: "Proactivity",
    description: "We bring ideas and warnings before being asked.",
    position: 3,
  },
  {
    list: "dimension",
    key: "ease",
    label: "Ease of doing business",
    description: "Working with us takes little effort.",
    position: 4,
  },
  {
    list: "dimension",
    key: "reliability",
    label: "Reliability",
    description: "The product and our promises hold.",
    position: 5,
  },
  {
    list: "dimension",
    key: "understanding",
    label: "Understanding of their business",
    description: "We know what the customer is trying to achieve.",
    position: 6,
  },
  {
    list: "dimension",
    key: "value",
    label: "Value delivered",
    description: "The customer gets the results they bought us for.",
    position: 7,
  },
];

/** A list item's key made from its label: `Renew & expand!` → `renew_expand`. */
export const slugKey = (label: string): string =>
  label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 60)
    .replace(/_+$/, "");

/** Whether `keys` names every key of the list exactly once (a reorder must not lose or invent items). */
export function orderProblem(keys: string[], stored: string[]): string | null {
  const given = new Set(keys);
  if (given.size !== keys.length) return "names an item more than once";
  const unknown = keys.find((k) => !stored.includes(k));
  if (unknown) return `names "${unknown}", which is not in the list`;
  const missing = stored.find((k) => !given.has(k));
  if (missing) return `leaves out "${missing}": name every item of the list`;
  return null;
}

/** How a quality rating is stored: self-assessed when the employee gives it, else with its rater. */
export function rateQuality(
  rating: number | null,
  employeeId: string | null,
  actor: string | null,
): { qualityRating: number | null; qualityRatedBy: string | null; qualitySelfAssessed: boolean } {
  if (rating === null) return { qualityRating: null, qualityRatedBy: null, qualitySelfAssessed: false };
  if (actor !== null && actor === employeeId) {
    return { qualityRating: rating, qualityRatedBy: null, qualitySelfAssessed: true };
  }
  return { qualityRating: rating, qualityRatedBy: actor, qualitySelfAssessed: false };
}

/** A touchpoint may be back-dated freely, but not dated more than a day ahead (a time zone's worth). */
export const tooFarAhead = (occurredAt: Date, now: Date = new Date()): boolean =>
  occurredAt.getTime() > now.getTime() + DAY_MS;

/** The journey's period: the given days, else the year up to today. */
export function journeyPeriod(
  from: string | undefined,
  to: string | undefined,
  today: string = utcToday(),
): { from: string; to: string } {
  const end = to ?? (from && from > today ? from : today);
  return { from: from ?? addDays(end, -364), to: end };
}

/** Who sees which rows of the employee summary: managers and up everyone's, members their own. */
export function summaryScope(role: Role | null): "all" | "own" | "none" {
  if (role === null) return "all";
  if (roleAtLeast(role, "manager")) return "all";
  if (roleAtLeast(role, "member")) return "own";
  return "none";
}

/** Ratings of a set of touchpoints as sums, so cells add up to exact totals. */
export type Tally = { n: number; qSum: number; qN: number; eSum: number; eN: number };
export type TallyRow = Tally & { step: string | null; function: string };

const empty = (): Tally => ({ n: 0, qSum: 0, qN: 0, eSum: 0, eN: 0 });
const add = (a: Tally, b: Tally): Tally => ({
  n: a.n + b.n,
  qSum: a.qSum + b.qSum,
  qN: a.qN + b.qN,
  eSum: a.eSum + b.eSum,
  eN: a.eN + b.eN,
});
const round2 = (x: number) => Math.round(x * 100) / 100;
/** An average to two decimals; null when nothing was rated (never 0). */
export const average = (sum: number, n: number): number | null => (n === 0 ? null : round2(sum / n));
export const figures = (t: Tally): JourneyFigures => ({
  touchpoints: t.n,
  avgQuality: average(t.qSum, t.qN),
  avgExperience: average(t.eSum, t.eN),
});

const functionLabel = (f: string) => f.replace(/_/g, " ");

/**
 * The gaps of a journey (docs/journey.md): a decision step with no touchpoint in the period, and a
 * function absent from a step — it has touchpoints at other steps in the period but none at this
 * one. A step with no touchpoint at all is one gap, not one per function.
 */
export function journeyGaps(
  steps: { key: string; label: string; archived: boolean }[],
  cells: Map<string, Tally>,
  byStep: Map<string, Tally>,
): JourneyGap[] {
  const gaps: JourneyGap[] = [];
  const active = (f: string) => steps.some((s) => (cells.get(`${s.key}|${f}`)?.n ?? 0) > 0);
  for (const step of steps) {
    if (step.archived) continue;
    if ((byStep.get(step.key)?.n ?? 0) === 0) {
      gaps.push({
        kind: "step_without_touchpoints",
        step: step.key,
        function: null,
        reason: `No touchpoint at "${step.label}" in this period`,
      });
      continue;
    }
    for (const f of FUNCTIONS) {
      if ((cells.get(`${step.key}|${f}`)?.n ?? 0) > 0 || !active(f)) continue;
      gaps.push({
        kind: "function_absent",
        step: step.key,
        function: f,
        reason: `${functionLabel(f)} has touchpoints at other steps but none at "${step.label}"`,
      });
    }
  }
  return gaps;
}

type Step = Pick<ListItem, "key" | "label" | "archived">;

/** The journey matrix from its tallies per (decision step, function) and per development step. */
export function buildJourney(
  period: { accountId: string | null; from: string; to: string },
  decision: Step[],
  development: Step[],
  rows: TallyRow[],
  developmentRows: (Tally & { step: string | null })[],
): Journey {
  const used = new Set(rows.map((r) => r.step));
  const steps = decision
    .filter((s) => !s.archived || used.has(s.key))
    .map((s) => ({ key: s.key, label: s.label, archived: s.archived }));
  const known = new Set(steps.map((s) => s.key));
  const cells = new Map<string, Tally>();
  const byStep = new Map<string, Tally>();
  const byFunction = new Map<string, Tally>();
  let withoutStep = empty();
  let total = empty();
  for (const r of rows) {
    total = add(total, r);
    byFunction.set(r.function, add(byFunction.get(r.function) ?? empty(), r));
    // A key no longer in the list (deleted while unused by then) counts as no step.
    if (r.step === null || !known.has(r.step)) {
      withoutStep = add(withoutStep, r);
      continue;
    }
    const k = `${r.step}|${r.function}`;
    cells.set(k, add(cells.get(k) ?? empty(), r));
    byStep.set(r.step, add(byStep.get(r.step) ?? empty(), r));
  }
  const devUsed = new Set(developmentRows.map((r) => r.step));
  return {
    ...period,
    steps,
    functions: [...FUNCTIONS],
    cells: steps.flatMap((s) =>
      FUNCTIONS.flatMap((f) => {
        const t = cells.get(`${s.key}|${f}`);
        return t ? [{ step: s.key, function: f, ...figures(t) }] : [];
      }),
    ),
    stepTotals: steps.map((s) => ({ step: s.key, ...figures(byStep.get(s.key) ?? empty()) })),
    functionTotals: FUNCTIONS.map((f) => ({
      function: f as TeamFunction,
      ...figures(byFunction.get(f) ?? empty()),
    })),
    withoutStep: figures(withoutStep),
    total: figures(total),
    gaps: journeyGaps(steps, cells, byStep),
    development: development
      .filter((s) => !s.archived || devUsed.has(s.key))
      .map((s) => {
        const t = developmentRows.filter((r) => r.step === s.key).reduce(add, empty());
        return { step: s.key, label: s.label, archived: s.archived, ...figures(t) };
      }),
  };
}
