import type { SettingSource } from "../../contract/accounts.ts";
import { withTx } from "../../db/transaction.ts";
import { actorPerson, type Ctx } from "../context.ts";
import { customFieldIssues } from "../custom-fields/index.ts";
import { recordEvents } from "../events/index.ts";
import { distinct, matchStored, type RowIssue, throwRowIssues, upsertKeys } from "../kernel/bulk.rules.ts";
import { findMember } from "../members/index.ts";
import {
  findAccountIds,
  insertStageChanges,
  type StageChange,
  selectAccountRecords,
  selectAncestry,
  writeAccounts,
} from "./account.queries.ts";
import { type AccountPatch, type AccountRecord, mergeAccount, parentLoops } from "./account.rules.ts";
import { stageProblem, workspaceStages } from "./workspace-stages.ts";

/**
 * One row of a bulk upsert: matched on its external id when it has one, else on `id`; a new row is
 * stored under `id` (so rows of one call may name each other as parents). `input` holds the fields
 * to set.
 */
export type AccountUpsertRow = { id: string; externalId: string | null; input: AccountPatch };

/** What an upsert did to a row: the account's id and whether it was created. */
export type AccountUpserted = { id: string; created: boolean };

export type AccountPlan = {
  outcomes: AccountUpserted[];
  records: AccountRecord[];
  /** The stages accounts enter with this write (created, or moved). */
  stageChanges: StageChange[];
  issues: RowIssue[];
};

/**
 * Applies the accounts' rules to rows without writing: each row merged with its stored version, a
 * name, a parent that is an account here (stored or in these rows) and no loop of parents, an
 * owner who is a member, custom fields that fit their definitions. A dry run reports `issues`.
 */
export async function checkAccounts(
  ctx: Ctx,
  rows: AccountUpsertRow[],
  source: SettingSource = "hand",
): Promise<AccountPlan> {
  const stored = matchStored(rows, await selectAccountRecords(ctx.db, ctx.workspaceId, upsertKeys(rows)));
  const issues: RowIssue[] = [];
  const merged = rows.map((row, index) => {
    const before = stored[index] ?? null;
    const { record, issues: found } = mergeAccount(row, row.input, before, source);
    for (const i of found) issues.push({ index, ...i });
    return { record, before };
  });
  const records = merged.map((m) => m.record);
  const own = new Set(records.map((r) => r.id));
  const parents = distinct(records.map((r) => (r.parentId && !own.has(r.parentId) ? r.parentId : null)));
  const knownParents = await findAccountIds(ctx.db, ctx.workspaceId, parents);
  const parentOf = await selectAncestry(ctx.db, ctx.workspaceId, [...knownParents]);
  for (const r of records) parentOf.set(r.id, r.parentId);
  const owners = distinct(records.map((r) => r.ownerId));
  const members = new Set<string>();
  // Few distinct owners per call (a workspace's members), so one lookup each is cheap.
  for (const o of owners) if (await findMember(ctx.db, ctx.workspaceId, o)) members.add(o);
  const stages = await workspaceStages(ctx);
  records.forEach((r, index) => {
    const issue = (path: string, code: string, message: string) =>
      issues.push({ index, path, code, message });
    if (r.parentId && !own.has(r.parentId) && !knownParents.has(r.parentId))
      issue("parentId", "unknown_parent", "is not an account here");
    else if (r.parentId && parentLoops(r.id, parentOf))
      issue("parentId", "parent_cycle", "would make the account its own ancestor");
    if (r.ownerId && !members.has(r.ownerId))
      issue("ownerId", "unknown_owner", "is not a member of this workspace");
    const stageIssue = stageProblem(stages, r.lifecycleStage, merged[index]?.before?.lifecycleStage);
    if (stageIssue) issue("lifecycleStage", "unknown_stage", stageIssue);
  });
  const custom = await customFieldIssues(
    ctx,
    "account",
    merged.map((m, i) => ({ values: rows[i]?.input.customFields, previous: m.before?.customFields })),
  );
  return {
    outcomes: merged.map((m) => ({ id: m.record.id, created: m.before === null })),
    records,
    stageChanges: merged.flatMap((m) =>
      m.before?.lifecycleStage === m.record.lifecycleStage
        ? []
        : [{ accountId: m.record.id, from: m.before?.lifecycleStage ?? null, to: m.record.lifecycleStage }],
    ),
    issues: [...issues, ...custom].sort((a, b) => a.index - b.index),
  };
}

/**
 * Creates or updates accounts in bulk with the same rules as a single write, set-based. Refuses the
 * whole call (VALIDATION_FAILED, issues per row) when any row breaks a rule.
 */
export async function upsertAccounts(
  ctx: Ctx,
  rows: AccountUpsertRow[],
  source: SettingSource = "hand",
): Promise<AccountUpserted[]> {
  return withTx(ctx.db, async (db) => {
    const plan = await checkAccounts({ ...ctx, db }, rows, source);
    throwRowIssues(plan.issues);
    await writeAccounts(db, ctx.workspaceId, plan.records);
    await insertStageChanges(db, ctx.workspaceId, plan.stageChanges, source, actorPerson(ctx.actor));
    await recordEvents(
      { ...ctx, db },
      plan.outcomes.map((o, i) =>
        o.created
          ? { type: "account.created" as const, data: { accountId: o.id } }
          : {
              type: "account.changed" as const,
              data: { accountId: o.id, fields: Object.keys(rows[i]?.input ?? {}).sort() },
            },
      ),
    );
    return plan.outcomes;
  });
}
