import { and, eq, sql } from "drizzle-orm";
import type { CustomFieldDef } from "../../contract/workspace.ts";
import type { Db } from "../../db/index.ts";
import { queryRows, schema } from "../../db/index.ts";
import { fromStored, storedOptions } from "./custom-field.rules.ts";

const { customFieldDefs, accounts, contacts, subscriptions } = schema;

const RECORDS = { account: accounts, contact: contacts, subscription: subscriptions } as const;

/**
 * How many of the entity's records hold a value (not null, not "") for each custom field key, so
 * forms can show the most used fields first. One pass over the entity's rows.
 */
export const countCustomFieldUse = async (
  db: Db,
  workspaceId: string,
  entity: keyof typeof RECORDS,
): Promise<Map<string, number>> => {
  const table = RECORDS[entity];
  const rows = await queryRows<{ key: string; used: number }>(
    db,
    sql`
    select f.key, count(*)::int as used
    from ${table}, jsonb_each(${table.customFields}) as f(key, value)
    where ${table.workspaceId} = ${workspaceId}
      and f.value <> 'null'::jsonb and f.value <> '""'::jsonb
    group by f.key`,
  );
  return new Map(rows.map((r) => [r.key, Number(r.used)]));
};

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
  return rows.map((r) => fromStored(r as CustomFieldDef));
};

export const insertCustomFieldDef = (db: Db, workspaceId: string, def: CustomFieldDef) =>
  db.insert(customFieldDefs).values(customFieldRow(workspaceId, def)).onConflictDoNothing().returning();

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

/** The row a definition is stored as (a number field's bounds go in `options`). */
export const customFieldRow = (workspaceId: string, def: CustomFieldDef) => ({
  workspaceId,
  entity: def.entity,
  key: def.key,
  label: def.label,
  type: def.type,
  options: storedOptions(def),
});
