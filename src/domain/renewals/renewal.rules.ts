import { addDays } from "../../common/dates.ts";
import type { Calibration, ForecastCall, RenewalOutcome } from "../../contract/renewals.ts";

/**
 * How a churn probability becomes a renewal probability, and what the forecast adds up
 * (docs/renewals.md). Plain functions over plain rows; the queries gather the rows.
 */

/**
 * Past renewals alike in whether they renewed and the churn probability they had `LEAD_DAYS`
 * before (null: none recorded then), with how many there were.
 */
export type PastRenewals = { renewed: boolean; churnProbability: number | null; count: number };

/** Fewer scored renewals than this, or fewer of either kind, and the fit is not trusted. */
export const MIN_SCORED = 30;
export const MIN_PER_KIND = 5;
/** The past renewals are scored as they stood this long before each: the pipeline's usual horizon. */
export const LEAD_DAYS = 90;

const EPS = 1e-6;
const clamp = (p: number) => Math.min(1 - EPS, Math.max(EPS, p));
const logit = (p: number) => Math.log(clamp(p) / (1 - clamp(p)));
const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export const isRenewed = (outcome: RenewalOutcome) => outcome !== "churned";

/**
 * Platt scaling: the renewal probability as σ(a + b·logit(churn probability)), fitted by Newton's
 * method on the scored past renewals. Two parameters need no library: the Hessian is 2×2. A small
 * ridge keeps a perfectly separated history from running off to infinity.
 */
