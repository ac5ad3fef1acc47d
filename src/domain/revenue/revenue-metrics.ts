import { utcToday } from "../../common/dates.ts";
import { notFound } from "../../common/errors.ts";
import type {
  AccountRevenue,
  Cohorts,
  MrrMonth,
  RevenueFigures,
  RevenueMetrics,
  RevenueSettings,
} from "../../contract/revenue.ts";
import { findAccount } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import { getSegment } from "../segments/index.ts";
import { getRevenueSettings } from "./manage-settings.ts";
import {
  accountMovements,
  cohortChanges,
  logosAt,
  type MonthRate,
  monthLogos,
  monthMovements,
  movementCurrencies,
  mrrInMonth,
  periodSums,
} from "./revenue.queries.ts";
import {
  type AccountPeriod,
  addMonths,
  lifetimeValue,
  monthEnd,
  monthOf,
  monthsBetween,
  periodBounds,
  periodFigures,
  rateOn,
} from "./revenue.rules.ts";

type Scope = { first: string; last: string; segmentId: string | null };

/** The segment a figure is narrowed to, which must be one of the workspace's (404 otherwise). */
async function segmentOf(ctx: Ctx, id: string | undefined): Promise<string | null> {
  if (!id) return null;
  await getSegment(ctx, id);
  return id;
}

/** The currency the headline figures are in: the base one, or the only one kept. */
const headlineCurrency = (settings: RevenueSettings, currencies: string[]): string | null =>
  settings.baseCurrency ?? (currencies.length === 1 ? (currencies[0] ?? null) : null);

const severalCurrencies = (currencies: string[]) =>
  `Revenue is kept in ${currencies.join(", ")} and no base currency is set: each currency's figures are shown apart (set a base currency and rates in Settings → Revenue to add them up)`;

function figuresOf(
  rows: AccountPeriod[],
  currency: string,
  months: number,
  settings: RevenueSettings,
  fxMinor = 0,
): RevenueFigures {
  const f = periodFigures(rows, settings);
  return {
    currency,
    ...f,
    startArrMinor: f.startMrrMinor * 12,
    endArrMinor: f.endMrrMinor * 12,
    fxMinor,
    ltv: lifetimeValue(f, months, settings.grossMargin),
  };
}

/**
 * The period's figures per currency, and in the headline currency: with a base currency every
 * account's MRR at the start and end is converted at the rate of those days, and each movement at
 * its month's; the difference is the period's currency effect (`fxMinor`).
 */
async function periodIn(ctx: Ctx, scope: Scope, settings: RevenueSettings) {
  const { first, last, segmentId } = scope;
  const months = monthsBetween(first, last).length;
  const currencies = await movementCurrencies(ctx.db, ctx.workspaceId, last, segmentId);
  const base = settings.baseCurrency;
  const notes: string[] = [];
  const monthRates: MonthRate[] = [];
  if (base) {
    for (const c of new Set([...currencies, base])) {
      for (const m of monthsBetween(first, last)) {
        const rate = rateOn(settings.rates, base, c, monthEnd(m));
        if (rate !== null) monthRates.push({ currency: c, month: m, rate });
      }
    }
  }
  const rateOf = (c: string, m: string) =>
    monthRates.find((r) => r.currency === c && r.month === m)?.rate ?? null;
  const bounds = periodBounds(first, last, base ? { currencies, rateOf } : null);
  const rows = await periodSums(ctx.db, ctx.workspaceId, bounds, segmentId, base !== null);
  const byCurrency = currencies.map((c) =>
    figuresOf(
      rows.filter((r) => r.currency === c),
      c,
      months,
      settings,
    ),
  );
  const currency = headlineCurrency(settings, currencies);
  let figures: RevenueFigures | null = null;
  if (!currency) {
    if (currencies.length > 1) notes.push(severalCurrencies(currencies));
  } else if (!base) {
    figures = byCurrency.find((f) => f.currency === currency) ?? figuresOf([], currency, months, settings);
  } else {
    const startDay = monthEnd(addMonths(first, -1));
    const endDay = monthEnd(last);
    const missing = new Set<string>();
    const accounts = new Map<string, AccountPeriod>();
    for (const r of rows) {
      const atStart = rateOn(settings.rates, base, r.currency, startDay);
      const atEnd = rateOn(settings.rates, base, r.currency, endDay);
      if ((r.start !== 0 && atStart === null) || (r.end !== 0 && atEnd === null) || r.unrated > 0) {
        missing.add(r.currency);
        continue;
      }
      const a = accounts.get(r.accountId) ?? {
        accountId: r.accountId,
        start: 0,
        end: 0,
        new: 0,
        expansion: 0,
        contraction: 0,
        churn: 0,
        reactivation: 0,
      };
      const rated = r.rated ?? r;
      a.start += r.start * (atStart ?? 0);
      a.end += r.end * (atEnd ?? 0);
      a.new += rated.new;
      a.expansion += rated.expansion;
      a.contraction += rated.contraction;
      a.churn += rated.churn;
      a.reactivation += rated.reactivation;
      accounts.set(r.accountId, a);
    }
    if (missing.size > 0) {
      notes.push(
        `No rate to ${base} for ${[...missing].sort().join(", ")} over the whole period: add one in Settings → Revenue (figures in ${base} are left out rather than summed without a rate)`,
      );
    } else {
      const rounded = [...accounts.values()].map((a) => ({
        ...a,
        start: Math.round(a.start),
        end: Math.round(a.end),
        new: Math.round(a.new),
        expansion: Math.round(a.expansion),
        contraction: Math.round(a.contraction),
        churn: Math.round(a.churn),
        reactivation: Math.round(a.reactivation),
      }));
      const f = figuresOf(rounded, base, months, settings);
      const moved = f.newMinor + f.reactivationMinor + f.expansionMinor - f.contractionMinor - f.churnMinor;
      figures = { ...f, fxMinor: f.endMrrMinor - f.startMrrMinor - moved };
    }
  }
  return { currency, figures, byCurrency, notes, currencies, monthRates };
}

