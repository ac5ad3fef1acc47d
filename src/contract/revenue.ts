import { z } from "zod";
import { ZBusinessDate, ZCurrency, ZCurrencyCode, ZDate, ZId } from "./common.ts";
import { defineRoute } from "./route.ts";

/**
 * Revenue (PRODUCT.md capability 14): MRR movements per account and month from the subscription
 * history, and the period figures built on them — with the definitions and policies of
 * docs/revenue.md. Money is in minor units of its currency; rates are fractions.
 */

export const MRR_MOVEMENT_KINDS = ["new", "expansion", "contraction", "churn", "reactivation"] as const;
export const ZMrrMovementKind = z.enum(MRR_MOVEMENT_KINDS);

const ZMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month as YYYY-MM")
  .refine((v) => v >= "1970-01" && v <= "2200-12", "must be a month between 1970 and 2200");

export const ZRate = z.strictObject({
  currency: ZCurrencyCode,
  validFrom: ZBusinessDate,
  /** Base-currency units one unit of `currency` is worth. */
  rate: z.number().positive("must be more than 0").max(1e9, "is too large"),
});

export const ZForecastThresholds = z.strictObject({
  /** A renewal at least this likely is commit. */
  commitAtLeast: z.number().min(0).max(1),
  /** At least this likely (and below commit) is likely; below, at risk. */
  likelyAtLeast: z.number().min(0).max(1),
});

export const ZRevenueSettings = z.object({
  reactivation: z.enum(["reactivation", "new"]),
  joinAndLeave: z.enum(["count", "exclude"]),
  baseCurrency: ZCurrency.nullable(),
  grossMargin: z.number().nullable(),
  forecast: ZForecastThresholds,
  /** A renewal's notice date is this many days before it, unless the renewal sets its own. */
  noticeDays: z.number().int(),
  /** No one asked to advocate within this many days is suggested or asked again. */
  doNotAskDays: z.number().int(),
  rates: z.array(ZRate.extend({ currency: ZCurrency, validFrom: ZDate })),
});
export type RevenueSettings = z.infer<typeof ZRevenueSettings>;

export const ZRevenueSettingsUpdate = z
  .strictObject({
    reactivation: z.enum(["reactivation", "new"]).optional(),
    joinAndLeave: z.enum(["count", "exclude"]).optional(),
    baseCurrency: ZCurrencyCode.nullable().optional(),
    grossMargin: z
      .number()
      .min(0, "must be between 0 and 1 (e.g. 0.78 for 78%)")
      .max(1, "must be between 0 and 1 (e.g. 0.78 for 78%)")
      .nullable()
      .optional(),
    forecast: ZForecastThresholds.optional(),
    noticeDays: z
      .number()
      .int("must be a whole number of days")
      .min(0, "must be between 0 and 365 days")
      .max(365, "must be between 0 and 365 days")
      .optional(),
    doNotAskDays: z
      .number()
      .int("must be a whole number of days")
      .min(0, "must be between 0 and 730 days")
      .max(730, "must be between 0 and 730 days")
      .optional(),
    /** Every rate (replaces the list). */
    rates: z.array(ZRate).max(2000, "has at most 2,000 rates").optional(),
  })
  .superRefine((s, ctx) => {
    if (s.forecast && s.forecast.likelyAtLeast > s.forecast.commitAtLeast) {
      ctx.addIssue({
        code: "custom",
        path: ["forecast", "likelyAtLeast"],
        message: "must not be above the commit threshold",
      });
    }
    const seen = new Set<string>();
    s.rates?.forEach((r, i) => {
      const key = `${r.currency} ${r.validFrom}`;
      if (seen.has(key))
        ctx.addIssue({
          code: "custom",
          path: ["rates", i, "validFrom"],
          message: `repeats a ${r.currency} rate of that day`,
        });
      seen.add(key);
    });
  });
export type RevenueSettingsUpdate = z.input<typeof ZRevenueSettingsUpdate>;

const money = z.number().int();
const fraction = z.number().nullable();

export const ZMovementTotals = z.object({
  newMinor: money,
  expansionMinor: money,
  contractionMinor: money,
  churnMinor: money,
  reactivationMinor: money,
});

/** A period's figures in one currency. */
export const ZRevenueFigures = ZMovementTotals.extend({
  currency: ZCurrency,
  startMrrMinor: money,
  endMrrMinor: money,
  startArrMinor: money,
  endArrMinor: money,
  /** Base currency only: the change of value of the other currencies' MRR over the period. */
  fxMinor: money,
  nrr: fraction,
  grr: fraction,
  logoChurn: fraction,
  grossMrrChurn: fraction,
  netMrrChurn: fraction,
  expansionRate: fraction,
  arpaMinor: money.nullable(),
  /** The customers at the start (the base of NRR, GRR and MRR churn): their MRR and movements. */
  retention: ZMovementTotals.extend({ startMrrMinor: money, endMrrMinor: money }),
  logos: z.object({
    start: z.number().int(),
    end: z.number().int(),
    new: z.number().int(),
    churned: z.number().int(),
    reactivated: z.number().int(),
    /** Joined and left within the period (counted in logo churn when the policy says so). */
    joinedAndLeft: z.number().int(),
  }),
  ltv: z.object({
    valueMinor: money.nullable(),
    arpaMinor: money.nullable(),
    grossMargin: z.number().nullable(),
    monthlyChurn: fraction,
    /** Why there is no value. */
    missing: z.string().nullable(),
  }),
});
export type RevenueFigures = z.infer<typeof ZRevenueFigures>;