export function fitPlatt(points: readonly { x: number; y: number; w: number }[]): { a: number; b: number } {
  let a = 0;
  let b = -1;
  const ridge = 1e-3;
  for (let iteration = 0; iteration < 50; iteration++) {
    let ga = 0;
    let gb = ridge * b;
    let haa = 0;
    let hab = 0;
    let hbb = ridge;
    for (const { x, y, w: count } of points) {
      const mu = sigmoid(a + b * x);
      const w = count * Math.max(mu * (1 - mu), 1e-12);
      ga += count * (mu - y);
      gb += count * (mu - y) * x;
      haa += w;
      hab += w * x;
      hbb += w * x * x;
    }
    const det = haa * hbb - hab * hab;
    if (!(Math.abs(det) > 1e-12)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}

const BIN_EDGES = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

/**
 * Fits the calibration on past renewals. With too few scored ones (or too few of either kind)
 * it says so and keeps the churn model's own word: renewal probability = 1 − churn probability.
 */
export function calibrate(history: readonly PastRenewals[], fittedAt: Date): Calibration {
  const sum = (rows: readonly PastRenewals[]) => rows.reduce((n, r) => n + r.count, 0);
  const renewals = sum(history);
  const renewedCount = sum(history.filter((h) => h.renewed));
  const scoredRows = history.filter((h) => h.churnProbability !== null) as (PastRenewals & {
    churnProbability: number;
  })[];
  const scored = sum(scoredRows);
  const scoredRenewed = sum(scoredRows.filter((h) => h.renewed));
  const enough =
    scored >= MIN_SCORED && scoredRenewed >= MIN_PER_KIND && scored - scoredRenewed >= MIN_PER_KIND;
  const fit = enough
    ? fitPlatt(scoredRows.map((h) => ({ x: logit(h.churnProbability), y: h.renewed ? 1 : 0, w: h.count })))
    : { a: 0, b: -1 };
  const base = {
    method: enough ? ("platt" as const) : ("uncalibrated" as const),
    intercept: fit.a,
    slope: fit.b,
    baseRate: renewals > 0 ? renewedCount / renewals : null,
    renewals,
    churned: renewals - renewedCount,
    scored,
    leadDays: LEAD_DAYS,
    note: enough
      ? null
      : `Only ${scored} past renewal${scored === 1 ? "" : "s"} had a churn score ${LEAD_DAYS} days before (${scoredRenewed} renewed, ${scored - scoredRenewed} not); at least ${MIN_SCORED} with ${MIN_PER_KIND} of each are needed to calibrate, so the renewal probability is 1 − the churn probability`,
    fittedAt: fittedAt.toISOString(),
  };
  // The reliability table: per tenth of churn probability, what was predicted and what happened.
  const bins = BIN_EDGES.slice(0, -1).map((from, i) => {
    const to = BIN_EDGES[i + 1] as number;
    const last = i === BIN_EDGES.length - 2;
    const inBin = scoredRows.filter((h) => h.churnProbability >= from && (h.churnProbability < to || last));
    const n = sum(inBin);
    const predicted =
      n > 0
        ? inBin.reduce((s, h) => s + h.count * renewalProbabilityOf(base, h.churnProbability), 0) / n
        : null;
    const actual = n > 0 ? sum(inBin.filter((h) => h.renewed)) / n : null;
    return { from, to, renewals: n, predicted, actual };
  });
  return { ...base, bins };
}

type Fit = Pick<Calibration, "method" | "intercept" | "slope">;

function renewalProbabilityOf(fit: Fit, churnProbability: number): number {
  if (fit.method === "uncalibrated") return 1 - churnProbability;
  return sigmoid(fit.intercept + fit.slope * logit(churnProbability));
}

/** A renewal's probability: from its churn score, else the base rate of past renewals, else none. */
export function renewalProbability(
  calibration: Pick<Calibration, "method" | "intercept" | "slope" | "baseRate">,
  churnProbability: number | null,
): number | null {
  if (churnProbability !== null) return renewalProbabilityOf(calibration, churnProbability);
  return calibration.baseRate;
}

export type Thresholds = { commitAtLeast: number; likelyAtLeast: number };

/** commit, likely or at risk by the workspace's thresholds. */
export function forecastCall(probability: number | null, t: Thresholds): ForecastCall | null {
  if (probability === null) return null;
  if (probability >= t.commitAtLeast) return "commit";
  if (probability >= t.likelyAtLeast) return "likely";
  return "at_risk";
}

export type ForecastLine = {
  currency: string;
  arrMinor: number;
  probability: number | null;
  forecast: ForecastCall | null;
  csmCall: ForecastCall | null;
};

const callTotals = () => ({ commitMinor: 0, likelyMinor: 0, atRiskMinor: 0, noneMinor: 0 });
const addTo = (t: ReturnType<typeof callTotals>, call: ForecastCall | null, arr: number) => {
  if (call === "commit") t.commitMinor += arr;
  else if (call === "likely") t.likelyMinor += arr;
  else if (call === "at_risk") t.atRiskMinor += arr;
  else t.noneMinor += arr;
};

/** The forecast's totals of lines already in one currency (the one given). */
export function forecastTotals(currency: string, lines: readonly ForecastLine[]) {
  const model = callTotals();
  const csm = callTotals();
  let arr = 0;
  let expected = 0;
  for (const l of lines) {
    arr += l.arrMinor;
    expected += l.arrMinor * (l.probability ?? 0);
    addTo(model, l.forecast, l.arrMinor);
    addTo(csm, l.csmCall, l.arrMinor);
  }
  return {
    currency,
    renewals: lines.length,
    arrMinor: arr,
    expectedArrMinor: Math.round(expected),
    model,
    csm,
  };
}

/** A renewal's notice date: its own, else the notice period before the due date. */
export function noticeDateOf(dueDate: string, own: string | null, noticeDays: number): string {
  return own ?? addDays(dueDate, -noticeDays);
}

/** Quarters as `2026-Q3` with their first day and the first day of the next. */
export function quarterOf(day: string): { quarter: string; first: string; next: string } {
  const year = Number(day.slice(0, 4));
  const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3);
  const first = `${year}-${String(q * 3 + 1).padStart(2, "0")}-01`;
  const next = q === 3 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 4).padStart(2, "0")}-01`;
  return { quarter: `${year}-Q${q + 1}`, first, next };
}

/** The `count` whole quarters before the one `today` is in, oldest first. */
export function pastQuarters(today: string, count: number) {
  const out: ReturnType<typeof quarterOf>[] = [];
  let { first } = quarterOf(today);
  for (let i = 0; i < count; i++) {
    const d = new Date(`${first}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() - 3);
    const q = quarterOf(d.toISOString().slice(0, 10));
    out.unshift(q);
    first = q.first;
  }
  return out;
}

const OUTCOME_WORDS: Record<RenewalOutcome, string> = {
  renewed: "renewed",
  expanded: "renewed and expanded",
  downgraded: "renewed with a downgrade",
  churned: "did not renew",
};

/** The timeline's line for a renewal decided (or its decision withdrawn, with no outcome). */
export function decisionTitle(
  dueDate: string,
  outcome: RenewalOutcome | null,
  reasonCode: string | null,
): string {
  if (!outcome) return `Renewal outcome of ${dueDate} withdrawn`;
  const why = reasonCode ? ` (${reasonCode.replaceAll("_", " ")})` : "";
  return `Renewal of ${dueDate} ${OUTCOME_WORDS[outcome]}${why}`;
}
