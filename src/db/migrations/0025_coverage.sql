CREATE TABLE "coverage_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"capacity" jsonb NOT NULL,
	"tiering" jsonb NOT NULL,
	"tiering_enabled" boolean DEFAULT false NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "tier_source" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "coverage_source" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "owner_source" text;--> statement-breakpoint
ALTER TABLE "coverage_settings" ADD CONSTRAINT "coverage_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverage_settings" ADD CONSTRAINT "coverage_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- What accounts already have was set by people or imports: rules must not overwrite it.
UPDATE "accounts" SET "tier_source" = CASE WHEN "tier" IS NOT NULL THEN 'hand' END,
  "coverage_source" = CASE WHEN "coverage" IS NOT NULL THEN 'hand' END,
  "owner_source" = CASE WHEN "owner_id" IS NOT NULL THEN 'hand' END;--> statement-breakpoint
-- Row-level security as for every workspace table (0013).
SELECT steward_workspace_rls('coverage_settings');
