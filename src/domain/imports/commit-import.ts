import { AppError } from "../../common/errors.ts";
import type { ExportEntity } from "../../contract/imports.ts";
import type { CustomFieldDef } from "../../contract/workspace.ts";
import type { Db } from "../../db/index.ts";
import { isUniqueViolation } from "../kernel/db-errors.ts";
import { refreshAccountRevenue } from "../subscriptions/index.ts";
import {
  analyzeAfterBulkLoad,
  CHUNK,
  currentAccountIds,
  insertCustomFieldDefs,
  insertImportTimeline,
  upsertChunk,
} from "./import.queries.ts";
import type { Plan } from "./mapping.rules.ts";
import type { ContactWrite, SubscriptionWrite, WriteRow } from "./resolve.rules.ts";
import { upsertColumns, writeBatches } from "./write.rules.ts";

export type CommitInput = {
  workspaceId: string;
  /** Records only: usage is committed by commitUsage. */
  entity: ExportEntity;
  plan: Plan;
  rows: WriteRow[];
  today: string;
  timeline: { title: string; body: string; authorId: string | null };
};

/** From this many rows on, a commit refreshes the table's planner statistics. */
const BULK = 1000;

/**
 * Stores validated rows inside the caller's transaction: new custom field definitions, the rows
 * (set-based upserts in chunks), a timeline entry per affected account, and for subscriptions
 * the accounts' revenue figures. Answers the counts and the definitions it created.
 */
export async function commitRows(
  db: Db,
  input: CommitInput,
): Promise<{ created: number; updated: number; defined: CustomFieldDef[] }> {
  const { workspaceId, entity, plan, rows, today } = input;
  const newDefs = plan.custom.filter((c) => c.isNew).map((c) => c.def);
  const inserted = await insertCustomFieldDefs(db, workspaceId, newDefs);
  // A row moved to another account changes the old account too (its revenue, its timeline).
  const previousAccountIds =
    entity === "accounts" ? [] : await currentAccountIds(db, workspaceId, entity, rows);
  const has = (f: string) => plan.fields.has(f);
  let created = 0;
  let updated = 0;
  try {
    for (const batch of writeBatches(rows, CHUNK)) {
      const counts = await upsertChunk(
        db,
        workspaceId,
        entity,
        batch.key,
        upsertColumns(entity, batch.rows, has, today),
      );
      created += counts.created;
      updated += counts.updated;
    }
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw new AppError(
        "CONFLICT",
        "These rows were changed by someone else while importing; run the import again",
      );
    }
    throw e;
  }
  const accountIds =
    entity === "accounts"
      ? rows.map((r) => r.id)
      : [
          ...new Set([
            ...(rows as (ContactWrite | SubscriptionWrite)[]).map((r) => r.accountId),
            ...previousAccountIds,
          ]),
        ];
  if (rows.length >= BULK) await analyzeAfterBulkLoad(db, entity);
  if (entity === "subscriptions") await refreshAccountRevenue(db, workspaceId, accountIds);
  await insertImportTimeline(db, workspaceId, accountIds, input.timeline);
  return { created, updated, defined: newDefs.filter((d) => inserted.has(d.key)) };
}
