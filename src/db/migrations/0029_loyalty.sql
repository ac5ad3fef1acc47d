CREATE TABLE "advocacy_asks" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"contact_id" uuid,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"asked_on" date NOT NULL,
	"state_on" date NOT NULL,
	"detail" text,
	"asked_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "advocacy_asks_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "expansion_opportunities" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"title" text NOT NULL,
	"arr_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"stage" text DEFAULT 'open' NOT NULL,
	"expected_close" date,
	"owner_id" uuid,
	"note" text,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expansion_opportunities_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "renewal_calibrations" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"calibration" jsonb NOT NULL,
	"fitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "renewals" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"subscription_id" uuid,
	"due_date" date NOT NULL,
	"stage" text DEFAULT 'not_started' NOT NULL,
	"csm_call" text,
	"notice_date" date,
	"outcome" text,
	"reason_code" text,
	"arr_after_minor" bigint,
	"note" text,
	"external_id" text,
	"decided_at" timestamp with time zone,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "renewals_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "revenue_settings" ADD COLUMN "notice_days" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "revenue_settings" ADD COLUMN "do_not_ask_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "advocacy_asks" ADD CONSTRAINT "advocacy_asks_asked_by_users_id_fk" FOREIGN KEY ("asked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advocacy_asks" ADD CONSTRAINT "advocacy_asks_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advocacy_asks" ADD CONSTRAINT "advocacy_asks_workspace_id_contact_id_contacts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expansion_opportunities" ADD CONSTRAINT "expansion_opportunities_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expansion_opportunities" ADD CONSTRAINT "expansion_opportunities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expansion_opportunities" ADD CONSTRAINT "expansion_opportunities_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewal_calibrations" ADD CONSTRAINT "renewal_calibrations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewals" ADD CONSTRAINT "renewals_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewals" ADD CONSTRAINT "renewals_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewals" ADD CONSTRAINT "renewals_workspace_id_subscription_id_subscriptions_workspace_id_id_fk" FOREIGN KEY ("workspace_id","subscription_id") REFERENCES "public"."subscriptions"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "advocacy_asks_account_ix" ON "advocacy_asks" USING btree ("workspace_id","account_id","asked_on");--> statement-breakpoint
CREATE INDEX "advocacy_asks_contact_ix" ON "advocacy_asks" USING btree ("workspace_id","contact_id","asked_on");--> statement-breakpoint
CREATE INDEX "expansion_opportunities_account_ix" ON "expansion_opportunities" USING btree ("workspace_id","account_id");--> statement-breakpoint
CREATE INDEX "expansion_opportunities_stage_ix" ON "expansion_opportunities" USING btree ("workspace_id","stage","expected_close");--> statement-breakpoint
CREATE UNIQUE INDEX "renewals_subscription_due_uq" ON "renewals" USING btree ("workspace_id","subscription_id","due_date") WHERE "renewals"."subscription_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "renewals_external_uq" ON "renewals" USING btree ("workspace_id","external_id");--> statement-breakpoint
CREATE INDEX "renewals_account_ix" ON "renewals" USING btree ("workspace_id","account_id","due_date");--> statement-breakpoint
CREATE INDEX "renewals_due_ix" ON "renewals" USING btree ("workspace_id","due_date");--> statement-breakpoint
CREATE INDEX "subscriptions_renewal_ix" ON "subscriptions" USING btree ("workspace_id","renewal_date");--> statement-breakpoint
SELECT steward_workspace_rls('renewals');--> statement-breakpoint
SELECT steward_workspace_rls('expansion_opportunities');--> statement-breakpoint
SELECT steward_workspace_rls('advocacy_asks');--> statement-breakpoint
SELECT steward_workspace_rls('renewal_calibrations');
