import { AppError } from "../../common/errors.ts";
import type { ExportEntity } from "../../contract/imports.ts";
import type { CustomFieldDef } from "../../contract/workspace.ts";
import type { Ctx } from "../context.ts";
import { isUniqueViolation } from "../kernel/db-errors.ts";
import { upsertEntityRows } from "./entity-writes.ts";
import { analyzeAfterBulkLoad, insertCustomFieldDefs, insertImportTimeline } from "./import.queries.ts";
import type { Plan } from "./mapping.rules.ts";
import type { WriteRow } from "./resolve.rules.ts";

export type CommitInput = {
  /** Records only: usage is committed by commitUsage. */
  entity: ExportEntity;
  plan: Plan;
  rows: WriteRow[];
  timeline: { title: string; body: string; authorId: string | null };
};

/** From this many rows on, a commit refreshes the table's planner statistics. */
const BULK = 1000;

/**
 * Stores validated rows inside the caller's transaction: new custom field definitions, then the
 * rows through the entity's own bulk upsert (its rules, its set-based writes, for subscriptions the
 * accounts' revenue), and a timeline entry per affected account (for a moved row, the account it
 * left too). Answers the counts and the definitions it created.
 */
export async function commitRows(
  ctx: Ctx,
  input: CommitInput,
): Promise<{ created: number; updated: number; defined: CustomFieldDef[] }> {
  const { entity, plan, rows } = input;
  const newDefs = plan.custom.filter((c) => c.isNew).map((c) => c.def);
  const inserted = await insertCustomFieldDefs(ctx.db, ctx.workspaceId, newDefs);
  let outcomes: Awaited<ReturnType<typeof upsertEntityRows>>;
  try {
    outcomes = await upsertEntityRows(ctx, entity, rows);
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw new AppError(
        "CONFLICT",
        "These rows were changed by someone else while importing; run the import again",
      );
    }
    throw e;
  }
  const accountIds = [
    ...new Set(
      outcomes.flatMap((o) =>
        entity === "accounts"
          ? [o.id]
          : [o.accountId ?? o.id, ...(o.previousAccountId ? [o.previousAccountId] : [])],
      ),
    ),
  ];
  if (rows.length >= BULK) await analyzeAfterBulkLoad(ctx.db, entity);
  await insertImportTimeline(ctx.db, ctx.workspaceId, accountIds, input.timeline);
  const created = outcomes.filter((o) => o.created).length;
  return { created, updated: outcomes.length - created, defined: newDefs.filter((d) => inserted.has(d.key)) };
}