/** Month by month in the headline currency: each month's own start, movements, end, NRR, GRR and logo churn. */
async function byMonth(
  ctx: Ctx,
  scope: Scope,
  settings: RevenueSettings,
  currency: string,
  monthRates: MonthRate[],
): Promise<RevenueMetrics["byMonth"]> {
  const { first, last, segmentId } = scope;
  const rows = await monthMovements(
    ctx.db,
    ctx.workspaceId,
    last,
    settings.baseCurrency ? null : currency,
    segmentId,
  );
  const logoRows = await monthLogos(ctx.db, ctx.workspaceId, last, segmentId);
  const rate = (c: string, m: string) =>
    c === currency ? 1 : (monthRates.find((r) => r.currency === c && r.month === m)?.rate ?? 0);
  const mrrBy = new Map<string, number>();
  let logos = 0;
  for (const l of logoRows) if (l.month < first) logos += Number(l.gained) - Number(l.lost);
  for (const r of rows)
    if (r.month < first) mrrBy.set(r.currency, (mrrBy.get(r.currency) ?? 0) + Number(r.delta));
  const out: RevenueMetrics["byMonth"] = [];
  const reactivationAsNew = settings.reactivation === "new";
  const excludeFleeting = settings.joinAndLeave === "exclude";
  for (const m of monthsBetween(first, last)) {
    // Converted at the month's own rates, so that a month's start and movements add up to its end.
    const start = [...mrrBy].reduce((s, [c, v]) => s + v * rate(c, m), 0);
    const t = { newMinor: 0, expansionMinor: 0, contractionMinor: 0, churnMinor: 0, reactivationMinor: 0 };
    let fleetingChurn = 0;
    let fleetingAccounts = 0;
    for (const r of rows.filter((x) => x.month === m)) {
      const v = Number(r.delta);
      mrrBy.set(r.currency, (mrrBy.get(r.currency) ?? 0) + v);
      if (r.fleeting && excludeFleeting) continue;
      const amount = Math.round(v * rate(r.currency, m));
      if (r.kind === "new") t.newMinor += amount;
      else if (r.kind === "reactivation") t[reactivationAsNew ? "newMinor" : "reactivationMinor"] += amount;
      else if (r.kind === "expansion") t.expansionMinor += amount;
      else if (r.kind === "contraction") t.contractionMinor -= amount;
      else if (r.kind === "churn") {
        t.churnMinor -= amount;
        if (r.fleeting) {
          fleetingChurn -= amount;
          fleetingAccounts += Number(r.accounts);
        }
      }
    }
    const end = [...mrrBy].reduce((s, [c, v]) => s + v * rate(c, m), 0);
    const l = logoRows.find((x) => x.month === m);
    const startLogos = logos;
    logos += Number(l?.gained ?? 0) - Number(l?.lost ?? 0);
    const keptChurn = t.churnMinor - fleetingChurn;
    const lostLogos = Number(l?.lost ?? 0) + (excludeFleeting ? 0 : fleetingAccounts);
    out.push({
      month: m.slice(0, 7),
      startMrrMinor: Math.round(start),
      ...t,
      endMrrMinor: Math.round(end),
      logos,
      nrr: start > 0 ? (start + t.expansionMinor - t.contractionMinor - keptChurn) / start : null,
      grr: start > 0 ? Math.max(0, (start - t.contractionMinor - keptChurn) / start) : null,
      logoChurn: startLogos > 0 ? lostLogos / startLogos : null,
    });
  }
  return out;
}

