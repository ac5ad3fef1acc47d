/**
 * Revenue figures from MRR movements, as docs/revenue.md defines them. Everything here works on
 * amounts of one currency (or already converted to the base currency); the queries sum the
 * movements per account, and these functions turn those sums into the period's figures.
 */

export const MOVEMENT_KINDS = ["new", "expansion", "contraction", "churn", "reactivation"] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export type RevenuePolicies = {
  /** Whether a customer coming back is its own movement or counted as new. */
  reactivation: "reactivation" | "new";
  /** Whether a customer who joins and leaves within the period counts in its movements and logo churn. */
  joinAndLeave: "count" | "exclude";
};

/** One account's MRR at the period's edges and its movements inside it (contraction and churn as positive amounts). */
export type AccountPeriod = {
  accountId: string;
  start: number;
  end: number;
  new: number;
  expansion: number;
  contraction: number;
  churn: number;
  reactivation: number;
};

export type Movements = {
  newMinor: number;
  expansionMinor: number;
  contractionMinor: number;
  churnMinor: number;
  reactivationMinor: number;
};

export type PeriodFigures = Movements & {
  startMrrMinor: number;
  endMrrMinor: number;
  /** Of the customers at the start (NRR's and GRR's base): their MRR then, their movements since and their MRR at the end. */
  retention: Movements & { startMrrMinor: number; endMrrMinor: number };
  nrr: number | null;
  grr: number | null;
  grossMrrChurn: number | null;
  netMrrChurn: number | null;
  expansionRate: number | null;
  logoChurn: number | null;
  logos: {
    start: number;
    end: number;
    new: number;
    churned: number;
    reactivated: number;
    joinedAndLeft: number;
  };
  arpaMinor: number | null;
};

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

/**
 * The period's figures from each account's sums. The start cohort (customers with MRR at the
 * start) carries NRR, GRR, MRR churn and logo churn; the movements of every account make the
 * waterfall from start MRR to end MRR.
 */
export function periodFigures(rows: readonly AccountPeriod[], policies: RevenuePolicies): PeriodFigures {
  const all = { newMinor: 0, expansionMinor: 0, contractionMinor: 0, churnMinor: 0, reactivationMinor: 0 };
  const kept = { ...all, startMrrMinor: 0, endMrrMinor: 0 };
  const logos = { start: 0, end: 0, new: 0, churned: 0, reactivated: 0, joinedAndLeft: 0 };
  let startMrr = 0;
  let endMrr = 0;
  let lost = 0;
  for (const r of rows) {
    startMrr += r.start;
    endMrr += r.end;
    if (r.end > 0) logos.end += 1;
    const joinedAndLeft = r.start === 0 && r.end === 0 && r.new + r.reactivation > 0;
    if (joinedAndLeft) logos.joinedAndLeft += 1;
    // Their movements sum to nothing; excluded, they leave the waterfall untouched.
    if (!(joinedAndLeft && policies.joinAndLeave === "exclude")) {
      all.newMinor += r.new;
      all.reactivationMinor += r.reactivation;
      all.expansionMinor += r.expansion;
      all.contractionMinor += r.contraction;
      all.churnMinor += r.churn;
    }
    if (r.start > 0) {
      logos.start += 1;
      if (r.end === 0) logos.churned += 1;
      kept.startMrrMinor += r.start;
      kept.endMrrMinor += r.end;
      // A customer of the start who left and came back within the period expanded, for NRR.
      kept.expansionMinor += r.expansion + r.reactivation;
      kept.contractionMinor += r.contraction;
      kept.churnMinor += r.churn;
      // GRR keeps of each customer at most what it paid at the start: what it lost and did not
      // win back by the end, never more than it had, and no expansion making up for another's loss.
      lost += r.start - Math.min(r.start, r.end);
    } else if (r.end > 0) {
      if (r.reactivation > 0 && r.new === 0) logos.reactivated += 1;
      else logos.new += 1;
    }
  }
  if (policies.reactivation === "new") {
    all.newMinor += all.reactivationMinor;
    all.reactivationMinor = 0;
    logos.new += logos.reactivated;
    logos.reactivated = 0;
  }
  const base = kept.startMrrMinor;
  const lostLogos = logos.churned + (policies.joinAndLeave === "count" ? logos.joinedAndLeft : 0);
  return {
    startMrrMinor: startMrr,
    endMrrMinor: endMrr,
    ...all,
    retention: { ...kept, reactivationMinor: 0, newMinor: 0 },
    nrr: ratio(base + kept.expansionMinor - kept.contractionMinor - kept.churnMinor, base),
    grr: ratio(base - lost, base),
    grossMrrChurn: ratio(lost, base),
    netMrrChurn: ratio(kept.contractionMinor + kept.churnMinor - kept.expansionMinor, base),
    expansionRate: ratio(kept.expansionMinor, base),
    logoChurn: ratio(lostLogos, logos.start),
    logos,
    arpaMinor: logos.end > 0 ? Math.round(endMrr / logos.end) : null,
  };
}

