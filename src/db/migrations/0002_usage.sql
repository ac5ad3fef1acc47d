CREATE TABLE "event_sources" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"write_key_hash" text NOT NULL,
	"write_key_prefix" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"unknown_accounts" text DEFAULT 'park' NOT NULL,
	"rate_limit" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"key_rotated_at" timestamp with time zone,
	"last_event_at" timestamp with time zone,
	CONSTRAINT "event_sources_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "usage_account_event_days" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"event" text NOT NULL,
	"events" integer NOT NULL,
	"users" integer NOT NULL,
	CONSTRAINT "usage_account_event_days_workspace_id_account_id_day_event_pk" PRIMARY KEY("workspace_id","account_id","day","event")
);
--> statement-breakpoint
CREATE TABLE "usage_events" (
	"workspace_id" uuid NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"id" uuid NOT NULL,
	"source_id" uuid,
	"message_id" text NOT NULL,
	"type" text NOT NULL,
	"event" text,
	"account_id" uuid,
	"contact_id" uuid,
	"user_id" text,
	"anonymous_id" text,
	"group_id" text,
	"parked" boolean DEFAULT false NOT NULL,
	"quantity" integer DEFAULT 1 NOT NULL,
	"properties" jsonb,
	"context" jsonb,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "usage_events_workspace_id_ts_id_pk" PRIMARY KEY("workspace_id","ts","id")
) PARTITION BY RANGE ("ts");
--> statement-breakpoint
-- Monthly partitions are created ahead by the usage partition job; anything outside them lands here
-- until that job moves it into its month.
CREATE TABLE "usage_events_default" PARTITION OF "usage_events" DEFAULT;
--> statement-breakpoint
CREATE TABLE "usage_features" (
	"workspace_id" uuid NOT NULL,
	"event" text NOT NULL,
	"name" text NOT NULL,
	"key" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_features_workspace_id_event_pk" PRIMARY KEY("workspace_id","event")
);
--> statement-breakpoint
CREATE TABLE "usage_message_ids" (
	"workspace_id" uuid NOT NULL,
	"message_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "usage_message_ids_workspace_id_message_id_pk" PRIMARY KEY("workspace_id","message_id")
);
--> statement-breakpoint
CREATE TABLE "usage_rejections" (
	"workspace_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"code" text NOT NULL,
	"message" text NOT NULL,
	"message_id" text,
	"excerpt" text,
	CONSTRAINT "usage_rejections_workspace_id_source_id_id_pk" PRIMARY KEY("workspace_id","source_id","id")
);
--> statement-breakpoint
CREATE TABLE "usage_rollup_dirty" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_rollup_dirty_workspace_id_account_id_day_pk" PRIMARY KEY("workspace_id","account_id","day")
);
--> statement-breakpoint
CREATE TABLE "usage_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"quiet_days" integer DEFAULT 14 NOT NULL,
	"key_player_quiet_days" integer DEFAULT 21 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "usage_user_accounts" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"user_key" text NOT NULL,
	"contact_id" uuid,
	"linked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "usage_user_accounts_workspace_id_account_id_user_key_pk" PRIMARY KEY("workspace_id","account_id","user_key")
);
--> statement-breakpoint
CREATE TABLE "usage_user_days" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"user_key" text NOT NULL,
	"contact_id" uuid,
	"events" integer NOT NULL,
	CONSTRAINT "usage_user_days_workspace_id_account_id_day_user_key_pk" PRIMARY KEY("workspace_id","account_id","day","user_key")
);
--> statement-breakpoint
CREATE TABLE "usage_user_event_days" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"event" text NOT NULL,
	"user_key" text NOT NULL,
	"events" integer NOT NULL,
	CONSTRAINT "usage_user_event_days_workspace_id_account_id_day_event_user_key_pk" PRIMARY KEY("workspace_id","account_id","day","event","user_key")
);
--> statement-breakpoint
CREATE TABLE "usage_users" (
	"workspace_id" uuid NOT NULL,
	"user_key" text NOT NULL,
	"traits" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "usage_users_workspace_id_user_key_pk" PRIMARY KEY("workspace_id","user_key")
);
--> statement-breakpoint
ALTER TABLE "event_sources" ADD CONSTRAINT "event_sources_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_sources" ADD CONSTRAINT "event_sources_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_features" ADD CONSTRAINT "usage_features_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_settings" ADD CONSTRAINT "usage_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "event_sources_id_uq" ON "event_sources" USING btree ("id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_sources_key_uq" ON "event_sources" USING btree ("write_key_hash");--> statement-breakpoint
CREATE INDEX "usage_account_event_days_day_ix" ON "usage_account_event_days" USING btree ("workspace_id","day");--> statement-breakpoint
CREATE INDEX "usage_events_ts_ix" ON "usage_events" USING btree ("workspace_id","ts");--> statement-breakpoint
CREATE INDEX "usage_events_account_ix" ON "usage_events" USING btree ("workspace_id","account_id","ts");--> statement-breakpoint
CREATE INDEX "usage_events_received_ix" ON "usage_events" USING btree ("workspace_id","received_at");--> statement-breakpoint
CREATE INDEX "usage_events_parked_ix" ON "usage_events" USING btree ("workspace_id","group_id") WHERE "usage_events"."parked";--> statement-breakpoint
CREATE INDEX "usage_message_ids_received_ix" ON "usage_message_ids" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "usage_rejections_time_ix" ON "usage_rejections" USING btree ("workspace_id","received_at");--> statement-breakpoint
CREATE INDEX "usage_user_accounts_user_ix" ON "usage_user_accounts" USING btree ("workspace_id","user_key");--> statement-breakpoint
CREATE INDEX "usage_user_days_day_ix" ON "usage_user_days" USING btree ("workspace_id","day");