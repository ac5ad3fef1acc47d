CREATE TABLE "survey_responses" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"dimension" text,
	"score" smallint NOT NULL,
	"scale" smallint NOT NULL,
	"comment" text,
	"answered_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"touchpoint_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_responses_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"external_id" text,
	"subject" text,
	"priority" text,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"first_response_minutes" double precision,
	"resolution_hours" double precision,
	"satisfaction" smallint,
	"escalated" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tickets_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "touchpoint_players" (
	"workspace_id" uuid NOT NULL,
	"touchpoint_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	CONSTRAINT "touchpoint_players_workspace_id_touchpoint_id_contact_id_pk" PRIMARY KEY("workspace_id","touchpoint_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "touchpoints" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"external_id" text,
	"channel" text NOT NULL,
	"function" text NOT NULL,
	"employee_id" uuid,
	"decision_step" text,
	"development_step" text,
	"title" text NOT NULL,
	"notes" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"quality_rating" smallint,
	"quality_rated_by" uuid,
	"quality_self_assessed" boolean DEFAULT false NOT NULL,
	"experience_rating" smallint,
	"source" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "touchpoints_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "workspace_list_items" (
	"workspace_id" uuid NOT NULL,
	"list" text NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"description" text,
	"position" integer NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "workspace_list_items_workspace_id_list_key_pk" PRIMARY KEY("workspace_id","list","key")
);
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_workspace_id_contact_id_contacts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoint_players" ADD CONSTRAINT "touchpoint_players_workspace_id_touchpoint_id_touchpoints_workspace_id_id_fk" FOREIGN KEY ("workspace_id","touchpoint_id") REFERENCES "public"."touchpoints"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoint_players" ADD CONSTRAINT "touchpoint_players_workspace_id_contact_id_contacts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoints" ADD CONSTRAINT "touchpoints_employee_id_users_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoints" ADD CONSTRAINT "touchpoints_quality_rated_by_users_id_fk" FOREIGN KEY ("quality_rated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoints" ADD CONSTRAINT "touchpoints_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoints" ADD CONSTRAINT "touchpoints_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_list_items" ADD CONSTRAINT "workspace_list_items_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_answer_uq" ON "survey_responses" USING btree ("workspace_id","contact_id","kind",coalesce("dimension", ''),"answered_at");--> statement-breakpoint
CREATE INDEX "survey_responses_account_ix" ON "survey_responses" USING btree ("workspace_id","account_id","answered_at");--> statement-breakpoint
CREATE INDEX "survey_responses_answered_ix" ON "survey_responses" USING btree ("workspace_id","answered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_external_uq" ON "tickets" USING btree ("workspace_id","external_id");--> statement-breakpoint
CREATE INDEX "tickets_account_opened_ix" ON "tickets" USING btree ("workspace_id","account_id","opened_at");--> statement-breakpoint
CREATE INDEX "tickets_opened_ix" ON "tickets" USING btree ("workspace_id","opened_at");--> statement-breakpoint
CREATE INDEX "touchpoint_players_contact_ix" ON "touchpoint_players" USING btree ("workspace_id","contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "touchpoints_external_uq" ON "touchpoints" USING btree ("workspace_id","external_id");--> statement-breakpoint
CREATE INDEX "touchpoints_account_time_ix" ON "touchpoints" USING btree ("workspace_id","account_id","occurred_at");--> statement-breakpoint
CREATE INDEX "touchpoints_time_ix" ON "touchpoints" USING btree ("workspace_id","occurred_at");--> statement-breakpoint
CREATE INDEX "touchpoints_employee_ix" ON "touchpoints" USING btree ("workspace_id","employee_id","occurred_at");--> statement-breakpoint
-- Row-level security as for every workspace table (0013).
SELECT steward_workspace_rls('workspace_list_items');
--> statement-breakpoint
SELECT steward_workspace_rls('tickets');
--> statement-breakpoint
SELECT steward_workspace_rls('survey_responses');
--> statement-breakpoint
SELECT steward_workspace_rls('touchpoints');
--> statement-breakpoint
SELECT steward_workspace_rls('touchpoint_players');
--> statement-breakpoint
-- Existing workspaces get the lists new ones get at provisioning
-- (DEFAULT_LIST_ITEMS in src/domain/journey/journey.rules.ts, as it was at this migration).
INSERT INTO workspace_list_items (workspace_id, list, key, label, description, position)
SELECT w.id, d.list, d.key, d.label, d.description, d.position
  FROM workspaces w
 CROSS JOIN (VALUES
  ('decision', 'recognize_need', 'Recognize the need', NULL, 1),
  ('decision', 'explore_options', 'Explore options', NULL, 2),
  ('decision', 'evaluate_select', 'Evaluate and select', NULL, 3),
  ('decision', 'implement', 'Implement', NULL, 4),
  ('decision', 'realize_value', 'Use and realize value', NULL, 5),
  ('decision', 'renew_expand', 'Renew, expand and advocate', NULL, 6),
  ('development', 'attract', 'Attract', 'Marketing', 1),
  ('development', 'engage', 'Engage', 'Sales development', 2),
  ('development', 'propose_win', 'Propose and win', 'Sales', 3),
  ('development', 'onboard', 'Onboard', 'Services', 4),
  ('development', 'drive_value', 'Drive adoption and value', 'Customer success, support', 5),
  ('development', 'grow_retain', 'Grow and retain', 'Account management', 6),
  ('dimension', 'responsiveness', 'Responsiveness', 'We answer quickly and follow through.', 1),
  ('dimension', 'expertise', 'Expertise', 'Our people know the product and the customer''s field.', 2),
  ('dimension', 'proactivity', 'Proactivity', 'We bring ideas and warnings before being asked.', 3),
  ('dimension', 'ease', 'Ease of doing business', 'Working with us takes little effort.', 4),
  ('dimension', 'reliability', 'Reliability', 'The product and our promises hold.', 5),
  ('dimension', 'understanding', 'Understanding of their business', 'We know what the customer is trying to achieve.', 6),
  ('dimension', 'value', 'Value delivered', 'The customer gets the results they bought us for.', 7)
 ) AS d(list, key, label, description, position);
