import { z } from "zod";
import { ZBusinessDate, ZCurrency, ZCurrencyCode, ZDate, ZId, ZIdParams, ZOk } from "./common.ts";
import { defineRoute } from "./route.ts";

/**
 * Renewals (PRODUCT.md capability 15): the subscriptions coming up for renewal, the conversation
 * about each, the forecast weighted by a renewal probability calibrated on the workspace's past
 * renewals, the outcomes with their reasons, and the forecast's backtest (docs/renewals.md).
 * Money is in minor units of its currency; probabilities and rates are fractions.
 */

export const RENEWAL_STAGES = ["not_started", "outreach", "negotiating", "verbal_commit", "closed"] as const;
export const ZRenewalStage = z.enum(RENEWAL_STAGES);
export type RenewalStage = z.infer<typeof ZRenewalStage>;

export const FORECAST_CALLS = ["commit", "likely", "at_risk"] as const;
export const ZForecastCall = z.enum(FORECAST_CALLS);
export type ForecastCall = z.infer<typeof ZForecastCall>;

export const RENEWAL_OUTCOMES = ["renewed", "expanded", "downgraded", "churned"] as const;
export const ZRenewalOutcome = z.enum(RENEWAL_OUTCOMES);
export type RenewalOutcome = z.infer<typeof ZRenewalOutcome>;

/** The reasons offered first; a workspace may use codes of its own (e.g. from an imported file). */
export const CHURN_REASONS = [
  "pricing",
  "budget",
  "competitor",
  "features",
  "support",
  "no_adoption",
  "champion_left",
  "acquired",
  "business_closed",
  "unknown",
] as const;
export const DOWNGRADE_REASONS = ["budget", "fewer_users", "pricing", "features", "unknown"] as const;

export const ZReasonCode = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{0,39}$/,
    "must be a short code in lower case with underscores, such as pricing or champion_left",
  );

const money = z.number().int();

export const ZRenewalsQuery = z
  .strictObject({
    /** The first day of the window; today when left out. */
    from: ZBusinessDate.optional(),
    days: z.coerce
      .number()
      .int("must be a whole number of days")
      .min(1, "must be between 1 and 730 days")
      .max(730, "must be between 1 and 730 days")
      .default(90),
    segment: ZId.optional(),
    /** A member's id, or `none` for accounts without an owner. */
    owner: z.union([ZId, z.literal("none")]).optional(),
    stage: ZRenewalStage.optional(),
    forecast: ZForecastCall.optional(),
  })
  .strip();
export type RenewalsQuery = z.input<typeof ZRenewalsQuery>;

export const ZRenewal = z.object({
  subscriptionId: ZId,
  accountId: ZId,
  accountName: z.string(),
  product: z.string(),
  plan: z.string().nullable(),
  dueDate: ZDate,
  /** The renewal's own notice date, else the workspace's notice period before the due date. */
  noticeDate: ZDate,
  noticeDateSet: z.boolean(),
  arrMinor: money,
  currency: ZCurrency,
  autoRenew: z.boolean().nullable(),
  healthScore: z.number().nullable(),
  healthBand: z.string().nullable(),
  churnProbability: z.number().nullable(),
  successIndex: z.number().nullable(),
  owner: z.object({ id: ZId, name: z.string() }).nullable(),
  stage: ZRenewalStage,
  /** From the calibration; null when the account has no churn score and there is no base rate. */
  renewalProbability: z.number().nullable(),
  forecast: ZForecastCall.nullable(),
  csmCall: ZForecastCall.nullable(),
  /** The CSM's call and the model's category disagree. */
  callDiffers: z.boolean(),
  outcome: ZRenewalOutcome.nullable(),
  reasonCode: z.string().nullable(),
  arrAfterMinor: money.nullable(),
  note: z.string().nullable(),
});
export type Renewal = z.infer<typeof ZRenewal>;

const ZCallTotals = z.object({
  commitMinor: money,
  likelyMinor: money,
  atRiskMinor: money,
  /** No category: no probability (forecast), or no call made (the CSMs'). */
  noneMinor: money,
});

/** The forecast's totals in one currency. */
export const ZForecastTotals = z.object({
  currency: ZCurrency,
  renewals: z.number().int(),
  arrMinor: money,
  /** Σ ARR × renewal probability. */
  expectedArrMinor: money,
  model: ZCallTotals,
  csm: ZCallTotals,
});
export type ForecastTotals = z.infer<typeof ZForecastTotals>;

