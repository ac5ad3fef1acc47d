import { and, eq } from "drizzle-orm";
import type { CustomFieldDef } from "../../contract/workspace.ts";
import type { Db } from "../../db/index.ts";
import { schema } from "../../db/index.ts";

const { customFieldDefs } = schema;

export const selectCustomFieldDefs = async (
  db: Db,
  workspaceId: string,
  entity?: string,
): Promise<CustomFieldDef[]> => {
  const rows = await db
    .select({
      entity: customFieldDefs.entity,
      key: customFieldDefs.key,
      label: customFieldDefs.label,
      type: customFieldDefs.type,
      options: customFieldDefs.options,
    })
    .from(customFieldDefs)
    .where(
      and(
        eq(customFieldDefs.workspaceId, workspaceId),
        entity ? eq(customFieldDefs.entity, entity) : undefined,
      ),
    )
    .orderBy(customFieldDefs.entity, customFieldDefs.key);
  return rows as CustomFieldDef[];
};

export const insertCustomFieldDef = (db: Db, workspaceId: string, def: CustomFieldDef) =>
  db
    .insert(customFieldDefs)
    .values({ workspaceId, ...def })
    .onConflictDoNothing()
    .returning();

export const deleteCustomFieldDef = (db: Db, workspaceId: string, entity: string, key: string) =>
  db
    .delete(customFieldDefs)
    .where(
      and(
        eq(customFieldDefs.workspaceId, workspaceId),
        eq(customFieldDefs.entity, entity),
        eq(customFieldDefs.key, key),
      ),
    )
    .returning();
