CREATE TABLE "account_stage_changes" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"from_stage" text,
	"to_stage" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	"changed_by" uuid,
	CONSTRAINT "account_stage_changes_workspace_id_account_id_id_pk" PRIMARY KEY("workspace_id","account_id","id")
);
--> statement-breakpoint
ALTER TABLE "account_stage_changes" ADD CONSTRAINT "account_stage_changes_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_stage_changes" ADD CONSTRAINT "account_stage_changes_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_stage_changes_day_ix" ON "account_stage_changes" USING btree ("workspace_id","changed_at");--> statement-breakpoint
-- Accounts that exist already entered their current stage when they were created, as far as
-- anyone can tell now.
INSERT INTO "account_stage_changes" ("workspace_id", "account_id", "id", "from_stage", "to_stage", "changed_at", "source")
SELECT "workspace_id", "id", gen_random_uuid(), NULL, "lifecycle_stage", "created_at", 'hand' FROM "accounts";--> statement-breakpoint
-- Row-level security as for every workspace table (0013).
SELECT steward_workspace_rls('account_stage_changes');