export type Ltv = {
  valueMinor: number | null;
  arpaMinor: number | null;
  grossMargin: number | null;
  /** Logo churn per month, from the period's logo churn. */
  monthlyChurn: number | null;
  /** Why there is no value, in words. */
  missing: string | null;
};

/**
 * Customer lifetime value = ARPA × gross margin ÷ churn rate, all per month: the period's logo
 * churn becomes a monthly rate as 1 − (1 − churn)^(1 / months). No value without a margin, without
 * customers, or when no customer churned (a lifetime would be endless).
 */
export function lifetimeValue(
  figures: Pick<PeriodFigures, "arpaMinor" | "logoChurn">,
  months: number,
  grossMargin: number | null,
): Ltv {
  const { arpaMinor, logoChurn } = figures;
  const monthlyChurn =
    logoChurn === null ? null : logoChurn >= 1 ? 1 : 1 - (1 - logoChurn) ** (1 / Math.max(1, months));
  const base = { arpaMinor, grossMargin, monthlyChurn };
  if (grossMargin === null)
    return { ...base, valueMinor: null, missing: "Set the gross margin in Settings → Revenue" };
  if (arpaMinor === null)
    return { ...base, valueMinor: null, missing: "No paying customers at the end of the period" };
  if (monthlyChurn === null || monthlyChurn === 0)
    return {
      ...base,
      valueMinor: null,
      missing: "No customer churned in the period, so a lifetime cannot be estimated",
    };
  return { ...base, valueMinor: Math.round((arpaMinor * grossMargin) / monthlyChurn), missing: null };
}

// Months

/** `YYYY-MM-01` of a date or month. */
export const monthOf = (day: string): string => `${day.slice(0, 7)}-01`;

/** The month `n` months after (or before) a `YYYY-MM-01`. */
export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const d = new Date(Date.UTC(y, m, 1));
  return d.toISOString().slice(0, 10);
}

/** The last day of a month. */
export function monthEnd(month: string): string {
  return new Date(Date.parse(`${addMonths(month, 1)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** Whole months from `from`'s month to `to`'s, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = monthOf(from); m <= monthOf(to); m = addMonths(m, 1)) out.push(m);
  return out;
}

// Currencies

export type Rate = { currency: string; validFrom: string; rate: number };

/**
 * The rate of a currency on a day: the latest one valid from that day or before. The base
 * currency is worth 1; a currency with no rate by then has none (its amounts cannot be summed).
 */
export function rateOn(rates: readonly Rate[], base: string, currency: string, day: string): number | null {
  if (currency === base) return 1;
  let best: Rate | null = null;
  for (const r of rates) {
    if (r.currency === currency && r.validFrom <= day && (!best || r.validFrom > best.validFrom)) best = r;
  }
  return best?.rate ?? null;
}

/**
 * A month end a period's figures are read at, in order (`i`): the month before the period, then
 * the last month of each run of months whose movements convert at the same rate, the period's
 * last month ending the last run. Without rates every currency has the same two bounds
 * (`currency` null); a run without a rate has `rate` null.
 */
export type PeriodBound = { currency: string | null; i: number; month: string; rate: number | null };

export function periodBounds(
  first: string,
  last: string,
  rated: { currencies: readonly string[]; rateOf: (currency: string, month: string) => number | null } | null,
): PeriodBound[] {
  const before = addMonths(first, -1);
  if (!rated) {
    return [
      { currency: null, i: 0, month: before, rate: null },
      { currency: null, i: 1, month: last, rate: null },
    ];
  }
  const out: PeriodBound[] = [];
  for (const currency of rated.currencies) {
    out.push({ currency, i: 0, month: before, rate: null });
    let i = 1;
    let run: number | null | undefined;
    for (const m of monthsBetween(first, last)) {
      const rate = rated.rateOf(currency, m);
      if (run !== undefined && rate !== run) {
        out.push({ currency, i: i++, month: addMonths(m, -1), rate: run });
      }
      run = rate;
    }
    out.push({ currency, i, month: last, rate: run ?? null });
  }
  return out;
}
