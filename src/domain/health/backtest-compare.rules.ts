import type { Backtest } from "../../contract/health.ts";

type Run = Pick<Backtest, "modelVersion" | "params" | "result">;

const n = (x: number) => x.toLocaleString("en-US");
const plural = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`;

const datesOf = (r: Run) =>
  `${r.result ? `${plural(r.result.dates, "date")} ` : ""}every ${plural(r.params.everyDays, "day")} from ${r.params.from} to ${r.params.to}`;

const observedOf = (r: NonNullable<Run["result"]>) =>
  `${r.accounts === null ? "" : `${plural(r.accounts, "account")}, `}${plural(r.observations, "observation")} of which ${n(r.positives)} followed by churn or contraction`;

/**
 * What makes two runs of the same model give different figures, in plain words: the version
 * tested, the dates scored, the horizon, the onboarding window, and the accounts and outcomes they
 * observed. Same parameters and figures that still differ mean the data changed in between.
 */
export function compareBacktests(run: Run, other: Run): string[] {
  const out: string[] = [];
  if (run.modelVersion !== other.modelVersion) {
    out.push(`This run tests version ${run.modelVersion}; the other tested version ${other.modelVersion}.`);
  }
  const p = run.params;
  const q = other.params;
  const sameDates = p.from === q.from && p.to === q.to && p.everyDays === q.everyDays;
  if (!sameDates) out.push(`This run scored ${datesOf(run)}; the other ${datesOf(other)}.`);
  if (p.horizonDays !== q.horizonDays) {
    out.push(
      `This run counts churn or contraction within ${p.horizonDays} days of each date; the other within ${q.horizonDays}.`,
    );
  }
  if (p.onboardingDays !== q.onboardingDays) {
    const window = (d: number | null) =>
      d === null
        ? "scored every customer"
        : `left out new customers without enough data in their first ${d} days`;
    out.push(`This run ${window(p.onboardingDays)}; the other ${window(q.onboardingDays)}.`);
  }
  const sameParams = out.length === 0;
  const a = run.result;
  const b = other.result;
  const sameObserved =
    a && b && a.observations === b.observations && a.positives === b.positives && a.accounts === b.accounts;
  if (a && b && !sameObserved) out.push(`This run observed ${observedOf(a)}; the other ${observedOf(b)}.`);
  if (out.length === 0) {
    out.push(
      a && b && a.auc !== b.auc
        ? "Same version, dates, horizon and accounts: the figures differ because the data behind them changed between the runs (usage, subscriptions or ratings added or corrected)."
        : "Same version, dates, horizon and accounts, and the same result.",
    );
  } else if (sameParams) {
    out.push("With the same version, dates and horizon, the data behind the runs changed in between.");
  }
  return out;
}