export const ZCalibration = z.object({
  /** platt: fitted on past renewals; uncalibrated: too few, 1 − the churn probability is used. */
  method: z.enum(["platt", "uncalibrated"]),
  /** Renewal probability = σ(intercept + slope × logit(churn probability)). */
  intercept: z.number(),
  slope: z.number(),
  /** Of the past renewals: the share renewed, used for accounts with no churn score. */
  baseRate: z.number().nullable(),
  renewals: z.number().int(),
  churned: z.number().int(),
  /** Past renewals with a churn score from before them (what the fit rests on). */
  scored: z.number().int(),
  leadDays: z.number().int(),
  bins: z.array(
    z.object({
      from: z.number(),
      to: z.number(),
      renewals: z.number().int(),
      predicted: z.number().nullable(),
      actual: z.number().nullable(),
    }),
  ),
  note: z.string().nullable(),
  fittedAt: z.iso.datetime({ offset: true }),
});
export type Calibration = z.infer<typeof ZCalibration>;

export const ZRenewalPipeline = z.object({
  from: ZDate,
  to: ZDate,
  data: z.array(ZRenewal),
  forecast: z.object({
    thresholds: z.object({ commitAtLeast: z.number(), likelyAtLeast: z.number() }),
    /** In the base currency when one is set and every currency has a rate, else null. */
    headline: ZForecastTotals.nullable(),
    byCurrency: z.array(ZForecastTotals),
    calibration: ZCalibration,
    notes: z.array(z.string()),
  }),
});
export type RenewalPipeline = z.infer<typeof ZRenewalPipeline>;

export const ZRenewalParams = z.strictObject({ subscriptionId: ZId });

export const ZRenewalUpdate = z
  .strictObject({
    /** Which renewal of the subscription; its current renewal date when left out. */
    dueDate: ZBusinessDate.optional(),
    stage: ZRenewalStage.optional(),
    csmCall: ZForecastCall.nullable().optional(),
    noticeDate: ZBusinessDate.nullable().optional(),
    outcome: ZRenewalOutcome.nullable().optional(),
    reasonCode: ZReasonCode.nullable().optional(),
    arrAfterMinor: z
      .number()
      .int("must be a whole number of minor units (cents)")
      .min(0, "must not be negative")
      .max(1e13, "is too large")
      .nullable()
      .optional(),
    note: z.string().trim().max(2000, "must be at most 2,000 characters").nullable().optional(),
  })
  .superRefine((b, ctx) => {
    if (b.noticeDate && b.dueDate && b.noticeDate > b.dueDate)
      ctx.addIssue({ code: "custom", path: ["noticeDate"], message: "must not be after the renewal date" });
  });
export type RenewalUpdate = z.input<typeof ZRenewalUpdate>;

/**
 * A renewal's outcome as a file records it (the import entity `renewal-outcomes`): the day it was
 * decided, the outcome, its reason, the ARR after and a note, each with the rules of the PUT above.
 */
export const ZRenewalOutcomeRecord = z.strictObject({
  date: ZBusinessDate,
  outcome: ZRenewalOutcome,
  reasonCode: ZRenewalUpdate.shape.reasonCode,
  arrAfterMinor: ZRenewalUpdate.shape.arrAfterMinor,
  note: ZRenewalUpdate.shape.note,
});
export type RenewalOutcomeRecord = z.input<typeof ZRenewalOutcomeRecord>;

export const ZOutcomesQuery = z
  .strictObject({
    from: ZBusinessDate,
    to: ZBusinessDate,
    segment: ZId.optional(),
    outcome: ZRenewalOutcome.optional(),
  })
  .strip()
  .superRefine((q, ctx) => {
    if (q.to < q.from) ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
  });
export type OutcomesQuery = z.input<typeof ZOutcomesQuery>;

export const ZRenewalOutcomeRow = z.object({
  accountId: ZId,
  accountName: z.string(),
  subscriptionId: ZId.nullable(),
  product: z.string().nullable(),
  dueDate: ZDate,
  outcome: ZRenewalOutcome,
  reasonCode: z.string().nullable(),
  arrMinor: money.nullable(),
  arrAfterMinor: money.nullable(),
  currency: ZCurrency.nullable(),
  /** recorded: a person or an import said so; history: read from the subscriptions. */
  source: z.enum(["recorded", "history"]),
  note: z.string().nullable(),
});