export const ZRevenueMonth = ZMovementTotals.extend({
  month: ZMonth,
  startMrrMinor: money,
  endMrrMinor: money,
  logos: z.number().int(),
  nrr: fraction,
  grr: fraction,
  logoChurn: fraction,
});

export const ZRevenueMetrics = z.object({
  from: ZDate,
  to: ZDate,
  months: z.number().int(),
  segmentId: ZId.nullable(),
  policies: z.object({
    reactivation: z.enum(["reactivation", "new"]),
    joinAndLeave: z.enum(["count", "exclude"]),
  }),
  /** The base currency, or the only one; null when several are kept and no base currency is set. */
  currency: ZCurrency.nullable(),
  /** The figures in `currency` (null when there is none). */
  figures: ZRevenueFigures.nullable(),
  /** Month by month in `currency`. */
  byMonth: z.array(ZRevenueMonth),
  /** Each currency's own figures, never converted. */
  byCurrency: z.array(ZRevenueFigures),
  /** What limits the figures (a missing rate, several currencies without a base). */
  notes: z.array(z.string()),
});
export type RevenueMetrics = z.infer<typeof ZRevenueMetrics>;

export const ZRevenueQuery = z
  .strictObject({
    from: ZBusinessDate,
    to: ZBusinessDate,
    segment: ZId.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.to < q.from) ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
    else if (Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4)) > 20)
      ctx.addIssue({ code: "custom", path: ["to"], message: "must be within 20 years of from" });
  });

export const ZMrrMonthQuery = z.strictObject({ month: ZMonth, segment: ZId.optional() });

export const ZMrrMonthFigures = ZMovementTotals.extend({
  currency: ZCurrency,
  /** Subscriptions live on any day of the month. */
  mrrInMonthMinor: money,
  /** Subscriptions live on its last day; the movements lead here from the previous month's end. */
  mrrEndOfMonthMinor: money,
  startMrrMinor: money,
  arrEndOfMonthMinor: money,
});

export const ZMrrMonth = z.object({
  month: ZMonth,
  segmentId: ZId.nullable(),
  currency: ZCurrency.nullable(),
  /** In `currency` (converted at the month's rates when it is the base currency). */
  figures: ZMrrMonthFigures.nullable(),
  logos: z.number().int(),
  byCurrency: z.array(ZMrrMonthFigures),
  notes: z.array(z.string()),
});
export type MrrMonth = z.infer<typeof ZMrrMonth>;

export const ZCohortQuery = z.strictObject({
  /** First and last start months of the cohorts (default: the last 12 months). */
  from: ZMonth.optional(),
  to: ZMonth.optional(),
  segment: ZId.optional(),
});

export const ZCohort = z.object({
  month: ZMonth,
  logos: z.number().int(),
  /** In the headline currency; null when revenue cannot be summed (several currencies, a missing rate). */
  startMrrMinor: money.nullable(),
  /** Month 0 (the start month) onwards, up to the current month. */
  retention: z.array(
    z.object({
      offset: z.number().int(),
      month: ZMonth,
      logos: z.number().int(),
      logoRate: fraction,
      mrrMinor: money.nullable(),
      revenueRate: fraction,
    }),
  ),
});

export const ZCohorts = z.object({
  currency: ZCurrency.nullable(),
  cohorts: z.array(ZCohort),
  notes: z.array(z.string()),
});
export type Cohorts = z.infer<typeof ZCohorts>;

export const ZAccountRevenue = z.object({
  months: z.array(
    z.object({
      month: ZMonth,
      currency: ZCurrency,
      kind: ZMrrMovementKind,
      deltaMinor: money,
      /** The account's MRR in this currency at the month's end. */
      mrrMinor: money,
    }),
  ),
});
export type AccountRevenue = z.infer<typeof ZAccountRevenue>;

const tag = "Revenue";

export const revenueRoutes = {
  getRevenueSettings: defineRoute({
    method: "GET",
    path: "/api/v1/revenue/settings",
    access: "read",
    tag,
    summary:
      "How the workspace counts revenue: policies, base currency and rates, gross margin, forecast thresholds",
    response: ZRevenueSettings,
  }),
  updateRevenueSettings: defineRoute({
    method: "PUT",
    path: "/api/v1/revenue/settings",
    access: "admin",
    tag,
    summary: "Change the revenue policies, base currency, rates, gross margin or forecast thresholds",
    body: ZRevenueSettingsUpdate,
    response: ZRevenueSettings,
  }),
  getRevenueMetrics: defineRoute({
    method: "GET",
    path: "/api/v1/metrics/revenue",
    access: "read",
    tag,
    summary:
      "Start and end MRR, each movement, NRR, GRR, logo churn, gross and net MRR churn, ARPA and lifetime value over whole months",
    query: ZRevenueQuery,
    response: ZRevenueMetrics,
  }),
  getMrrMonth: defineRoute({
    method: "GET",
    path: "/api/v1/metrics/mrr",
    access: "read",
    tag,
    summary: "A month's MRR (live on any day of it, and at its end) and movements",
    query: ZMrrMonthQuery,
    response: ZMrrMonth,
  }),
  getCohorts: defineRoute({
    method: "GET",
    path: "/api/v1/metrics/cohorts",
    access: "read",
    tag,
    summary: "Logo and revenue retention of customers by the month they started paying",
    query: ZCohortQuery,
    response: ZCohorts,
  }),
  getAccountRevenue: defineRoute({
    method: "GET",
    path: "/api/v1/accounts/:accountId/revenue",
    access: "read",
    tag: "Accounts",
    summary: "The account's MRR movements month by month",
    params: z.strictObject({ accountId: ZId }),
    response: ZAccountRevenue,
  }),
} as const;
