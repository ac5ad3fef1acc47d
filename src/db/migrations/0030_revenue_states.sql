CREATE TABLE "mrr_month_totals" (
	"workspace_id" uuid NOT NULL,
	"month" date NOT NULL,
	"currency" text NOT NULL,
	"kind" text NOT NULL,
	"fleeting" boolean NOT NULL,
	"cohort" date NOT NULL,
	"delta_minor" bigint NOT NULL,
	"accounts" integer NOT NULL,
	CONSTRAINT "mrr_month_totals_workspace_id_month_currency_kind_fleeting_cohort_pk" PRIMARY KEY("workspace_id","month","currency","kind","fleeting","cohort")
);
--> statement-breakpoint
CREATE TABLE "mrr_states" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"month" date NOT NULL,
	"since" date NOT NULL,
	"cohort" date NOT NULL,
	"mrr_minor" bigint NOT NULL,
	"new_minor" bigint NOT NULL,
	"expansion_minor" bigint NOT NULL,
	"contraction_minor" bigint NOT NULL,
	"churn_minor" bigint NOT NULL,
	"reactivation_minor" bigint NOT NULL,
	"moves" integer NOT NULL,
	"last" boolean NOT NULL,
	CONSTRAINT "mrr_states_workspace_id_month_account_id_currency_pk" PRIMARY KEY("workspace_id","month","account_id","currency")
);
--> statement-breakpoint
ALTER TABLE "mrr_month_totals" ADD CONSTRAINT "mrr_month_totals_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mrr_states" ADD CONSTRAINT "mrr_states_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mrr_states_account_ix" ON "mrr_states" USING btree ("workspace_id","account_id");--> statement-breakpoint
CREATE INDEX "mrr_states_last_ix" ON "mrr_states" USING btree ("workspace_id","month") WHERE last;--> statement-breakpoint
SELECT steward_workspace_rls('mrr_states');--> statement-breakpoint
SELECT steward_workspace_rls('mrr_month_totals');
