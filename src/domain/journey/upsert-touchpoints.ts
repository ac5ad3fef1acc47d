import { withTx } from "../../db/transaction.ts";
import { findAccountIds } from "../accounts/index.ts";
import { actorPerson, type Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { distinct, matchStored, type RowIssue, throwRowIssues, upsertKeys } from "../kernel/bulk.rules.ts";
import { recordTimeline } from "../timeline/index.ts";
import { liveKeys } from "./list-item.queries.ts";
import {
  contactAccounts,
  memberFunctions,
  replacePlayers,
  selectTouchpointRecords,
  type TouchpointRecord,
  writeTouchpoints,
} from "./touchpoint.queries.ts";
import { changedFields, mergeTouchpoint, type TouchpointInput, touchpointTitle } from "./touchpoint.rules.ts";

/**
 * One row of a bulk upsert: matched on its external id when it has one, else on `id`; a new row is
 * stored under `id`. `input` holds the fields to set.
 */
export type TouchpointUpsertRow = { id: string; externalId: string | null; input: TouchpointInput };

/** What an upsert did to a row: its id, whether it was created, its account and the fields it changed. */
export type TouchpointUpserted = { id: string; created: boolean; accountId: string; fields: string[] };

export type TouchpointPlan = {
  outcomes: TouchpointUpserted[];
  records: TouchpointRecord[];
  /** Per row, the key players to store, or null to keep them. */
  contactIds: (string[] | null)[];
  issues: RowIssue[];
};

type Merged = ReturnType<typeof mergeTouchpoint> & { before: TouchpointRecord | null };

/** A value the row sets that differs from the stored one must be valid now; an unchanged one stays. */
const changed = <K extends keyof TouchpointRecord>(m: Merged, k: K) =>
  m.record[k] !== null && (m.before === null || m.before[k] !== m.record[k]);

async function referenceIssues(ctx: Ctx, merged: Merged[]): Promise<RowIssue[]> {
  const { db, workspaceId } = ctx;
  const accounts = await findAccountIds(
    db,
    workspaceId,
    distinct(merged.map((m) => m.record.accountId || null)),
  );
  const members = await memberFunctions(db, workspaceId, distinct(merged.map((m) => m.record.employeeId)));
  const decision = await liveKeys(
    db,
    workspaceId,
    "decision",
    distinct(merged.map((m) => m.record.decisionStep)),
  );
  const development = await liveKeys(
    db,
    workspaceId,
    "development",
    distinct(merged.map((m) => m.record.developmentStep)),
  );
  const contacts = await contactAccounts(
    db,
    workspaceId,
    distinct(merged.flatMap((m) => m.contactIds ?? [])),
  );
  const issues: RowIssue[] = [];
  merged.forEach((m, index) => {
    const r = m.record;
    const issue = (path: string, code: string, message: string) =>
      issues.push({ index, path, code, message });
    if (r.accountId && !accounts.has(r.accountId))
      issue("accountId", "unknown_account", "is not an account here");
    if (changed(m, "employeeId") && !members.has(r.employeeId as string)) {
      issue("employeeId", "unknown_member", "is not a member of this workspace");
    }
    // The owning function defaults to the employee's own at creation.
    if (!r.function && r.employeeId) r.function = members.get(r.employeeId) ?? "";
    if (!r.function) issue("function", "required", "is required when the touchpoint has no employee");
    if (changed(m, "decisionStep") && !decision.has(r.decisionStep as string)) {
      issue("decisionStep", "unknown_step", "is not one of the workspace's decision steps");
    }
    if (changed(m, "developmentStep") && !development.has(r.developmentStep as string)) {
      issue("developmentStep", "unknown_step", "is not one of the workspace's development steps");
    }
    if (m.contactIds?.some((c) => contacts.get(c) !== r.accountId)) {
      issue("contactIds", "unknown_contact", "must be contacts of the touchpoint's account");
    }
  });
  return issues;
}

/**
 * Applies the touchpoints' rules to rows without writing: each row merged with its stored version,
 * required fields, the date at most a day ahead, the account, employee and steps of this workspace
 * (steps not archived), key players of the touchpoint's account. A dry run reports `issues` per row.
 */
export async function checkTouchpoints(ctx: Ctx, rows: TouchpointUpsertRow[]): Promise<TouchpointPlan> {
  const stored = matchStored(rows, await selectTouchpointRecords(ctx.db, ctx.workspaceId, upsertKeys(rows)));
  const actor = actorPerson(ctx.actor);
  const now = new Date();
  const issues: RowIssue[] = [];
  const merged = rows.map((row, index): Merged => {
    const before = stored[index] ?? null;
    const m = mergeTouchpoint(row, row.input, before, actor, now);
    for (const i of m.issues) issues.push({ index, ...i });
    return { ...m, before };
  });
  issues.push(...(await referenceIssues(ctx, merged)));
  return {
    outcomes: merged.map((m) => ({
      id: m.record.id,
      created: m.before === null,
      accountId: m.record.accountId,
      fields: m.before ? [...changedFields(m.before, m.record), ...(m.contactIds ? ["contactIds"] : [])] : [],
    })),
    records: merged.map((m) => m.record),
    contactIds: merged.map((m) => m.contactIds),
    issues: issues.sort((a, b) => a.index - b.index),
  };
}

/**
 * Creates or updates touchpoints in bulk with the same rules as a single write, set-based, with
 * their key players, a timeline entry on the account for each new one and their events. Refuses the
 * whole call (VALIDATION_FAILED, issues per row) when any row breaks a rule.
 */
export async function upsertTouchpoints(
  ctx: Ctx,
  rows: TouchpointUpsertRow[],
): Promise<TouchpointUpserted[]> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const plan = await checkTouchpoints(tx, rows);
    throwRowIssues(plan.issues);
    await writeTouchpoints(db, ctx.workspaceId, plan.records);
    const replaced = plan.records.filter((_, i) => plan.contactIds[i] !== null);
    await replacePlayers(
      db,
      ctx.workspaceId,
      replaced.map((r) => r.id),
      plan.records.flatMap((r, i) =>
        (plan.contactIds[i] ?? []).map((contactId) => ({ touchpointId: r.id, contactId })),
      ),
    );
    await recordTimeline(
      tx,
      plan.records.flatMap((r, i) =>
        plan.outcomes[i]?.created
          ? [
              {
                accountId: r.accountId,
                kind: "touchpoint" as const,
                title: touchpointTitle(r),
                occurredAt: r.occurredAt,
                contactId: plan.contactIds[i]?.[0] ?? null,
              },
            ]
          : [],
      ),
    );
    await recordEvents(
      tx,
      plan.outcomes
        .filter((o) => o.created || o.fields.length > 0)
        .map((o) =>
          o.created
            ? { type: "touchpoint.created" as const, data: { accountId: o.accountId, touchpointId: o.id } }
            : {
                type: "touchpoint.changed" as const,
                data: { accountId: o.accountId, touchpointId: o.id, fields: o.fields.sort() },
              },
        ),
    );
    return plan.outcomes;
  });
}
