import { sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { queryRows, schema } from "../../db/index.ts";

const { coverageSettings } = schema;

export type SettingsRow = {
  capacity: unknown;
  tiering: unknown;
  tieringEnabled: boolean;
  updatedAt: Date;
  updatedBy: string | null;
  updatedByName: string | null;
};

export const findSettings = async (db: Db, workspaceId: string): Promise<SettingsRow | null> =>
  (
    await queryRows<SettingsRow>(
      db,
      sql`select s.capacity, s.tiering, s.tiering_enabled as "tieringEnabled", s.updated_at as "updatedAt",
                 s.updated_by as "updatedBy", u.name as "updatedByName"
            from coverage_settings s left join users u on u.id = s.updated_by
           where s.workspace_id = ${workspaceId}`,
    )
  )[0] ?? null;

export const saveSettings = (db: Db, row: typeof coverageSettings.$inferInsert) =>
  db
    .insert(coverageSettings)
    .values(row)
    .onConflictDoUpdate({
      target: coverageSettings.workspaceId,
      set: {
        capacity: row.capacity,
        tiering: row.tiering,
        tieringEnabled: row.tieringEnabled,
        updatedBy: row.updatedBy,
        updatedAt: new Date(),
      },
    });

/** Workspaces whose tiering runs every night (system path). */
export const workspacesWithTiering = async (db: Db): Promise<string[]> =>
  (
    await queryRows<{ id: string }>(
      db,
      sql`select workspace_id as id from coverage_settings where tiering_enabled`,
    )
  ).map((r) => r.id);

/** Every account but the churned, with what tiering reads and sets. */
export const tieringAccounts = (db: Db, workspaceId: string) =>
  queryRows<{
    id: string;
    name: string;
    tier: string | null;
    tierSource: "hand" | "rule" | null;
    coverage: "one_to_one" | "one_to_few" | "one_to_many" | null;
    coverageSource: "hand" | "rule" | null;
  }>(
    db,
    sql`select id, name, tier, tier_source as "tierSource", coverage, coverage_source as "coverageSource"
          from accounts where workspace_id = ${workspaceId} and lifecycle_stage <> 'churned' order by lower(name), id`,
  );

/** The accounts in books (not churned), with owner, coverage and ARR. */
export const bookAccounts = (db: Db, workspaceId: string) =>
  queryRows<{
    id: string;
    name: string;
    ownerId: string | null;
    ownerSource: "hand" | "rule" | null;
    coverage: "one_to_one" | "one_to_few" | "one_to_many" | null;
    arrMinor: string | number;
    currency: string;
  }>(
    db,
    sql`select id, name, owner_id as "ownerId", owner_source as "ownerSource", coverage,
               (mrr_minor * 12)::text as "arrMinor", currency
          from accounts where workspace_id = ${workspaceId} and lifecycle_stage <> 'churned'`,
  );

/**
 * The CSMs: whoever owns accounts, and the customer-success function's individual contributors
 * (role member) who own none yet — a new CSM is where rebalancing sends accounts. Managers and
 * leaders without a book of their own are not CSMs here.
 */
export const bookOwners = (db: Db, workspaceId: string) =>
  queryRows<{ userId: string; name: string; team: string | null }>(
    db,
    sql`select m.user_id as "userId", u.name, m.team
          from memberships m join users u on u.id = m.user_id
         where m.workspace_id = ${workspaceId}
           and (m.function = 'customer_success' and m.role = 'member'
                or exists (select 1 from accounts a where a.workspace_id = m.workspace_id and a.owner_id = m.user_id
                             and a.lifecycle_stage <> 'churned'))
         order by lower(u.name)`,
  );
