CREATE TABLE "playbook_runs" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"playbook_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"rule_id" uuid,
	"rule_name" text,
	"held_out" boolean DEFAULT false NOT NULL,
	"hold_out_percent" smallint DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"started_by" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "playbook_runs_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "playbooks" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"key" text,
	"name" text NOT NULL,
	"description" text,
	"type" text NOT NULL,
	"steps" jsonb NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "playbooks_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "playbook_run_id" uuid;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "playbook_step" smallint;--> statement-breakpoint
ALTER TABLE "playbook_runs" ADD CONSTRAINT "playbook_runs_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_runs" ADD CONSTRAINT "playbook_runs_workspace_id_playbook_id_playbooks_workspace_id_id_fk" FOREIGN KEY ("workspace_id","playbook_id") REFERENCES "public"."playbooks"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_runs" ADD CONSTRAINT "playbook_runs_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbooks" ADD CONSTRAINT "playbooks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "playbook_runs_active_uq" ON "playbook_runs" USING btree ("workspace_id","account_id","playbook_id") WHERE "playbook_runs"."status" = 'active';--> statement-breakpoint
CREATE INDEX "playbook_runs_playbook_ix" ON "playbook_runs" USING btree ("workspace_id","playbook_id","started_at");--> statement-breakpoint
CREATE INDEX "playbook_runs_account_ix" ON "playbook_runs" USING btree ("workspace_id","account_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "playbooks_name_uq" ON "playbooks" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "playbooks_key_uq" ON "playbooks" USING btree ("workspace_id","key") WHERE "playbooks"."key" is not null;--> statement-breakpoint
CREATE INDEX "tasks_playbook_run_ix" ON "tasks" USING btree ("workspace_id","playbook_run_id") WHERE "tasks"."playbook_run_id" is not null;--> statement-breakpoint
-- Written by hand (drizzle cannot say it): a task's playbook run is of its workspace, and a run
-- that goes leaves its tasks in the inbox as plain tasks (SET NULL of that column only).
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_playbook_run_fk" FOREIGN KEY ("workspace_id","playbook_run_id") REFERENCES "public"."playbook_runs"("workspace_id","id") ON DELETE SET NULL ("playbook_run_id");--> statement-breakpoint
-- Row-level security as for every workspace table (0013).
SELECT steward_workspace_rls('playbooks');
--> statement-breakpoint
SELECT steward_workspace_rls('playbook_runs');
