import { z } from "zod";
import { ZDate, ZId, ZPage, ZPageQuery, ZTimestamp } from "./common.ts";
import { defineRoute } from "./route.ts";

// ---------------------------------------------------------------- measure sources

/**
 * What a measure can read, per account and day. `better` says which way is healthy, for the
 * defaults the editor proposes and for reading a measure's own predictive power.
 */
export const HEALTH_SOURCES = {
  "usage.mau": { label: "Monthly active users", unit: "users", better: "higher", group: "usage" },
  "usage.wau": { label: "Weekly active users", unit: "users", better: "higher", group: "usage" },
  "usage.utilization": { label: "Licence utilization", unit: "ratio", better: "higher", group: "usage" },
  "usage.breadth": { label: "Feature breadth", unit: "ratio", better: "higher", group: "usage" },
  "usage.active_users_trend": {
    label: "Active users trend",
    unit: "ratio",
    better: "higher",
    group: "usage",
  },
  "usage.days_since_last_activity": {
    label: "Days since last activity",
    unit: "days",
    better: "lower",
    group: "usage",
  },
  "subscription.days_to_renewal": {
    label: "Days to renewal",
    unit: "days",
    better: "higher",
    group: "subscription",
  },
  "subscription.mrr_trend": {
    label: "MRR trend (90 days)",
    unit: "ratio",
    better: "higher",
    group: "subscription",
  },
  "key_players.champion_present": {
    label: "Champion present",
    unit: "boolean",
    better: "higher",
    group: "key_players",
  },
  "key_players.active_share": {
    label: "Key players active",
    unit: "ratio",
    better: "higher",
    group: "key_players",
  },
  "sentiment.rating": { label: "CSM sentiment", unit: "rating", better: "higher", group: "sentiment" },
  "support.tickets_90d": {
    label: "Support tickets (90 days)",
    unit: "tickets",
    better: "lower",
    group: "support",
  },
  "support.escalations_90d": {
    label: "Escalated tickets (90 days)",
    unit: "tickets",
    better: "lower",
    group: "support",
  },
  "support.ticket_csat": {
    label: "Ticket satisfaction (180 days)",
    unit: "ratio",
    better: "higher",
    group: "support",
  },
  "surveys.nps": { label: "NPS (365 days)", unit: "points", better: "higher", group: "surveys" },
  "surveys.csat": { label: "CSAT (365 days)", unit: "ratio", better: "higher", group: "surveys" },
  "success.index": { label: "Success index", unit: "points", better: "higher", group: "success" },
  "success.lowest_decision_maker": {
    label: "Lowest decision maker's success index",
    unit: "points",
    better: "higher",
    group: "success",
  },
} as const;
export type HealthSource = keyof typeof HEALTH_SOURCES;
export const HEALTH_SOURCE_KEYS = Object.keys(HEALTH_SOURCES) as [HealthSource, ...HealthSource[]];
export const ZHealthSource = z.enum(HEALTH_SOURCE_KEYS);

// ---------------------------------------------------------------- model definition

/**
 * Thresholds: at or past `good` scores 100 points, at or short of `poor` 0, in between 50. When
 * `good` is above `poor` higher values are better, otherwise lower ones.
 */
export const ZThresholdRule = z.strictObject({
  kind: z.literal("thresholds"),
  good: z.number().finite(),
  poor: z.number().finite(),
});
/** Linear: `from` scores 0 points, `to` 100, straight in between and clamped outside. */
export const ZRangeRule = z.strictObject({
  kind: z.literal("range"),
  from: z.number().finite(),
  to: z.number().finite(),
});
export const ZScoringRule = z
  .discriminatedUnion("kind", [ZThresholdRule, ZRangeRule])
  .refine((r) => (r.kind === "thresholds" ? r.good !== r.poor : r.from !== r.to), {
    message: "the two values must differ: they set which way is better",
  });
export type ScoringRule = z.infer<typeof ZScoringRule>;

/** Without a value: leave the measure out and share its weight among the others, or score it 0. */
export const MISSING_POLICIES = ["skip", "poor"] as const;

const ZKey = z
  .string()
  .trim()
  .regex(
    /^[a-z][a-z0-9_]{0,39}$/,
    "must be lowercase letters, digits and _ (up to 40), starting with a letter",
  );
const ZWeight = z.number().finite().positive("must be above 0").max(1000);

export const ZMeasure = z.strictObject({
  key: ZKey,
  name: z.string().trim().min(1, "is required").max(100),
  source: ZHealthSource,
  rule: ZScoringRule,
  weight: ZWeight,
  missing: z.enum(MISSING_POLICIES).default("skip"),
});
export type Measure = z.infer<typeof ZMeasure>;

