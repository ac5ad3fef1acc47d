import { addDays, utcToday } from "../../common/dates.ts";
import type {
  Calibration,
  ForecastCall,
  Renewal,
  RenewalOutcome,
  RenewalPipeline,
  RenewalStage,
  RenewalsQuery,
} from "../../contract/renewals.ts";
import { ZRenewalsQuery } from "../../contract/renewals.ts";
import type { RevenueSettings } from "../../contract/revenue.ts";
import type { Ctx } from "../context.ts";
import { getRevenueSettings, rateOn } from "../revenue/index.ts";
import { getSegment } from "../segments/index.ts";
import { currentCalibration } from "./calibrate-renewals.ts";
import { type PipelineFilter, type PipelineRow, pipelineRows } from "./renewal.queries.ts";
import {
  type ForecastLine,
  forecastCall,
  forecastTotals,
  noticeDateOf,
  renewalProbability,
} from "./renewal.rules.ts";

/** A subscription's renewal as the pipeline shows it, its probability and category included. */
export function toRenewal(row: PipelineRow, settings: RevenueSettings, calibration: Calibration): Renewal {
  const probability = renewalProbability(calibration, row.churnProbability);
  const forecast = forecastCall(probability, settings.forecast);
  const csmCall = (row.csmCall as ForecastCall | null) ?? null;
  return {
    subscriptionId: row.subscriptionId,
    accountId: row.accountId,
    accountName: row.accountName,
    product: row.product,
    plan: row.plan,
    dueDate: row.dueDate,
    noticeDate: noticeDateOf(row.dueDate, row.noticeDate, settings.noticeDays),
    noticeDateSet: row.noticeDate !== null,
    arrMinor: row.arrMinor,
    currency: row.currency,
    autoRenew: row.autoRenew,
    healthScore: row.healthScore,
    healthBand: row.healthBand,
    churnProbability: row.churnProbability,
    successIndex: row.successIndex,
    owner: row.ownerId ? { id: row.ownerId, name: row.ownerName ?? "" } : null,
    stage: (row.stage as RenewalStage | null) ?? "not_started",
    renewalProbability: probability,
    forecast,
    csmCall,
    callDiffers: csmCall !== null && forecast !== null && csmCall !== forecast,
    outcome: (row.outcome as RenewalOutcome | null) ?? null,
    reasonCode: row.reasonCode,
    arrAfterMinor: row.arrAfterMinor,
    note: row.note,
  };
}

/**
 * Forecast lines in the headline currency: the base one, each amount converted at its rate of the
 * day (null when a currency has no rate yet), or the only currency there is.
 */
export function inHeadline<L extends ForecastLine>(
  lines: readonly L[],
  settings: RevenueSettings,
  day: string,
): { currency: string; lines: L[] } | { missing: string[] } | null {
  const currencies = [...new Set(lines.map((l) => l.currency))].sort();
  const base = settings.baseCurrency;
  if (!base) return currencies.length === 1 ? { currency: currencies[0] as string, lines: [...lines] } : null;
  const missing = currencies.filter((c) => rateOn(settings.rates, base, c, day) === null);
  if (missing.length > 0) return { missing };
  return {
    currency: base,
    lines: lines.map((l) => ({
      ...l,
      currency: base,
      arrMinor: Math.round(l.arrMinor * (rateOn(settings.rates, base, l.currency, day) as number)),
    })),
  };
}

/** The pipeline's rows, checked filters first (a segment of another workspace is a 404). */
export async function pipelineOf(ctx: Ctx, filter: PipelineFilter) {
  if (filter.segmentId) await getSegment(ctx, filter.segmentId);
  const settings = await getRevenueSettings(ctx);
  const calibration = await currentCalibration(ctx);
  const rows = await pipelineRows(ctx.db, ctx.workspaceId, filter);
  return { settings, calibration, renewals: rows.map((r) => toRenewal(r, settings, calibration)) };
}

/**
 * Every paid subscription renewing in the window (today and the next `days − 1` days by default),
 * and the forecast: ARR weighted by each renewal's probability, by the model's category and by the
 * CSMs' own calls, per currency and in the headline currency.
 */
export async function getRenewals(ctx: Ctx, query: RenewalsQuery = {}): Promise<RenewalPipeline> {
  const q = ZRenewalsQuery.parse(query);
  const from = q.from ?? utcToday();
  const to = addDays(from, q.days - 1);
  const { settings, calibration, renewals } = await pipelineOf(ctx, {
    from,
    to,
    segmentId: q.segment ?? null,
    owner: q.owner ?? null,
    stage: q.stage ?? null,
  });
  const data = q.forecast ? renewals.filter((r) => r.forecast === q.forecast) : renewals;
  const lines: ForecastLine[] = data.map((r) => ({
    currency: r.currency,
    arrMinor: r.arrMinor,
    probability: r.renewalProbability,
    forecast: r.forecast,
    csmCall: r.csmCall,
  }));
  const currencies = [...new Set(lines.map((l) => l.currency))].sort();
  const byCurrency = currencies.map((c) =>
    forecastTotals(
      c,
      lines.filter((l) => l.currency === c),
    ),
  );
  const notes: string[] = [];
  const headline = inHeadline(lines, settings, from);
  if (headline && "missing" in headline)
    notes.push(
      `No rate into ${settings.baseCurrency} for ${headline.missing.join(", ")} on ${from}: the forecast is shown per currency (add the rate in Settings → Revenue)`,
    );
  else if (!headline && currencies.length > 1)
    notes.push(
      `Renewals are in ${currencies.join(", ")} and no base currency is set: the forecast is shown per currency`,
    );
  if (calibration.note) notes.push(calibration.note);
  return {
    from,
    to,
    data,
    forecast: {
      thresholds: settings.forecast,
      headline: headline && "lines" in headline ? forecastTotals(headline.currency, headline.lines) : null,
      byCurrency,
      calibration,
      notes,
    },
  };
}
