CREATE TABLE "domain_events" (
	"position" bigserial PRIMARY KEY NOT NULL,
	"txid" bigint DEFAULT (pg_current_xact_id()::text)::bigint NOT NULL,
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"account_id" uuid,
	"type" text NOT NULL,
	"actor" jsonb NOT NULL,
	"data" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_consumers" (
	"name" text PRIMARY KEY NOT NULL,
	"txid" bigint NOT NULL,
	"position" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_retention" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"txid" bigint NOT NULL,
	"position" bigint NOT NULL,
	"pruned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parked_events" (
	"workspace_id" uuid NOT NULL,
	"consumer" text NOT NULL,
	"position" bigint NOT NULL,
	"attempts" integer NOT NULL,
	"error" text NOT NULL,
	"parked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "parked_events_workspace_id_consumer_position_pk" PRIMARY KEY("workspace_id","consumer","position")
);
--> statement-breakpoint
ALTER TABLE "domain_events" ADD CONSTRAINT "domain_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parked_events" ADD CONSTRAINT "parked_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "domain_events_order_ix" ON "domain_events" USING btree ("txid","position");--> statement-breakpoint
CREATE INDEX "domain_events_workspace_order_ix" ON "domain_events" USING btree ("workspace_id","txid","position");--> statement-breakpoint
CREATE INDEX "domain_events_occurred_ix" ON "domain_events" USING btree ("occurred_at");