export const ZMeasureGroup = z.strictObject({
  key: ZKey,
  name: z.string().trim().min(1, "is required").max(100),
  weight: ZWeight,
  measures: z.array(ZMeasure).min(1, "a group needs at least one measure").max(20),
});
export type MeasureGroup = z.infer<typeof ZMeasureGroup>;

export const HEALTH_BANDS = ["poor", "average", "good"] as const;
export type HealthBand = (typeof HEALTH_BANDS)[number];
export const ZHealthBand = z.enum(HEALTH_BANDS);

/** Scores below `averageFrom` are poor, from `goodFrom` on good, average in between. */
export const ZBands = z
  .strictObject({
    averageFrom: z.number().min(1).max(99),
    goodFrom: z.number().min(2).max(100),
  })
  .refine((b) => b.averageFrom < b.goodFrom, { message: "averageFrom must be below goodFrom" });

/** Which accounts a model scores; every list left empty matches any account. */
export const ZAppliesTo = z.strictObject({
  tiers: z.array(z.string().trim().min(1).max(50)).max(50).default([]),
  coverage: z.array(z.string().trim().min(1).max(50)).max(10).default([]),
  lifecycleStages: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  /** Account custom fields that must hold these values. */
  customFields: z
    .record(z.string().min(1).max(100), z.union([z.string(), z.number(), z.boolean()]))
    .default({}),
});
export type AppliesTo = z.infer<typeof ZAppliesTo>;

export const ZModelDefinition = z
  .strictObject({
    appliesTo: ZAppliesTo.default({ tiers: [], coverage: [], lifecycleStages: [], customFields: {} }),
    groups: z.array(ZMeasureGroup).min(1, "a model needs at least one group").max(12),
    bands: ZBands.default({ averageFrom: 40, goodFrom: 70 }),
  })
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    d.groups.forEach((g, gi) => {
      if (seen.has(g.key))
        ctx.addIssue({ code: "custom", path: ["groups", gi, "key"], message: "is used twice" });
      seen.add(g.key);
      g.measures.forEach((m, mi) => {
        if (seen.has(m.key)) {
          ctx.addIssue({
            code: "custom",
            path: ["groups", gi, "measures", mi, "key"],
            message: "is used twice",
          });
        }
        seen.add(m.key);
      });
    });
  });
export type ModelDefinition = z.infer<typeof ZModelDefinition>;
export type ModelDefinitionIn = z.input<typeof ZModelDefinition>;

// ---------------------------------------------------------------- models

export const MODEL_VERSION_STATUSES = ["draft", "published", "retired"] as const;

export const ZModelVersion = z.object({
  version: z.number().int(),
  status: z.enum(MODEL_VERSION_STATUSES),
  definition: ZModelDefinition,
  createdAt: ZTimestamp,
  createdByName: z.string().nullable(),
  publishedAt: ZTimestamp.nullable(),
});
export type ModelVersion = z.infer<typeof ZModelVersion>;

export const ZHealthModel = z.object({
  id: ZId,
  name: z.string(),
  description: z.string().nullable(),
  /** When several published models apply to an account, the lowest priority number wins. */
  priority: z.number().int(),
  archived: z.boolean(),
  /** The version scoring accounts now; null before the first publication. */
  published: ZModelVersion.nullable(),
  draft: ZModelVersion.nullable(),
  /** Accounts the published version scores today. */
  accounts: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type HealthModel = z.infer<typeof ZHealthModel>;

export const ZHealthModelCreate = z.strictObject({
  name: z.string().trim().min(1, "is required").max(100),
  description: z.string().trim().max(1000).nullable().optional(),
  priority: z.number().int().min(0).max(1000).optional(),
  definition: ZModelDefinition,
});
export const ZHealthModelUpdate = z.strictObject({
  name: z.string().trim().min(1, "is required").max(100).optional(),
  description: z.string().trim().max(1000).nullable().optional(),
  priority: z.number().int().min(0).max(1000).optional(),
  archived: z.boolean().optional(),
  /** Replaces the draft (made from the published version when there is none). */
  definition: ZModelDefinition.optional(),
});

// ---------------------------------------------------------------- scores and explanations

export const ZMeasureScore = z.object({
  key: z.string(),
  name: z.string(),
  group: z.string(),
  source: ZHealthSource,
  /** The measure's raw value; null when the account has none. */
  value: z.number().nullable(),
  /** 0–100, or null when left out (missing and skipped). */
  points: z.number().nullable(),
  /** Share of the score this measure carried (0–1, after redistribution); 0 when left out. */
  weight: z.number(),
  /** Points this measure added to the score (points × weight). */
  contribution: z.number(),
  missing: z.boolean(),
});
export type MeasureScore = z.infer<typeof ZMeasureScore>;

export const ZScoreChange = z.object({
  /** 7 or 30: compared with the score that many days earlier. */
  days: z.number().int(),
  from: z.number().nullable(),
  change: z.number().nullable(),
  /** The measures that moved it, largest first: "−12: weekly active users fell 40%". */
  drivers: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      change: z.number(),
      valueFrom: z.number().nullable(),
      valueTo: z.number().nullable(),
      text: z.string(),
    }),
  ),
});

