CREATE TABLE "success_plan_item_outcomes" (
	"workspace_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"outcome_id" uuid NOT NULL,
	CONSTRAINT "success_plan_item_outcomes_workspace_id_item_id_outcome_id_pk" PRIMARY KEY("workspace_id","item_id","outcome_id")
);
--> statement-breakpoint
CREATE TABLE "success_plan_items" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"parent_id" uuid,
	"title" text NOT NULL,
	"description" text,
	"internal_notes" text,
	"status" text DEFAULT 'not_started' NOT NULL,
	"due_date" date,
	"owner_id" uuid,
	"customer_owner_id" uuid,
	"shared" boolean DEFAULT false NOT NULL,
	"position" integer NOT NULL,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "success_plan_items_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "success_plan_links" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"contact_id" uuid,
	"token_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "success_plan_links_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "success_plan_templates" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"objectives" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "success_plan_templates_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "success_plans" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"status" text DEFAULT 'active' NOT NULL,
	"owner_id" uuid,
	"customer_owner_id" uuid,
	"start_date" date,
	"due_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "success_plans_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "outcome_evidence" ADD COLUMN "source" text DEFAULT 'internal' NOT NULL;--> statement-breakpoint
ALTER TABLE "outcome_evidence" ADD COLUMN "contact_id" uuid;--> statement-breakpoint
ALTER TABLE "outcome_evidence" ADD COLUMN "verdict" text;--> statement-breakpoint
ALTER TABLE "success_plan_item_outcomes" ADD CONSTRAINT "success_plan_item_outcomes_workspace_id_item_id_success_plan_items_workspace_id_id_fk" FOREIGN KEY ("workspace_id","item_id") REFERENCES "public"."success_plan_items"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_plan_item_outcomes" ADD CONSTRAINT "success_plan_item_outcomes_workspace_id_outcome_id_outcomes_workspace_id_id_fk" FOREIGN KEY ("workspace_id","outcome_id") REFERENCES "public"."outcomes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_plan_items" ADD CONSTRAINT "success_plan_items_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_plan_items" ADD CONSTRAINT "success_plan_items_workspace_id_plan_id_success_plans_workspace_id_id_fk" FOREIGN KEY ("workspace_id","plan_id") REFERENCES "public"."success_plans"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_plan_links" ADD CONSTRAINT "success_plan_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_plan_links" ADD CONSTRAINT "success_plan_links_workspace_id_plan_id_success_plans_workspace_id_id_fk" FOREIGN KEY ("workspace_id","plan_id") REFERENCES "public"."success_plans"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_plan_links" ADD CONSTRAINT "success_plan_links_workspace_id_contact_id_contacts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_plan_templates" ADD CONSTRAINT "success_plan_templates_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_plans" ADD CONSTRAINT "success_plans_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_plans" ADD CONSTRAINT "success_plans_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "success_plan_item_outcomes_outcome_ix" ON "success_plan_item_outcomes" USING btree ("workspace_id","outcome_id");--> statement-breakpoint
CREATE INDEX "success_plan_items_plan_ix" ON "success_plan_items" USING btree ("workspace_id","plan_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "success_plan_links_token_uq" ON "success_plan_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "success_plan_links_plan_ix" ON "success_plan_links" USING btree ("workspace_id","plan_id");--> statement-breakpoint
CREATE INDEX "success_plans_account_ix" ON "success_plans" USING btree ("workspace_id","account_id");--> statement-breakpoint
-- Written by hand (drizzle cannot say it): a milestone goes with its objective; a customer owner
-- who is deleted leaves the plan or item without one (SET NULL of that column only, PostgreSQL 15+).
ALTER TABLE "success_plan_items" ADD CONSTRAINT "success_plan_items_parent_fk" FOREIGN KEY ("workspace_id","parent_id") REFERENCES "public"."success_plan_items"("workspace_id","id") ON DELETE cascade;--> statement-breakpoint
ALTER TABLE "success_plans" ADD CONSTRAINT "success_plans_customer_owner_fk" FOREIGN KEY ("workspace_id","customer_owner_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE SET NULL ("customer_owner_id");--> statement-breakpoint
ALTER TABLE "success_plan_items" ADD CONSTRAINT "success_plan_items_customer_owner_fk" FOREIGN KEY ("workspace_id","customer_owner_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE SET NULL ("customer_owner_id");--> statement-breakpoint
-- Row-level security as for every workspace table (0013).
SELECT steward_workspace_rls('success_plans');
--> statement-breakpoint
SELECT steward_workspace_rls('success_plan_items');
--> statement-breakpoint
SELECT steward_workspace_rls('success_plan_item_outcomes');
--> statement-breakpoint
SELECT steward_workspace_rls('success_plan_links');
--> statement-breakpoint
SELECT steward_workspace_rls('success_plan_templates');
