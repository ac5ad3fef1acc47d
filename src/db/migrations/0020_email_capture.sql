CREATE TABLE "capture_addresses" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"token" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "capture_addresses_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "captured_emails" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sender_id" uuid,
	"from_address" text NOT NULL,
	"from_name" text,
	"to_addresses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cc_addresses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"forwarded" boolean DEFAULT false NOT NULL,
	"message_id" text NOT NULL,
	"participants" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"touchpoint_id" uuid,
	"account_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "captured_emails_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "capture_addresses" ADD CONSTRAINT "capture_addresses_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capture_addresses" ADD CONSTRAINT "capture_addresses_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "captured_emails" ADD CONSTRAINT "captured_emails_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "captured_emails" ADD CONSTRAINT "captured_emails_sender_id_users_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "captured_emails" ADD CONSTRAINT "captured_emails_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "capture_addresses_token_uq" ON "capture_addresses" USING btree ("token");--> statement-breakpoint
CREATE UNIQUE INDEX "capture_addresses_active_uq" ON "capture_addresses" USING btree ("workspace_id") WHERE "capture_addresses"."revoked_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "captured_emails_message_uq" ON "captured_emails" USING btree ("workspace_id","message_id");--> statement-breakpoint
CREATE INDEX "captured_emails_status_ix" ON "captured_emails" USING btree ("workspace_id","status","received_at");--> statement-breakpoint
CREATE INDEX "accounts_domain_ix" ON "accounts" USING btree ("workspace_id",lower("domain"));--> statement-breakpoint
-- Written by hand (drizzle cannot say it): a deleted touchpoint leaves its captured email without
-- one (SET NULL of that column only, PostgreSQL 15+).
ALTER TABLE "captured_emails" ADD CONSTRAINT "captured_emails_touchpoint_fk" FOREIGN KEY ("workspace_id","touchpoint_id") REFERENCES "public"."touchpoints"("workspace_id","id") ON DELETE SET NULL ("touchpoint_id");--> statement-breakpoint
-- Row-level security as for every workspace table (0013).
SELECT steward_workspace_rls('capture_addresses');
--> statement-breakpoint
SELECT steward_workspace_rls('captured_emails');