export const ZAccountHealth = z.object({
  accountId: ZId,
  /**
   * null when no published model applies to the account, nothing was computed yet, or a new
   * customer has not enough data yet (then `notEnoughData` says what is missing).
   */
  score: z.number().nullable(),
  band: ZHealthBand.nullable(),
  /** "Not enough data yet: no product usage in the first 12 days; …"; null when scored. */
  notEnoughData: z.string().nullable(),
  day: ZDate.nullable(),
  model: z.object({ id: ZId, name: z.string(), version: z.number().int() }).nullable(),
  measures: z.array(ZMeasureScore),
  changes: z.array(ZScoreChange),
  history: z.array(z.object({ day: ZDate, score: z.number(), band: ZHealthBand })),
  sentiment: z
    .object({
      rating: z.number().int(),
      reasons: z.array(z.string()),
      comment: z.string().nullable(),
      authorName: z.string().nullable(),
      createdAt: ZTimestamp,
      stale: z.boolean(),
      ageDays: z.number().int(),
    })
    .nullable(),
});
export type AccountHealth = z.infer<typeof ZAccountHealth>;

export const ZHealthPreview = z.object({
  accounts: z.array(
    z.object({
      accountId: ZId,
      accountName: z.string(),
      score: z.number().nullable(),
      band: ZHealthBand.nullable(),
      measures: z.array(ZMeasureScore),
    }),
  ),
});

export const ZRecomputeResult = z.object({
  day: ZDate,
  accounts: z.number().int(),
  scored: z.number().int(),
  seconds: z.number(),
});

// ---------------------------------------------------------------- sentiment

export const SENTIMENT_REASONS = [
  "product_fit",
  "product_gaps",
  "adoption",
  "support_experience",
  "relationship",
  "executive_sponsor",
  "champion_left",
  "budget",
  "competition",
  "reorganization",
  "value_realized",
  "onboarding",
] as const;

export const ZSentimentCreate = z.strictObject({
  rating: z.number().int().min(1, "must be 1 to 5").max(5, "must be 1 to 5"),
  reasons: z.array(z.enum(SENTIMENT_REASONS)).max(SENTIMENT_REASONS.length).default([]),
  comment: z.string().trim().max(2000).nullable().optional(),
});

export const ZSentiment = z.object({
  id: ZId,
  accountId: ZId,
  rating: z.number().int(),
  reasons: z.array(z.string()),
  comment: z.string().nullable(),
  authorId: ZId.nullable(),
  authorName: z.string().nullable(),
  createdAt: ZTimestamp,
});
export type Sentiment = z.infer<typeof ZSentiment>;

export const ZHealthSettings = z.object({
  /** A sentiment older than this no longer counts in scores, and the account says it is stale. */
  sentimentStaleDays: z.number().int(),
  /**
   * Days after an account's first subscription starts in which, without enough data (the measures
   * with a value carry less than half of the model's weight), it is not scored but said to have
   * not enough data yet.
   */
  onboardingDays: z.number().int(),
});
/** Settings left out keep their value. */
export const ZHealthSettingsUpdate = z
  .strictObject({
    sentimentStaleDays: z.number().int().min(1).max(365).optional(),
    onboardingDays: z
      .number()
      .int()
      .min(0, "must be 0 (off) to 365")
      .max(365, "must be 0 (off) to 365")
      .optional(),
  })
  .refine((b) => b.sentimentStaleDays !== undefined || b.onboardingDays !== undefined, {
    message: "give sentimentStaleDays, onboardingDays or both",
  });

// ---------------------------------------------------------------- backtests

export const BACKTEST_STATUSES = ["queued", "running", "done", "failed"] as const;

/**
 * What the backtest form proposes, and what the demo's stored backtests ran: a run with the form
 * as it opens is comparable with them.
 */
export const BACKTEST_FORM_DEFAULTS = { horizonDays: 90, everyDays: 7 } as const;

