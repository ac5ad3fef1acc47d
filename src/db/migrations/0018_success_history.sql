CREATE TABLE "success_index_history" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"index" double precision,
	"lowest_decision_maker" double precision,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "success_index_history_workspace_id_account_id_day_pk" PRIMARY KEY("workspace_id","account_id","day")
);
--> statement-breakpoint
ALTER TABLE "success_index_history" ADD CONSTRAINT "success_index_history_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Row-level security as for every workspace table (0013).
SELECT steward_workspace_rls('success_index_history');