/**
 * Each account's month-end MRR, per currency, before the month `first` and at the end of `last`
 * (first days of months): whether a customer grew over a period.
 */
export async function accountMrrAround(
  ctx: Ctx,
  first: string,
  last: string,
): Promise<{ accountId: string; currency: string; startMinor: number; endMinor: number }[]> {
  const rows = await periodSums(ctx.db, ctx.workspaceId, periodBounds(first, last, null), null, false);
  return rows.map((r) => ({
    accountId: r.accountId,
    currency: r.currency,
    startMinor: r.start,
    endMinor: r.end,
  }));
}

export type RevenueQuery = { from: string; to: string; segment?: string | undefined };

/** `GET /metrics/revenue`: the period's figures over whole months (docs/revenue.md). */
export async function getRevenueMetrics(ctx: Ctx, q: RevenueQuery): Promise<RevenueMetrics> {
  const settings = await getRevenueSettings(ctx);
  const scope = { first: monthOf(q.from), last: monthOf(q.to), segmentId: await segmentOf(ctx, q.segment) };
  const p = await periodIn(ctx, scope, settings);
  return {
    from: scope.first,
    to: monthEnd(scope.last),
    months: monthsBetween(scope.first, scope.last).length,
    segmentId: scope.segmentId,
    policies: { reactivation: settings.reactivation, joinAndLeave: settings.joinAndLeave },
    currency: p.figures ? p.currency : null,
    figures: p.figures,
    byMonth: p.figures && p.currency ? await byMonth(ctx, scope, settings, p.currency, p.monthRates) : [],
    byCurrency: p.byCurrency,
    notes: p.notes,
  };
}

/** `GET /metrics/mrr`: a month's MRR — live on any day of it, and at its end — and its movements. */
export async function getMrrMonth(
  ctx: Ctx,
  q: { month: string; segment?: string | undefined },
): Promise<MrrMonth> {
  const settings = await getRevenueSettings(ctx);
  const month = `${q.month}-01`;
  const last = monthEnd(month);
  const scope = { first: month, last: month, segmentId: await segmentOf(ctx, q.segment) };
  const p = await periodIn(ctx, scope, settings);
  const inMonth = await mrrInMonth(ctx.db, ctx.workspaceId, month, last, scope.segmentId);
  const figuresFor = (f: RevenueFigures, inMonthMinor: number) => ({
    currency: f.currency,
    mrrInMonthMinor: inMonthMinor,
    mrrEndOfMonthMinor: f.endMrrMinor,
    startMrrMinor: f.startMrrMinor,
    arrEndOfMonthMinor: f.endMrrMinor * 12,
    newMinor: f.newMinor,
    expansionMinor: f.expansionMinor,
    contractionMinor: f.contractionMinor,
    churnMinor: f.churnMinor,
    reactivationMinor: f.reactivationMinor,
  });
  const inMonthOf = (c: string) => Number(inMonth.find((r) => r.currency === c)?.mrr ?? 0);
  // Currencies live in the month but with no movement yet still have MRR in it.
  const currencies = [
    ...new Set([...p.byCurrency.map((f) => f.currency), ...inMonth.map((r) => r.currency)]),
  ].sort();
  const byCurrency = currencies.map((c) => {
    const f = p.byCurrency.find((x) => x.currency === c);
    return f
      ? figuresFor(f, inMonthOf(c))
      : {
          currency: c,
          mrrInMonthMinor: inMonthOf(c),
          mrrEndOfMonthMinor: 0,
          startMrrMinor: 0,
          arrEndOfMonthMinor: 0,
          newMinor: 0,
          expansionMinor: 0,
          contractionMinor: 0,
          churnMinor: 0,
          reactivationMinor: 0,
        };
  });
  let figures: MrrMonth["figures"] = null;
  if (p.figures && p.currency) {
    let inMonthMinor = 0;
    for (const c of currencies) {
      const rate = settings.baseCurrency
        ? rateOn(settings.rates, settings.baseCurrency, c, last)
        : c === p.currency
          ? 1
          : 0;
      inMonthMinor += inMonthOf(c) * (rate ?? 0);
    }
    figures = figuresFor(p.figures, Math.round(inMonthMinor));
  }
  return {
    month: q.month,
    segmentId: scope.segmentId,
    currency: figures ? p.currency : null,
    figures,
    logos: await logosAt(ctx.db, ctx.workspaceId, month, scope.segmentId),
    byCurrency,
    notes: p.notes,
  };
}

