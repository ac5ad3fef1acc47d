CREATE TABLE "charter_versions" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"vision" text NOT NULL,
	"mission" text NOT NULL,
	"objectives" jsonb NOT NULL,
	"change_note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	CONSTRAINT "charter_versions_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "charter_versions_status_ck" CHECK (("charter_versions"."status" = 'draft' and "charter_versions"."approved_at" is null) or ("charter_versions"."status" = 'approved' and "charter_versions"."approved_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "charter_versions" ADD CONSTRAINT "charter_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charter_versions" ADD CONSTRAINT "charter_versions_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charter_versions" ADD CONSTRAINT "charter_versions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "charter_versions_version_uq" ON "charter_versions" USING btree ("workspace_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "charter_versions_draft_uq" ON "charter_versions" USING btree ("workspace_id") WHERE "charter_versions"."status" = 'draft';--> statement-breakpoint
SELECT steward_workspace_rls('charter_versions');
