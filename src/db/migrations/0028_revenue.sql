CREATE TABLE "currency_rates" (
	"workspace_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"valid_from" date NOT NULL,
	"rate" numeric(24, 12) NOT NULL,
	CONSTRAINT "currency_rates_workspace_id_currency_valid_from_pk" PRIMARY KEY("workspace_id","currency","valid_from")
);
--> statement-breakpoint
CREATE TABLE "logo_changes" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"month" date NOT NULL,
	"change" smallint NOT NULL,
	CONSTRAINT "logo_changes_workspace_id_account_id_month_pk" PRIMARY KEY("workspace_id","account_id","month")
);
--> statement-breakpoint
CREATE TABLE "mrr_movements" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"month" date NOT NULL,
	"kind" text NOT NULL,
	"delta_minor" bigint NOT NULL,
	CONSTRAINT "mrr_movements_workspace_id_account_id_currency_month_kind_pk" PRIMARY KEY("workspace_id","account_id","currency","month","kind")
);
--> statement-breakpoint
CREATE TABLE "revenue_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"reactivation" text DEFAULT 'reactivation' NOT NULL,
	"join_and_leave" text DEFAULT 'count' NOT NULL,
	"base_currency" text,
	"gross_margin" real,
	"forecast" jsonb DEFAULT '{"commitAtLeast":0.85,"likelyAtLeast":0.6}'::jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "currency_rates" ADD CONSTRAINT "currency_rates_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "logo_changes" ADD CONSTRAINT "logo_changes_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mrr_movements" ADD CONSTRAINT "mrr_movements_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revenue_settings" ADD CONSTRAINT "revenue_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revenue_settings" ADD CONSTRAINT "revenue_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "logo_changes_month_ix" ON "logo_changes" USING btree ("workspace_id","month");--> statement-breakpoint
CREATE INDEX "mrr_movements_month_ix" ON "mrr_movements" USING btree ("workspace_id","month");--> statement-breakpoint
SELECT steward_workspace_rls('mrr_movements');--> statement-breakpoint
SELECT steward_workspace_rls('logo_changes');--> statement-breakpoint
SELECT steward_workspace_rls('revenue_settings');--> statement-breakpoint
SELECT steward_workspace_rls('currency_rates');
