CREATE TABLE "lifecycle_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"stages" jsonb NOT NULL,
	"first_value_event" text,
	"first_value_count" integer,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lifecycle_settings" ADD CONSTRAINT "lifecycle_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lifecycle_settings" ADD CONSTRAINT "lifecycle_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tasks_open_escalated_ix" ON "tasks" USING btree ("workspace_id") WHERE "tasks"."closed_at" is null and "tasks"."escalated_to" <> '{}'::uuid[];--> statement-breakpoint
-- Row-level security as for every workspace table (0013).
SELECT steward_workspace_rls('lifecycle_settings');
