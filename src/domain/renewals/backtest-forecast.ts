import { utcToday } from "../../common/dates.ts";
import type { ForecastBacktest, ForecastCall } from "../../contract/renewals.ts";
import { FORECAST_CALLS, ZBacktestQuery } from "../../contract/renewals.ts";
import type { Ctx } from "../context.ts";
import { getRevenueSettings } from "../revenue/index.ts";
import { fitCalibration } from "./calibrate-renewals.ts";
import { inHeadline } from "./find-renewals.ts";
import { renewalsDueWithScore } from "./renewal.queries.ts";
import {
  type ForecastLine,
  forecastCall,
  LEAD_DAYS,
  pastQuarters,
  renewalProbability,
} from "./renewal.rules.ts";

type Line = ForecastLine & { renewed: boolean; scored: boolean };

/**
 * The renewal forecast as it would have been made on the first day of each past quarter — the
 * calibration fitted only on renewals decided before that day, each account's churn probability
 * as recorded on it — against what renewed by the quarter's end: the error per quarter, and how
 * the renewals of each category did.
 */
export async function backtestForecast(
  ctx: Ctx,
  query: { quarters?: number | string } = {},
): Promise<ForecastBacktest> {
  const q = ZBacktestQuery.parse(query);
  const now = new Date();
  const today = utcToday(now);
  const settings = await getRevenueSettings(ctx);
  const notes: string[] = [];
  const quarters: ForecastBacktest["quarters"] = [];
  const past: {
    quarter: ReturnType<typeof pastQuarters>[number];
    method: ForecastBacktest["quarters"][number]["calibration"];
    lines: Line[];
  }[] = [];
  for (const quarter of pastQuarters(today, q.quarters)) {
    const calibration = await fitCalibration(ctx.db, ctx.workspaceId, now, quarter.first);
    const rows = await renewalsDueWithScore(ctx.db, ctx.workspaceId, today, quarter.first, quarter.next);
    const lines: Line[] = rows.map((r) => {
      const probability = renewalProbability(calibration, r.churnProbability);
      const call = forecastCall(probability, settings.forecast);
      return {
        currency: r.currency,
        arrMinor: r.arrMinor,
        probability,
        forecast: call,
        csmCall: null,
        renewed: r.renewed,
        scored: r.churnProbability !== null,
      };
    });
    past.push({ quarter, method: calibration.method, lines });
  }
  // Every quarter in one currency, so that their errors add up: the base currency, else the one
  // with the most ARR over all the quarters. A quarter whose renewals cannot all be converted on
  // its first day keeps those already in it.
  const currency = settings.baseCurrency ?? largestCurrency(past.flatMap((p) => p.lines));
  for (const { quarter, method, lines } of past) {
    const headline = inHeadline(lines, settings, quarter.first);
    let inOne: Line[];
    if (headline && "lines" in headline && headline.currency === currency) inOne = headline.lines;
    else {
      inOne = lines.filter((l) => l.currency === currency);
      if (lines.length > inOne.length)
        notes.push(
          `${quarter.quarter}: only the ${currency} renewals are counted (the others have no rate into ${settings.baseCurrency ?? "a base currency"})`,
        );
    }
    // Renewals with no probability at all (no score, no past renewal yet) are left out of both sides.
    const unforecast = inOne.filter((l) => l.probability === null).length;
    inOne = inOne.filter((l) => l.probability !== null);
    const sumArr = (ls: Line[], f: (l: Line) => number) => Math.round(ls.reduce((s, l) => s + f(l), 0));
    const expected = sumArr(inOne, (l) => l.arrMinor * (l.probability ?? 0));
    const renewed = sumArr(inOne, (l) => (l.renewed ? l.arrMinor : 0));
    quarters.push({
      quarter: quarter.quarter,
      asOf: quarter.first,
      renewals: inOne.length,
      scored: inOne.filter((l) => l.scored).length,
      unforecast,
      arrMinor: sumArr(inOne, (l) => l.arrMinor),
      expectedArrMinor: expected,
      renewedArrMinor: renewed,
      error: renewed > 0 ? (expected - renewed) / renewed : null,
      calibration: method,
      byCall: FORECAST_CALLS.map((call: ForecastCall) => {
        const of = inOne.filter((l) => l.forecast === call);
        return {
          call,
          renewals: of.length,
          renewed: of.filter((l) => l.renewed).length,
          expectedArrMinor: sumArr(of, (l) => l.arrMinor * (l.probability ?? 0)),
          renewedArrMinor: sumArr(of, (l) => (l.renewed ? l.arrMinor : 0)),
        };
      }),
    });
  }
  const renewedTotal = quarters.reduce((s, x) => s + x.renewedArrMinor, 0);
  const unscored = quarters.filter((x) => x.renewals > 0 && x.scored === 0).map((x) => x.quarter);
  if (unscored.length > 0)
    notes.push(
      `No churn scores were recorded at the start of ${unscored.join(", ")}: those renewals are weighted by the base renewal rate of the time`,
    );
  const blind = quarters.filter((x) => x.unforecast > 0).map((x) => `${x.quarter} (${x.unforecast})`);
  if (blind.length > 0)
    notes.push(
      `Renewals with no churn score and no earlier renewal to take a rate from are left out: ${blind.join(", ")}`,
    );
  return {
    currency,
    leadDays: LEAD_DAYS,
    quarters,
    weightedAbsoluteError:
      renewedTotal > 0
        ? quarters.reduce((s, x) => s + Math.abs(x.expectedArrMinor - x.renewedArrMinor), 0) / renewedTotal
        : null,
    notes,
  };
}

function largestCurrency(lines: readonly ForecastLine[]): string | null {
  const totals = new Map<string, number>();
  for (const l of lines) totals.set(l.currency, (totals.get(l.currency) ?? 0) + l.arrMinor);
  return [...totals.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}
