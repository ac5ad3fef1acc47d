CREATE TABLE "tasks" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"priority" text NOT NULL,
	"owner_id" uuid,
	"due_date" date,
	"snoozed_until" timestamp with time zone,
	"reason" jsonb NOT NULL,
	"reason_key" text NOT NULL,
	"rule_id" uuid,
	"occurrences" integer DEFAULT 1 NOT NULL,
	"last_occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"escalated_at" timestamp with time zone,
	"escalated_to" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"outcome" text,
	"outcome_note" text,
	CONSTRAINT "tasks_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "manager_id" uuid;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "team" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_open_reason_uq" ON "tasks" USING btree ("workspace_id","account_id","type","reason_key") WHERE "tasks"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "tasks_open_owner_ix" ON "tasks" USING btree ("workspace_id","owner_id","due_date") WHERE "tasks"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "tasks_open_due_ix" ON "tasks" USING btree ("workspace_id","due_date") WHERE "tasks"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "tasks_account_ix" ON "tasks" USING btree ("workspace_id","account_id","created_at");--> statement-breakpoint
CREATE INDEX "memberships_manager_ix" ON "memberships" USING btree ("workspace_id","manager_id");--> statement-breakpoint
-- Written by hand (drizzle cannot say it): a manager must be a member of the same workspace, and
-- leaving it leaves their reports without one (SET NULL of that column only, PostgreSQL 15+).
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_manager_fk" FOREIGN KEY ("workspace_id","manager_id") REFERENCES "public"."memberships"("workspace_id","user_id") ON DELETE SET NULL ("manager_id");--> statement-breakpoint
-- Row-level security as for every workspace table (0013).
SELECT steward_workspace_rls('tasks');
