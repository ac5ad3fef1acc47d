CREATE TABLE "churn_probability_history" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"day" date NOT NULL,
	"probability" double precision NOT NULL,
	CONSTRAINT "churn_probability_history_workspace_id_kind_account_id_day_pk" PRIMARY KEY("workspace_id","kind","account_id","day")
);
--> statement-breakpoint
CREATE TABLE "segment_members" (
	"workspace_id" uuid NOT NULL,
	"segment_id" uuid NOT NULL,
	"entity_id" uuid NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone,
	CONSTRAINT "segment_members_workspace_id_segment_id_entity_id_entered_at_pk" PRIMARY KEY("workspace_id","segment_id","entity_id","entered_at")
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"entity" text NOT NULL,
	"filter" jsonb NOT NULL,
	"member_count" integer DEFAULT 0 NOT NULL,
	"refreshed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "segments_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "churn_probability_history" ADD CONSTRAINT "churn_probability_history_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_members" ADD CONSTRAINT "segment_members_workspace_id_segment_id_segments_workspace_id_id_fk" FOREIGN KEY ("workspace_id","segment_id") REFERENCES "public"."segments"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "churn_probability_history_day_ix" ON "churn_probability_history" USING btree ("workspace_id","kind","day");--> statement-breakpoint
CREATE UNIQUE INDEX "segment_members_open_uq" ON "segment_members" USING btree ("workspace_id","segment_id","entity_id") WHERE "segment_members"."left_at" is null;--> statement-breakpoint
CREATE INDEX "segment_members_left_ix" ON "segment_members" USING btree ("workspace_id","segment_id","left_at");--> statement-breakpoint
CREATE INDEX "segment_members_entered_ix" ON "segment_members" USING btree ("workspace_id","segment_id","entered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "segments_name_uq" ON "segments" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
-- Row-level security as for every workspace table (0013).
SELECT steward_workspace_rls('segments');
--> statement-breakpoint
SELECT steward_workspace_rls('segment_members');
--> statement-breakpoint
SELECT steward_workspace_rls('churn_probability_history');
