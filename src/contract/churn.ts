import { z } from "zod";
import { ZCurrency, ZDate, ZId, ZList, ZPage, ZPageQuery, ZSort, ZTimestamp } from "./common.ts";
import { defineRoute } from "./route.ts";

/** What a model predicts: that a customer leaves, or that its MRR grows. */
export const CHURN_KINDS = ["churn", "expansion"] as const;
export const ZChurnKind = z.enum(CHURN_KINDS);
export type ChurnKind = z.infer<typeof ZChurnKind>;

/**
 * One column's push on the account's log-odds, measured from the average account: positive raises
 * the probability, negative lowers it.
 */
export const ZChurnDriver = z.object({
  /** The column key, e.g. `account_field.contract`, `usage.events_trend`. */
  column: z.string(),
  /** The column and the account's value, for people: "Contract = Month-to-month". */
  label: z.string(),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  contribution: z.number(),
});
export type ChurnDriver = z.infer<typeof ZChurnDriver>;

/** Held-out evaluation of a model: stratified k-fold cross-validation on the workspace's history. */
export const ZChurnEvaluation = z.object({
  /** The day the training set was taken. */
  asOf: ZDate,
  accounts: z.number().int(),
  /** Accounts with the outcome (churned, or expanded) and without it. */
  positives: z.number().int(),
  negatives: z.number().int(),
  columns: z.number().int(),
  features: z.number().int(),
  /** Pooled out-of-fold ROC AUC: the headline figure. */
  auc: z.number(),
  meanFoldAuc: z.number(),
  brier: z.number(),
  seed: z.union([z.number(), z.string()]),
  folds: z.array(
    z.object({
      fold: z.number().int(),
      accounts: z.number().int(),
      positives: z.number().int(),
      auc: z.number(),
    }),
  ),
  /** Out-of-fold predictions by tenth of accounts, lowest predicted first. */
  calibration: z.array(
    z.object({
      decile: z.number().int(),
      accounts: z.number().int(),
      meanPredicted: z.number(),
      observedRate: z.number(),
      minPredicted: z.number(),
      maxPredicted: z.number(),
    }),
  ),
  roc: z.array(z.object({ fpr: z.number(), tpr: z.number() })),
  /** Accounts left out of the training set, by reason. */
  excluded: z.object({ noSubscriptions: z.number().int(), churnDateUnknown: z.number().int() }),
  /** Columns left out and why (date fields, columns that record the outcome). */
  warnings: z.array(z.string()),
});
export type ChurnEvaluation = z.infer<typeof ZChurnEvaluation>;

export const ZChurnModelInfo = z.object({
  id: ZId,
  kind: ZChurnKind,
  trainedAt: ZTimestamp,
  trainedBy: z.object({ id: ZId, name: z.string() }).nullable(),
  /** Current customers scored with this model. */
  scored: z.number().int(),
  evaluation: ZChurnEvaluation,
});
export type ChurnModelInfo = z.infer<typeof ZChurnModelInfo>;

export const ZChurnModelAnswer = z.object({ kind: ZChurnKind, model: ZChurnModelInfo.nullable() });
export type ChurnModelAnswer = z.infer<typeof ZChurnModelAnswer>;

export const ZChurnTrain = z.strictObject({ kind: ZChurnKind.default("churn") });
export type ChurnTrain = z.infer<typeof ZChurnTrain>;

export const ZChurnPrediction = z.object({
  accountId: ZId,
  name: z.string(),
  tier: z.string().nullable(),
  ownerId: ZId.nullable(),
  ownerName: z.string().nullable(),
  currency: ZCurrency,
  arrMinor: z.number().int(),
  probability: z.number(),
  /** probability × ARR, rounded: the ARR at risk (for expansion, the ARR weighted by its chance to grow). */
  arrAtRiskMinor: z.number().int(),
  drivers: z.array(ZChurnDriver),
  computedAt: ZTimestamp,
  /** A new customer without enough data for a health score yet: why (the account's health note). */
  healthNotEnoughData: z.string().nullable(),
});
export type ChurnPrediction = z.infer<typeof ZChurnPrediction>;

export const CHURN_PREDICTION_SORTS = ["probability", "arrAtRisk", "arr", "name"] as const;

export const ZChurnPredictionQuery = z.strictObject({
  ...ZPageQuery,
  kind: ZChurnKind.default("churn"),
  tier: ZList(z.string()).optional(),
  ownerId: ZList(z.union([ZId, z.literal("none")])).optional(),
  sort: ZSort(CHURN_PREDICTION_SORTS, "-probability"),
});
export type ChurnPredictionQuery = z.infer<typeof ZChurnPredictionQuery>;

/** Sums over every prediction the filters match (not only the page), one line per currency. */
export const ZChurnTotal = z.object({
  currency: ZCurrency,
  accounts: z.number().int(),
  arrMinor: z.number().int(),
  arrAtRiskMinor: z.number().int(),
});
export type ChurnTotal = z.infer<typeof ZChurnTotal>;

export const ZChurnPredictionPage = ZPage(ZChurnPrediction).extend({ totals: z.array(ZChurnTotal) });
export type ChurnPredictionPage = z.infer<typeof ZChurnPredictionPage>;

export const ZAccountPrediction = z.object({
  probability: z.number(),
  drivers: z.array(ZChurnDriver),
  computedAt: ZTimestamp,
  modelId: ZId,
});
export type AccountPrediction = z.infer<typeof ZAccountPrediction>;

/** An account's latest probabilities; null for a kind no model has scored it with. */
export const ZAccountChurn = z.object({
  accountId: ZId,
  churn: ZAccountPrediction.nullable(),
  expansion: ZAccountPrediction.nullable(),
});
export type AccountChurn = z.infer<typeof ZAccountChurn>;

export const churnRoutes = {
  trainChurnModel: defineRoute({
    method: "POST",
    path: "/api/v1/churn/train",
    access: "write",
    tag: "churn",
    summary:
      "Train a churn (or expansion) model on the workspace's history, evaluate it and rescore every customer",
    body: ZChurnTrain,
    response: ZChurnModelInfo,
    status: 201,
  }),
  getChurnModel: defineRoute({
    method: "GET",
    path: "/api/v1/churn/model",
    access: "read",
    tag: "churn",
    summary: "The latest model of a kind with its evaluation (model is null before the first training)",
    query: z.strictObject({ kind: ZChurnKind.default("churn") }),
    response: ZChurnModelAnswer,
  }),
  listChurnPredictions: defineRoute({
    method: "GET",
    path: "/api/v1/churn/predictions",
    access: "read",
    tag: "churn",
    summary: "Customers by churn (or expansion) probability with their drivers and ARR at risk",
    query: ZChurnPredictionQuery,
    response: ZChurnPredictionPage,
  }),
  getAccountChurn: defineRoute({
    method: "GET",
    path: "/api/v1/accounts/:accountId/churn",
    access: "read",
    tag: "churn",
    summary: "The account's churn and expansion probabilities with their drivers",
    params: z.strictObject({ accountId: ZId }),
    response: ZAccountChurn,
  }),
};
