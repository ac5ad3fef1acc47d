CREATE TABLE "outcome_changes" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"outcome_id" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"changes" jsonb NOT NULL,
	CONSTRAINT "outcome_changes_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "outcome_evidence" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"outcome_id" uuid NOT NULL,
	"note" text,
	"url" text,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outcome_evidence_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "outcome_templates" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"measure" text,
	"unit" text,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outcome_templates_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "outcomes" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"measure" text,
	"unit" text,
	"baseline" double precision,
	"target" double precision,
	"current" double precision,
	"due_date" date,
	"status" text DEFAULT 'planned' NOT NULL,
	"owner_id" uuid,
	"achieved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outcomes_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "outcome_changes" ADD CONSTRAINT "outcome_changes_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_changes" ADD CONSTRAINT "outcome_changes_workspace_id_outcome_id_outcomes_workspace_id_id_fk" FOREIGN KEY ("workspace_id","outcome_id") REFERENCES "public"."outcomes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_evidence" ADD CONSTRAINT "outcome_evidence_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_evidence" ADD CONSTRAINT "outcome_evidence_workspace_id_outcome_id_outcomes_workspace_id_id_fk" FOREIGN KEY ("workspace_id","outcome_id") REFERENCES "public"."outcomes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_templates" ADD CONSTRAINT "outcome_templates_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_workspace_id_contact_id_contacts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outcome_changes_outcome_ix" ON "outcome_changes" USING btree ("workspace_id","outcome_id","changed_at");--> statement-breakpoint
CREATE INDEX "outcome_evidence_outcome_ix" ON "outcome_evidence" USING btree ("workspace_id","outcome_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outcome_templates_title_uq" ON "outcome_templates" USING btree ("workspace_id","kind",lower("title"));--> statement-breakpoint
CREATE INDEX "outcomes_contact_ix" ON "outcomes" USING btree ("workspace_id","contact_id");--> statement-breakpoint
-- Row-level security as for every workspace table (0013).
SELECT steward_workspace_rls('outcomes');
--> statement-breakpoint
SELECT steward_workspace_rls('outcome_evidence');
--> statement-breakpoint
SELECT steward_workspace_rls('outcome_changes');
--> statement-breakpoint
SELECT steward_workspace_rls('outcome_templates');
--> statement-breakpoint
-- Existing workspaces get the starting library new ones get at provisioning
-- (DEFAULT_OUTCOME_TEMPLATES in src/domain/outcomes/outcome.rules.ts, as it was at this migration).
INSERT INTO outcome_templates (workspace_id, id, kind, title, measure, unit, description)
SELECT w.id, gen_random_uuid(), d.kind, d.title, d.measure, d.unit, d.description
  FROM workspaces w
 CROSS JOIN (VALUES
  ('business_outcome', 'Reduce month-end close time', 'Month-end close time', 'days', 'Finance closes the books faster with the product in place.'),
  ('business_outcome', 'Save team hours every week', 'Hours saved per week', 'hours', 'Manual work the team no longer does.'),
  ('business_outcome', 'Cut operating costs', 'Annual operating cost reduction', '%', 'Spend removed from the process the product supports.'),
  ('business_outcome', 'Shorten time to onboard new staff', 'Time to productivity', 'days', 'How long a new hire takes to work on their own.'),
  ('business_outcome', 'Raise customer satisfaction', 'Their customers'' NPS', 'points', 'The customer''s own customers are happier.'),
  ('business_outcome', 'Grow revenue from the product', 'Revenue attributed', 'USD', 'New revenue the customer earns with the product.'),
  ('personal_win', 'Get promoted or recognized', NULL, NULL, 'The key player''s work with the product is seen by leadership.'),
  ('personal_win', 'Lead a successful rollout', NULL, NULL, 'The key player owns a launch that lands well.'),
  ('personal_win', 'Be seen as an innovator', NULL, NULL, 'The key player brings a modern way of working to the company.'),
  ('personal_win', 'Win back personal time', 'Hours saved per week', 'hours', 'Less late work for the key player.')
 ) AS d(kind, title, measure, unit, description);
