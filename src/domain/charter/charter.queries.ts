import { sql } from "drizzle-orm";
import type { CharterObjective } from "../../contract/charter.ts";
import type { Db } from "../../db/index.ts";
import { queryRows } from "../../db/index.ts";

export type CharterRow = {
  id: string;
  version: number;
  status: string;
  vision: string;
  mission: string;
  objectives: unknown;
  changeNote: string | null;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
  approvedBy: string | null;
  approvedByName: string | null;
  approvedAt: Date | string | null;
};

const COLUMNS = sql`v.id, v.version, v.status, v.vision, v.mission, v.objectives, v.change_note as "changeNote",
    v.created_by as "createdBy", cu.name as "createdByName", v.created_at as "createdAt",
    v.updated_at as "updatedAt", v.approved_by as "approvedBy", au.name as "approvedByName",
    v.approved_at as "approvedAt"`;
const FROM = sql`charter_versions v
    left join users cu on cu.id = v.created_by
    left join users au on au.id = v.approved_by`;

/** Every version of the workspace's charter, the newest first (the draft, if any, is the newest). */
export const charterRows = (db: Db, workspaceId: string): Promise<CharterRow[]> =>
  queryRows<CharterRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where v.workspace_id = ${workspaceId} order by v.version desc`,
  );

export const charterRow = async (db: Db, workspaceId: string, id: string): Promise<CharterRow | null> =>
  (
    await queryRows<CharterRow>(
      db,
      sql`select ${COLUMNS} from ${FROM} where v.workspace_id = ${workspaceId} and v.id = ${id}`,
    )
  )[0] ?? null;

export type CharterText = {
  vision: string;
  mission: string;
  objectives: CharterObjective[];
  changeNote: string | null;
};

/**
 * Replaces the draft's text, or makes the draft (numbered after every version so far) when there
 * is none; answers its id. Approved versions are never touched.
 */
export async function writeDraft(
  db: Db,
  workspaceId: string,
  id: string,
  text: CharterText,
  createdBy: string | null,
): Promise<string> {
  const objectives = JSON.stringify(text.objectives);
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`with replaced as (
          update charter_versions set vision = ${text.vision}, mission = ${text.mission},
            objectives = ${objectives}::jsonb, change_note = ${text.changeNote}, updated_at = now()
           where workspace_id = ${workspaceId} and status = 'draft'
          returning id
        ), added as (
          insert into charter_versions (workspace_id, id, version, status, vision, mission, objectives,
            change_note, created_by)
          select ${workspaceId}, ${id},
            coalesce((select max(version) from charter_versions where workspace_id = ${workspaceId}), 0) + 1,
            'draft', ${text.vision}, ${text.mission}, ${objectives}::jsonb, ${text.changeNote}, ${createdBy}
           where not exists (select 1 from replaced)
          returning id
        )
        select id from replaced union all select id from added`,
  );
  if (!row) throw new Error("the charter draft was not written");
  return row.id;
}

/** Makes the draft an approved version; answers its id and number, or null without a draft. */
export async function approveDraftRow(
  db: Db,
  workspaceId: string,
  approvedBy: string | null,
): Promise<{ id: string; version: number } | null> {
  const [row] = await queryRows<{ id: string; version: number }>(
    db,
    sql`update charter_versions set status = 'approved', approved_by = ${approvedBy},
          approved_at = now(), updated_at = now()
         where workspace_id = ${workspaceId} and status = 'draft'
        returning id, version`,
  );
  return row ?? null;
}

/** Deletes the draft; answers its id and number, or null when there was none. */
export async function deleteDraftRow(
  db: Db,
  workspaceId: string,
): Promise<{ id: string; version: number } | null> {
  const [row] = await queryRows<{ id: string; version: number }>(
    db,
    sql`delete from charter_versions where workspace_id = ${workspaceId} and status = 'draft'
        returning id, version`,
  );
  return row ?? null;
}
