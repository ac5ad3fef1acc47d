-- Rollup rows are updated in place as events arrive (only their counters change): room left on
-- each page lets PostgreSQL keep the new row version on the same page (a HOT update), so no index
-- entry is written for it.
ALTER TABLE "usage_user_event_days" SET (fillfactor = 70);--> statement-breakpoint
ALTER TABLE "usage_user_days" SET (fillfactor = 70);--> statement-breakpoint
ALTER TABLE "usage_account_event_days" SET (fillfactor = 70);