export const ZRenewalOutcomes = z.object({
  from: ZDate,
  to: ZDate,
  data: z.array(ZRenewalOutcomeRow),
  byOutcome: z.array(z.object({ outcome: ZRenewalOutcome, count: z.number().int() })),
  byReason: z.array(
    z.object({ outcome: ZRenewalOutcome, reasonCode: z.string().nullable(), count: z.number().int() }),
  ),
  /** Of the renewals in the period, the share not churned. */
  renewalRate: z.number().nullable(),
});
export type RenewalOutcomes = z.infer<typeof ZRenewalOutcomes>;

export const ZBacktestQuery = z
  .strictObject({
    quarters: z.coerce
      .number()
      .int("must be a whole number")
      .min(1, "must be between 1 and 16")
      .max(16, "must be between 1 and 16")
      .default(8),
  })
  .strip();

export const ZForecastBacktest = z.object({
  currency: ZCurrency.nullable(),
  leadDays: z.number().int(),
  quarters: z.array(
    z.object({
      quarter: z.string(),
      /** The day the forecast is taken as of: the quarter's first day. */
      asOf: ZDate,
      renewals: z.number().int(),
      /** Renewals that had a churn score on the day (the rest use the base rate). */
      scored: z.number().int(),
      /** Renewals with no probability at all (no score and no past renewal to take a rate from): left out. */
      unforecast: z.number().int(),
      arrMinor: money,
      expectedArrMinor: money,
      renewedArrMinor: money,
      /** expected − renewed, over renewed. */
      error: z.number().nullable(),
      calibration: z.enum(["platt", "uncalibrated"]),
      byCall: z.array(
        z.object({
          call: ZForecastCall,
          renewals: z.number().int(),
          renewed: z.number().int(),
          expectedArrMinor: money,
          renewedArrMinor: money,
        }),
      ),
    }),
  ),
  /** Σ |expected − renewed| ÷ Σ renewed over the quarters: the error weighted by ARR. */
  weightedAbsoluteError: z.number().nullable(),
  notes: z.array(z.string()),
});
export type ForecastBacktest = z.infer<typeof ZForecastBacktest>;

export const EXPANSION_STAGES = ["open", "won", "lost"] as const;
export const ZExpansionStage = z.enum(EXPANSION_STAGES);

