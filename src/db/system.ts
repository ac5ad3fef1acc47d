import type { Db } from "./connect.ts";

/**
 * The system path: the database as the connecting role, which row-level security lets through
 * (a superuser, or a member of `steward_system` by migration 0012). Only what cannot know a
 * workspace yet, or spans them, uses it: migrations, cross-workspace jobs and maintenance, and
 * credential lookups (session cookie, API key, source write key, sign-in). The places that may
 * import this module are listed in docs/ARCHITECTURE.md and held by dependency-cruiser
 * (`system-path-is-narrow`); everything else gets a workspace transaction (`inWorkspace`).
 */
export const systemDb = (db: Db): Db => db;
