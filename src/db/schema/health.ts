import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./customers.ts";
import { ts, users, workspaces } from "./workspace.ts";

/** A named health model; what it measures lives in its versions. */
export const healthModels = pgTable(
  "health_models",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    priority: integer("priority").notNull().default(100),
    archived: boolean("archived").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("health_models_name_uq").on(t.workspaceId, sql`lower(${t.name})`),
  ],
);

/**
 * Versions of a model, kept for good: at most one draft (being edited) and one published (scoring
 * accounts); a publication retires the version it replaces.
 */
export const healthModelVersions = pgTable(
  "health_model_versions",
  {
    workspaceId: uuid("workspace_id").notNull(),
    modelId: uuid("model_id").notNull(),
    version: integer("version").notNull(),
    status: text("status").notNull(),
    definition: jsonb("definition").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    publishedAt: ts("published_at"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.modelId, t.version] }),
    foreignKey({
      columns: [t.workspaceId, t.modelId],
      foreignColumns: [healthModels.workspaceId, healthModels.id],
    }).onDelete("cascade"),
    uniqueIndex("health_model_versions_draft_uq")
      .on(t.workspaceId, t.modelId)
      .where(sql`${t.status} = 'draft'`),
    uniqueIndex("health_model_versions_published_uq")
      .on(t.workspaceId, t.modelId)
      .where(sql`${t.status} = 'published'`),
  ],
);

/**
 * One score per account per UTC day, with what made it: `measures` maps each measure key to
 * [raw value, points, weight] (value and points null when missing), enough to explain the score
 * and any change between two days. A new customer without enough data yet has no score and band,
 * and `note` says what is missing.
 */
export const healthScores = pgTable(
  "health_scores",
  {
    workspaceId: uuid("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    modelId: uuid("model_id").notNull(),
    modelVersion: integer("model_version").notNull(),
    score: real("score"),
    band: text("band"),
    measures: jsonb("measures").notNull(),
    note: text("note"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountId, t.day] }),
    index("health_scores_day_ix").on(t.workspaceId, t.day),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
  ],
);

/** A CSM's 1–5 rating of how the customer is doing, with reason codes. */
export const sentimentRatings = pgTable(
  "sentiment_ratings",
  {
    workspaceId: uuid("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    id: uuid("id").notNull(),
    rating: smallint("rating").notNull(),
    reasons: text("reasons").array().notNull().default(sql`'{}'::text[]`),
    comment: text("comment"),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountId, t.id] }),
    index("sentiment_ratings_latest_ix").on(t.workspaceId, t.accountId, t.createdAt),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
  ],
);

export const healthSettings = pgTable("health_settings", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  sentimentStaleDays: integer("sentiment_stale_days").notNull(),
  /** Days after a first subscription starts in which a customer without enough data is not scored. */
  onboardingDays: integer("onboarding_days").notNull().default(30),
});

/** A backtest run of one model version: queued, running (with progress), done or failed. */
export const healthBacktests = pgTable(
  "health_backtests",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    modelId: uuid("model_id").notNull(),
    modelVersion: integer("model_version").notNull(),
    status: text("status").notNull(),
    params: jsonb("params").notNull(),
    progress: doublePrecision("progress").notNull().default(0),
    result: jsonb("result"),
    error: text("error"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    finishedAt: ts("finished_at"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("health_backtests_model_ix").on(t.workspaceId, t.modelId, t.createdAt),
    foreignKey({
      columns: [t.workspaceId, t.modelId],
      foreignColumns: [healthModels.workspaceId, healthModels.id],
    }).onDelete("cascade"),
  ],
);

/**
 * A trained churn (or expansion) model: the model itself as plain JSON (src/domain/churn) and its
 * evaluation. The newest one of a kind scores accounts.
 */
export const churnModels = pgTable(
  "churn_models",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull(),
    kind: text("kind").notNull(),
    model: jsonb("model").notNull(),
    evaluation: jsonb("evaluation").notNull(),
    accounts: integer("accounts").notNull(),
    positives: integer("positives").notNull(),
    trainedBy: uuid("trained_by").references(() => users.id, { onDelete: "set null" }),
    trainedAt: ts("trained_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("churn_models_latest_ix").on(t.workspaceId, t.kind, t.trainedAt),
  ],
);

/** Each account's latest probability per kind, with the drivers behind it. */
export const churnPredictions = pgTable(
  "churn_predictions",
  {
    workspaceId: uuid("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    kind: text("kind").notNull(),
    modelId: uuid("model_id").notNull(),
    probability: doublePrecision("probability").notNull(),
    drivers: jsonb("drivers").notNull(),
    computedAt: ts("computed_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountId, t.kind] }),
    index("churn_predictions_rank_ix").on(t.workspaceId, t.kind, t.probability),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete("cascade"),
  ],
);
