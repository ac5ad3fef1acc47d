CREATE TABLE "usage_rollup_queue" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"event" text NOT NULL,
	"user_key" text,
	"contact_id" uuid,
	"events" integer NOT NULL
);
--> statement-breakpoint
-- Rows live for about a second: vacuum the table after a fixed number of dead rows rather than a
-- share of a table that is nearly always empty.
ALTER TABLE "usage_rollup_queue" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000);