/**
 * `GET /metrics/cohorts`: customers by the month they first paid; for each month since, how many
 * still pay and what they pay (in the headline currency), against the start.
 */
export async function getCohorts(
  ctx: Ctx,
  q: { from?: string | undefined; to?: string | undefined; segment?: string | undefined },
): Promise<Cohorts> {
  const settings = await getRevenueSettings(ctx);
  const today = monthOf(utcToday());
  const last = q.to ? `${q.to}-01` : today;
  const first = q.from ? `${q.from}-01` : addMonths(last, -11);
  const segmentId = await segmentOf(ctx, q.segment);
  const { logos, revenue } = await cohortChanges(ctx.db, ctx.workspaceId, first, last, segmentId);
  const currencies = [...new Set(revenue.map((r) => r.currency))].sort();
  const currency = headlineCurrency(settings, currencies);
  const notes: string[] = [];
  if (!currency && currencies.length > 1) notes.push(severalCurrencies(currencies));
  const missing = new Set<string>();
  /** A currency's rate in a month; null when there is none (the month's revenue is then unknown). */
  const rate = (c: string, m: string): number | null => {
    if (!currency) return null;
    if (!settings.baseCurrency) return c === currency ? 1 : null;
    const r = rateOn(settings.rates, settings.baseCurrency, c, monthEnd(m));
    if (r === null) missing.add(c);
    return r;
  };
  // Each cohort's changes by month, looked up as the months are walked.
  const key = (cohort: string, month: string) => `${cohort} ${month}`;
  const logoChange = new Map<string, number>();
  for (const l of logos)
    logoChange.set(key(l.cohort, l.month), (logoChange.get(key(l.cohort, l.month)) ?? 0) + l.change);
  const revenueChanges = new Map<string, typeof revenue>();
  for (const r of revenue) {
    const k = key(r.cohort, r.month);
    revenueChanges.set(k, [...(revenueChanges.get(k) ?? []), r]);
  }
  const cohorts: Cohorts["cohorts"] = [];
  for (const c of [...new Set(logos.map((l) => l.cohort))].sort()) {
    let n = 0;
    const mrr = new Map<string, number>();
    const retention: Cohorts["cohorts"][number]["retention"] = [];
    let size = 0;
    let startMrr: number | null = null;
    for (const [offset, m] of monthsBetween(c, today).entries()) {
      n += logoChange.get(key(c, m)) ?? 0;
      for (const r of revenueChanges.get(key(c, m)) ?? [])
        mrr.set(r.currency, (mrr.get(r.currency) ?? 0) + r.delta);
      let value: number | null = 0;
      for (const [cur, v] of mrr) {
        if (v === 0) continue;
        const x = rate(cur, m);
        value = x === null || value === null ? null : value + v * x;
      }
      if (value !== null) value = Math.round(value);
      if (offset === 0) {
        size = n;
        startMrr = value;
      }
      retention.push({
        offset,
        month: m.slice(0, 7),
        logos: n,
        logoRate: size > 0 ? n / size : null,
        mrrMinor: value,
        revenueRate: startMrr && value !== null ? value / startMrr : null,
      });
    }
    cohorts.push({ month: c.slice(0, 7), logos: size, startMrrMinor: startMrr, retention });
  }
  if (missing.size > 0)
    notes.push(
      `No rate to ${settings.baseCurrency} for ${[...missing].sort().join(", ")} in some months: revenue there is left out rather than summed without a rate`,
    );
  return { currency, cohorts, notes };
}

/** An account's movements with its MRR in each currency after each month. */
export async function getAccountRevenue(ctx: Ctx, accountId: string): Promise<AccountRevenue> {
  if (!(await findAccount(ctx.db, ctx.workspaceId, accountId))) throw notFound("Account");
  const rows = await accountMovements(ctx.db, ctx.workspaceId, accountId);
  const mrr = new Map<string, number>();
  return {
    months: rows.map((r) => {
      const after = (mrr.get(r.currency) ?? 0) + Number(r.deltaMinor);
      mrr.set(r.currency, after);
      return {
        month: r.month.slice(0, 7),
        currency: r.currency,
        kind: r.kind as AccountRevenue["months"][number]["kind"],
        deltaMinor: Number(r.deltaMinor),
        mrrMinor: after,
      };
    }),
  };
}
