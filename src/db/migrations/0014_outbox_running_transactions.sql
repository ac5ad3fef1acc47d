-- The outbox reads events only below the oldest transaction of this database still running, and
-- finds those in pg_stat_activity. Under row-level security the reader is steward_app, which sees
-- no other session's transaction there: this function answers as the migrating role (as the
-- system path sees them) and gives nothing else away — transaction ids only.
CREATE FUNCTION steward_running_transactions() RETURNS bigint[]
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
    SELECT array(SELECT (backend_xid::text)::bigint FROM pg_stat_activity
                 WHERE datname = current_database() AND backend_xid IS NOT NULL)
  $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION steward_running_transactions() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION steward_running_transactions() TO steward_app;
