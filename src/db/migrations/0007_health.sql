CREATE TABLE "churn_models" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"model" jsonb NOT NULL,
	"evaluation" jsonb NOT NULL,
	"accounts" integer NOT NULL,
	"positives" integer NOT NULL,
	"trained_by" uuid,
	"trained_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "churn_models_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "churn_predictions" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"model_id" uuid NOT NULL,
	"probability" double precision NOT NULL,
	"drivers" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "churn_predictions_workspace_id_account_id_kind_pk" PRIMARY KEY("workspace_id","account_id","kind")
);
--> statement-breakpoint
CREATE TABLE "health_backtests" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"model_id" uuid NOT NULL,
	"model_version" integer NOT NULL,
	"status" text NOT NULL,
	"params" jsonb NOT NULL,
	"progress" double precision DEFAULT 0 NOT NULL,
	"result" jsonb,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "health_backtests_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "health_model_versions" (
	"workspace_id" uuid NOT NULL,
	"model_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "health_model_versions_workspace_id_model_id_version_pk" PRIMARY KEY("workspace_id","model_id","version")
);
--> statement-breakpoint
CREATE TABLE "health_models" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"priority" integer DEFAULT 100 NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "health_models_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "health_scores" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"model_id" uuid NOT NULL,
	"model_version" integer NOT NULL,
	"score" real NOT NULL,
	"band" text NOT NULL,
	"measures" jsonb NOT NULL,
	CONSTRAINT "health_scores_workspace_id_account_id_day_pk" PRIMARY KEY("workspace_id","account_id","day")
);
--> statement-breakpoint
CREATE TABLE "health_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"sentiment_stale_days" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sentiment_ratings" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"rating" smallint NOT NULL,
	"reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"comment" text,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sentiment_ratings_workspace_id_account_id_id_pk" PRIMARY KEY("workspace_id","account_id","id")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "coverage" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "health_score" real;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "health_band" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "health_change_7d" real;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "health_day" date;--> statement-breakpoint
ALTER TABLE "churn_models" ADD CONSTRAINT "churn_models_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "churn_models" ADD CONSTRAINT "churn_models_trained_by_users_id_fk" FOREIGN KEY ("trained_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "churn_predictions" ADD CONSTRAINT "churn_predictions_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_backtests" ADD CONSTRAINT "health_backtests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_backtests" ADD CONSTRAINT "health_backtests_workspace_id_model_id_health_models_workspace_id_id_fk" FOREIGN KEY ("workspace_id","model_id") REFERENCES "public"."health_models"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_model_versions" ADD CONSTRAINT "health_model_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_model_versions" ADD CONSTRAINT "health_model_versions_workspace_id_model_id_health_models_workspace_id_id_fk" FOREIGN KEY ("workspace_id","model_id") REFERENCES "public"."health_models"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_models" ADD CONSTRAINT "health_models_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_scores" ADD CONSTRAINT "health_scores_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_settings" ADD CONSTRAINT "health_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sentiment_ratings" ADD CONSTRAINT "sentiment_ratings_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sentiment_ratings" ADD CONSTRAINT "sentiment_ratings_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "churn_models_latest_ix" ON "churn_models" USING btree ("workspace_id","kind","trained_at");--> statement-breakpoint
CREATE INDEX "churn_predictions_rank_ix" ON "churn_predictions" USING btree ("workspace_id","kind","probability");--> statement-breakpoint
CREATE INDEX "health_backtests_model_ix" ON "health_backtests" USING btree ("workspace_id","model_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "health_model_versions_draft_uq" ON "health_model_versions" USING btree ("workspace_id","model_id") WHERE "health_model_versions"."status" = 'draft';--> statement-breakpoint
CREATE UNIQUE INDEX "health_model_versions_published_uq" ON "health_model_versions" USING btree ("workspace_id","model_id") WHERE "health_model_versions"."status" = 'published';--> statement-breakpoint
CREATE UNIQUE INDEX "health_models_name_uq" ON "health_models" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
CREATE INDEX "health_scores_day_ix" ON "health_scores" USING btree ("workspace_id","day");--> statement-breakpoint
CREATE INDEX "sentiment_ratings_latest_ix" ON "sentiment_ratings" USING btree ("workspace_id","account_id","created_at");--> statement-breakpoint
CREATE INDEX "accounts_health_ix" ON "accounts" USING btree ("workspace_id","health_score","id");