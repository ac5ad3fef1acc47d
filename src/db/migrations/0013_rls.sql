-- Row-level security, the backstop under the application's own workspace filter (decision 0007).
--
-- Requests, ingestion and per-workspace jobs run each transaction as `steward_app` with the
-- workspace set (src/db/workspace.ts):
--   select set_config('role', 'steward_app', true), set_config('steward.workspace_id', $1, true)
-- and every table carrying workspace_id lets that role see and write only the rows of that
-- workspace; with no workspace set it sees no row. The system path (src/db/system.ts: migrations,
-- cross-workspace jobs, credential lookups before a workspace is known) runs as the connecting
-- role, which passes as a superuser or through the `system_path` policy of `steward_system`.
--
-- A new table with workspace_id gets the same in its own migration, in one statement:
--   SELECT steward_workspace_rls('new_table');
-- which does:
--   ALTER TABLE new_table ENABLE ROW LEVEL SECURITY;
--   ALTER TABLE new_table FORCE ROW LEVEL SECURITY;
--   CREATE POLICY workspace_isolation ON new_table
--     USING (workspace_id = nullif(current_setting('steward.workspace_id', true), '')::uuid)
--     WITH CHECK (workspace_id = nullif(current_setting('steward.workspace_id', true), '')::uuid);
--   CREATE POLICY system_path ON new_table TO steward_system USING (true) WITH CHECK (true);
-- (tests/security/row-level-security.int.test.ts fails for a table that lacks them.)

-- Roles are cluster-wide: another database of the same server (or a concurrent migration) may
-- have created them already.
DO $$ BEGIN
  CREATE ROLE steward_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
DO $$ BEGIN
  CREATE ROLE steward_system NOLOGIN NOSUPERUSER NOBYPASSRLS;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
-- The connecting role must be able to become steward_app and, unless a superuser (who bypasses
-- row-level security anyway), pass the system policy.
DO $$ BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT steward_app, steward_system TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO steward_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO steward_app;
--> statement-breakpoint
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO steward_app;
--> statement-breakpoint
-- Tables of later migrations (and usage partitions made by the partition job) get the same.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO steward_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO steward_app;
--> statement-breakpoint
CREATE FUNCTION steward_workspace_rls(target regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
  EXECUTE format(
    'CREATE POLICY workspace_isolation ON %s'
    ' USING (workspace_id = nullif(current_setting(''steward.workspace_id'', true), '''')::uuid)'
    ' WITH CHECK (workspace_id = nullif(current_setting(''steward.workspace_id'', true), '''')::uuid)',
    target);
  EXECUTE format('CREATE POLICY system_path ON %s TO steward_system USING (true) WITH CHECK (true)', target);
END $$;
--> statement-breakpoint
-- Only migrations and the partition job (system path) call it.
REVOKE EXECUTE ON FUNCTION steward_workspace_rls(regclass) FROM PUBLIC;
--> statement-breakpoint
-- Every table with workspace_id there is now, partitions included (they are also read directly).
SELECT steward_workspace_rls(c.oid::regclass)
  FROM pg_class c
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'workspace_id' AND NOT a.attisdropped
 WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
 ORDER BY c.relname;
--> statement-breakpoint
-- The one question a workspace transaction may ask across workspaces: whether a person belongs
-- to, or is invited to, another workspace (an admin may not reset the password of a login that
-- opens workspaces they do not administer). It runs as its owner, the connecting role, which the
-- policies let through, and answers a number only.
CREATE FUNCTION steward_other_workspaces(person uuid, workspace uuid) RETURNS bigint
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT (SELECT count(*) FROM memberships m WHERE m.user_id = person AND m.workspace_id <> workspace)
       + (SELECT count(*) FROM invitations i JOIN users u ON lower(i.email) = lower(u.email)
           WHERE u.id = person AND i.workspace_id <> workspace)
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION steward_other_workspaces(uuid, uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION steward_other_workspaces(uuid, uuid) TO steward_app;