export const ZBacktestCreate = z
  .strictObject({
    /** Which version to test: the draft (default when there is one) or the published one. */
    version: z.enum(["draft", "published"]).optional(),
    /** Days after each scored date in which churn or contraction counts as the outcome. */
    horizonDays: z.number().int().min(14).max(365).default(90),
    /**
     * Scored dates: every `everyDays` from `from` up to `to`. Defaults: the year up to today −
     * horizon, but not before the product usage history has a full 30-day window (dates before it
     * would read every account as unused).
     */
    everyDays: z.number().int().min(1).max(90).default(14),
    from: ZDate.optional(),
    to: ZDate.optional(),
  })
  .refine((b) => !b.from || !b.to || b.from <= b.to, {
    message: "from must not be after to",
    path: ["from"],
  });

/** How well one scoring separates accounts that churned or contracted from the others. */
export const ZBacktestSummary = z.object({
  /** Observations: (account, scored date) pairs; positives: those followed by churn or contraction. */
  observations: z.number().int(),
  positives: z.number().int(),
  /** ROC AUC of the risk (100 − score) against the outcome; null without both outcomes. */
  auc: z.number().nullable(),
  roc: z.array(z.object({ fpr: z.number(), tpr: z.number() })),
  /** Outcome rate per band, and against the overall rate (lift). */
  bands: z.array(
    z.object({
      band: ZHealthBand,
      observations: z.number().int(),
      positives: z.number().int(),
      rate: z.number().nullable(),
      lift: z.number().nullable(),
    }),
  ),
});

export const ZBacktest = z.object({
  id: ZId,
  modelId: ZId,
  modelVersion: z.number().int(),
  versionStatus: z.enum(MODEL_VERSION_STATUSES),
  status: z.enum(BACKTEST_STATUSES),
  /** 0–1 while running. */
  progress: z.number(),
  params: z.object({
    horizonDays: z.number().int(),
    everyDays: z.number().int(),
    from: ZDate,
    to: ZDate,
    /** The onboarding window new customers without enough data were left out in; null before it existed. */
    onboardingDays: z.number().int().nullable(),
  }),
  result: ZBacktestSummary.extend({
    dates: z.number().int(),
    /** Distinct accounts observed; null in runs stored before it was counted. */
    accounts: z.number().int().nullable(),
    churned: z.number().int(),
    contracted: z.number().int(),
    /** Observations left out: new customers without enough data yet (null in older runs). */
    notEnoughData: z.number().int().nullable(),
    /**
     * Each measure's own power: AUC of its points alone (higher points = healthier), and how often
     * it had a value. Inverted: AUC below 0.5, the measure points the wrong way (accounts it
     * scores well churned or contracted more often).
     */
    measures: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        source: ZHealthSource,
        auc: z.number().nullable(),
        coverage: z.number(),
        inverted: z.boolean(),
      }),
    ),
    /** The published version over the same dates, when a draft was tested against it. */
    live: ZBacktestSummary.extend({ version: z.number().int() }).nullable(),
  }).nullable(),
  error: z.string().nullable(),
  createdAt: ZTimestamp,
  createdByName: z.string().nullable(),
  finishedAt: ZTimestamp.nullable(),
  /**
   * Set when one backtest is read: how it differs from another finished run of the same model
   * (the one asked for, else the latest finished before it), in plain words, so that two AUCs
   * are never compared blind.
   */
  comparison: z
    .object({
      backtestId: ZId,
      createdAt: ZTimestamp,
      modelVersion: z.number().int(),
      auc: z.number().nullable(),
      differences: z.array(z.string()),
    })
    .nullable(),
});
export type Backtest = z.infer<typeof ZBacktest>;

// ---------------------------------------------------------------- routes

const ZModelParams = z.strictObject({ id: ZId });
const ZAccountParams = z.strictObject({ accountId: ZId });