export const ZExpansionOpportunity = z.object({
  id: ZId,
  accountId: ZId,
  accountName: z.string(),
  title: z.string(),
  /** The ARR it would add. */
  arrMinor: money,
  currency: ZCurrency,
  stage: ZExpansionStage,
  expectedClose: ZDate.nullable(),
  owner: z.object({ id: ZId, name: z.string() }).nullable(),
  note: z.string().nullable(),
  /** The account's expansion probability from the expansion model, when it has one. */
  expansionProbability: z.number().nullable(),
  closedAt: z.iso.datetime({ offset: true }).nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type ExpansionOpportunity = z.infer<typeof ZExpansionOpportunity>;

const ZTitle = z.string().trim().min(1, "is required").max(200, "must be at most 200 characters");
const ZAddedArr = z
  .number()
  .int("must be a whole number of minor units (cents)")
  .min(1, "must be more than 0")
  .max(1e13, "is too large");
const ZNote = z.string().trim().max(2000, "must be at most 2,000 characters").nullable();

export const ZExpansionCreate = z.strictObject({
  accountId: ZId,
  title: ZTitle,
  arrMinor: ZAddedArr,
  /** The account's currency when left out. */
  currency: ZCurrencyCode.optional(),
  expectedClose: ZBusinessDate.nullable().optional(),
  /** The account's owner when left out. */
  ownerId: ZId.nullable().optional(),
  note: ZNote.optional(),
});
export type ExpansionCreate = z.input<typeof ZExpansionCreate>;

export const ZExpansionUpdate = z.strictObject({
  title: ZTitle.optional(),
  arrMinor: ZAddedArr.optional(),
  stage: ZExpansionStage.optional(),
  expectedClose: ZBusinessDate.nullable().optional(),
  ownerId: ZId.nullable().optional(),
  note: ZNote.optional(),
});
export type ExpansionUpdate = z.input<typeof ZExpansionUpdate>;

export const ZExpansionQuery = z
  .strictObject({
    stage: ZExpansionStage.optional(),
    accountId: ZId.optional(),
    owner: z.union([ZId, z.literal("none")]).optional(),
  })
  .strip();

export const ZExpansionList = z.object({
  data: z.array(ZExpansionOpportunity),
  /** Customers the expansion model rates likely to grow that have no open opportunity. */
  suggestions: z.array(
    z.object({
      accountId: ZId,
      accountName: z.string(),
      expansionProbability: z.number(),
      mrrMinor: money,
      currency: ZCurrency,
      owner: z.object({ id: ZId, name: z.string() }).nullable(),
    }),
  ),
});
export type ExpansionList = z.infer<typeof ZExpansionList>;

export const ZRatesBySegmentQuery = z
  .strictObject({ from: ZBusinessDate, to: ZBusinessDate })
  .strip()
  .superRefine((q, ctx) => {
    if (q.to < q.from) ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
  });

/** Renewal and expansion rates for the whole workspace and for each of its account segments. */
export const ZRatesBySegment = z.object({
  from: ZDate,
  to: ZDate,
  rows: z.array(
    z.object({
      segmentId: ZId.nullable(),
      name: z.string(),
      accounts: z.number().int(),
      renewals: z.number().int(),
      /** Of the renewals decided in the period, the share not churned. */
      renewalRate: z.number().nullable(),
      /** Of the customers paying at the period's start, the share whose MRR grew by its end. */
      expansionRate: z.number().nullable(),
      customersAtStart: z.number().int(),
    }),
  ),
});
export type RatesBySegment = z.infer<typeof ZRatesBySegment>;

const tag = "Renewals";

export const renewalRoutes = {
  getRenewals: defineRoute({
    method: "GET",
    path: "/api/v1/renewals",
    access: "read",
    tag,
    summary:
      "Subscriptions renewing in the next days with ARR, health, churn probability, success index, owner, stage and notice date, and the forecast",
    query: ZRenewalsQuery,
    response: ZRenewalPipeline,
  }),
  updateRenewal: defineRoute({
    method: "PUT",
    path: "/api/v1/renewals/:subscriptionId",
    access: "write",
    tag,
    summary:
      "Record the conversation about a subscription's renewal (stage, the CSM's call, notice date) or its outcome",
    params: ZRenewalParams,
    body: ZRenewalUpdate,
    response: ZRenewal,
  }),
  getRenewalOutcomes: defineRoute({
    method: "GET",
    path: "/api/v1/renewals/outcomes",
    access: "read",
    tag,
    summary: "Renewals decided in a period, recorded or read from the subscriptions, with their reasons",
    query: ZOutcomesQuery,
    response: ZRenewalOutcomes,
  }),
  getForecastBacktest: defineRoute({
    method: "GET",
    path: "/api/v1/renewals/backtest",
    access: "read",
    tag,
    summary:
      "The renewal forecast as it would have been made at the start of past quarters, against what renewed",
    query: ZBacktestQuery,
    response: ZForecastBacktest,
  }),
  listExpansions: defineRoute({
    method: "GET",
    path: "/api/v1/expansion-opportunities",
    access: "read",
    tag,
    summary: "Expansion opportunities, and the customers the expansion model suggests",
    query: ZExpansionQuery,
    response: ZExpansionList,
  }),
  createExpansion: defineRoute({
    method: "POST",
    path: "/api/v1/expansion-opportunities",
    access: "write",
    tag,
    summary: "Record an expansion opportunity on an account",
    body: ZExpansionCreate,
    response: ZExpansionOpportunity,
    status: 201,
  }),
  updateExpansion: defineRoute({
    method: "PATCH",
    path: "/api/v1/expansion-opportunities/:id",
    access: "write",
    tag,
    summary: "Change an expansion opportunity, or close it as won or lost",
    params: ZIdParams,
    body: ZExpansionUpdate,
    response: ZExpansionOpportunity,
  }),
  deleteExpansion: defineRoute({
    method: "DELETE",
    path: "/api/v1/expansion-opportunities/:id",
    access: "write",
    tag,
    summary: "Delete an expansion opportunity",
    params: ZIdParams,
    response: ZOk,
  }),
  getRatesBySegment: defineRoute({
    method: "GET",
    path: "/api/v1/renewals/rates",
    access: "read",
    tag,
    summary: "Renewal and expansion rates of a period for the workspace and each account segment",
    query: ZRatesBySegmentQuery,
    response: ZRatesBySegment,
  }),
} as const;
