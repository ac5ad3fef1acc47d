import { sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { queryRows, schema } from "../../db/index.ts";

const { lifecycleSettings } = schema;

export type LifecycleSettingsRow = {
  stages: unknown;
  firstValueEvent: string | null;
  firstValueCount: number | null;
  updatedAt: Date;
  updatedBy: string | null;
  updatedByName: string | null;
};

export const findLifecycleSettings = async (
  db: Db,
  workspaceId: string,
): Promise<LifecycleSettingsRow | null> =>
  (
    await queryRows<LifecycleSettingsRow>(
      db,
      sql`select s.stages, s.first_value_event as "firstValueEvent", s.first_value_count as "firstValueCount",
                 s.updated_at as "updatedAt", s.updated_by as "updatedBy", u.name as "updatedByName"
            from lifecycle_settings s left join users u on u.id = s.updated_by
           where s.workspace_id = ${workspaceId}`,
    )
  )[0] ?? null;

export const saveLifecycleSettings = (db: Db, row: typeof lifecycleSettings.$inferInsert) =>
  db
    .insert(lifecycleSettings)
    .values(row)
    .onConflictDoUpdate({
      target: lifecycleSettings.workspaceId,
      set: {
        stages: row.stages,
        firstValueEvent: row.firstValueEvent ?? null,
        firstValueCount: row.firstValueCount ?? null,
        updatedBy: row.updatedBy,
        updatedAt: new Date(),
      },
    });

/** How many accounts are in each stage (stages nobody is in are absent). */
export const accountsPerStage = async (db: Db, workspaceId: string): Promise<Map<string, number>> =>
  new Map(
    (
      await queryRows<{ stage: string; n: number }>(
        db,
        sql`select lifecycle_stage as stage, count(*)::int as n from accounts
             where workspace_id = ${workspaceId} group by lifecycle_stage`,
      )
    ).map((r) => [r.stage, r.n]),
  );