export const healthRoutes = {
  listHealthModels: defineRoute({
    method: "GET",
    path: "/api/v1/health/models",
    access: "read",
    tag: "health",
    summary: "Health models with their published and draft versions",
    query: z.strictObject({ includeArchived: z.enum(["true", "false"]).default("false") }),
    response: z.object({ data: z.array(ZHealthModel) }),
  }),
  createHealthModel: defineRoute({
    method: "POST",
    path: "/api/v1/health/models",
    access: "admin",
    tag: "health",
    summary: "Create a health model; its definition becomes version 1, a draft",
    body: ZHealthModelCreate,
    response: ZHealthModel,
    status: 201,
  }),
  getHealthModel: defineRoute({
    method: "GET",
    path: "/api/v1/health/models/:id",
    access: "read",
    tag: "health",
    summary: "One health model",
    params: ZModelParams,
    response: ZHealthModel,
  }),
  listHealthModelVersions: defineRoute({
    method: "GET",
    path: "/api/v1/health/models/:id/versions",
    access: "read",
    tag: "health",
    summary: "Every version of a model, newest first",
    params: ZModelParams,
    response: z.object({ data: z.array(ZModelVersion) }),
  }),
  updateHealthModel: defineRoute({
    method: "PATCH",
    path: "/api/v1/health/models/:id",
    access: "admin",
    tag: "health",
    summary: "Rename, reprioritize or archive a model, or save its draft definition",
    params: ZModelParams,
    body: ZHealthModelUpdate,
    response: ZHealthModel,
  }),
  publishHealthModel: defineRoute({
    method: "POST",
    path: "/api/v1/health/models/:id/publish",
    access: "admin",
    tag: "health",
    summary: "Publish the draft: it scores accounts from now on and scores are recomputed",
    params: ZModelParams,
    response: ZHealthModel,
  }),
  discardHealthModelDraft: defineRoute({
    method: "DELETE",
    path: "/api/v1/health/models/:id/draft",
    access: "admin",
    tag: "health",
    summary: "Throw the draft away",
    params: ZModelParams,
    response: ZHealthModel,
  }),
  previewHealthModel: defineRoute({
    method: "POST",
    path: "/api/v1/health/preview",
    access: "read",
    tag: "health",
    summary: "Score a few accounts today with a definition, without storing anything",
    body: z.strictObject({
      definition: ZModelDefinition,
      accountIds: z.array(ZId).max(50).optional(),
      limit: z.number().int().min(1).max(50).default(10),
    }),
    response: ZHealthPreview,
  }),
  recomputeHealth: defineRoute({
    method: "POST",
    path: "/api/v1/health/recompute",
    access: "write",
    tag: "health",
    summary: "Recompute today's health score of every account now",
    body: z.strictObject({}).optional(),
    response: ZRecomputeResult,
  }),
  getAccountHealth: defineRoute({
    method: "GET",
    path: "/api/v1/accounts/:accountId/health",
    access: "read",
    tag: "health",
    summary: "An account's health: score, band, measures with contributions, changes, history",
    params: ZAccountParams,
    query: z.strictObject({ historyDays: z.coerce.number().int().min(7).max(730).default(90) }),
    response: ZAccountHealth,
  }),
  listSentiment: defineRoute({
    method: "GET",
    path: "/api/v1/accounts/:accountId/sentiment",
    access: "read",
    tag: "health",
    summary: "CSM sentiment ratings of the account, newest first",
    params: ZAccountParams,
    query: z.strictObject({ ...ZPageQuery }),
    response: ZPage(ZSentiment),
  }),
  createSentiment: defineRoute({
    method: "POST",
    path: "/api/v1/accounts/:accountId/sentiment",
    access: "write",
    tag: "health",
    summary: "Rate the account 1–5 with reasons; the score is recomputed",
    params: ZAccountParams,
    body: ZSentimentCreate,
    response: ZSentiment,
    status: 201,
  }),
  getHealthSettings: defineRoute({
    method: "GET",
    path: "/api/v1/health/settings",
    access: "read",
    tag: "health",
    summary: "Health settings of the workspace",
    response: ZHealthSettings,
  }),
  updateHealthSettings: defineRoute({
    method: "PUT",
    path: "/api/v1/health/settings",
    access: "admin",
    tag: "health",
    summary: "Change health settings",
    body: ZHealthSettingsUpdate,
    response: ZHealthSettings,
  }),
  startBacktest: defineRoute({
    method: "POST",
    path: "/api/v1/health/models/:id/backtest",
    access: "write",
    tag: "health",
    summary: "Backtest a model version against what happened; runs in the background (poll it)",
    params: ZModelParams,
    body: ZBacktestCreate,
    response: ZBacktest,
    status: 201,
  }),
  listBacktests: defineRoute({
    method: "GET",
    path: "/api/v1/health/models/:id/backtests",
    access: "read",
    tag: "health",
    summary: "The model's backtests, newest first",
    params: ZModelParams,
    response: z.object({ data: z.array(ZBacktest) }),
  }),
  getBacktest: defineRoute({
    method: "GET",
    path: "/api/v1/health/backtests/:id",
    access: "read",
    tag: "health",
    summary: "One backtest: status, progress and, when done, its report and what differs from another run",
    params: ZModelParams,
    query: z.strictObject({ compareWith: ZId.optional() }),
    response: ZBacktest,
  }),
} as const;
