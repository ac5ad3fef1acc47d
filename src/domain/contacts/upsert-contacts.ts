import { withTx } from "../../db/transaction.ts";
import { findAccountIds } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import { customFieldIssues } from "../custom-fields/index.ts";
import { recordEvents } from "../events/index.ts";
import {
  accountChildOutcomes,
  distinct,
  matchStored,
  type RowIssue,
  throwRowIssues,
  upsertKeys,
} from "../kernel/bulk.rules.ts";
import { selectContactRecords, writeContacts } from "./contact.queries.ts";
import { type ContactPatch, type ContactRecord, mergeContact } from "./contact.rules.ts";

/**
 * One row of a bulk upsert: matched on its external id when it has one, else on `id`; a new row is
 * stored under `id`. `input` holds the fields to set.
 */
export type ContactUpsertRow = { id: string; externalId: string | null; input: ContactPatch };

/** What an upsert did to a row: its id, whether it was created, its account and the one it left. */
export type ContactUpserted = {
  id: string;
  created: boolean;
  accountId: string;
  previousAccountId: string | null;
};

export type ContactPlan = { outcomes: ContactUpserted[]; records: ContactRecord[]; issues: RowIssue[] };

/**
 * Applies the contacts' rules to rows without writing: each row merged with its stored version, a
 * name or an email, the account in this workspace, custom fields that fit their definitions. A dry
 * run reports `issues` per row.
 */
export async function checkContacts(ctx: Ctx, rows: ContactUpsertRow[]): Promise<ContactPlan> {
  const stored = matchStored(rows, await selectContactRecords(ctx.db, ctx.workspaceId, upsertKeys(rows)));
  const issues: RowIssue[] = [];
  const merged = rows.map((row, index) => {
    const before = stored[index] ?? null;
    const { record, issues: found } = mergeContact(row, row.input, before);
    for (const i of found) issues.push({ index, ...i });
    return { record, before };
  });
  const accounts = await findAccountIds(
    ctx.db,
    ctx.workspaceId,
    distinct(merged.map((m) => m.record.accountId || null)),
  );
  merged.forEach(({ record }, index) => {
    if (record.accountId && !accounts.has(record.accountId)) {
      issues.push({ index, path: "accountId", code: "unknown_account", message: "is not an account here" });
    }
  });
  const custom = await customFieldIssues(
    ctx,
    "contact",
    merged.map((m, i) => ({ values: rows[i]?.input.customFields, previous: m.before?.customFields })),
  );
  return {
    outcomes: accountChildOutcomes(merged),
    records: merged.map((m) => m.record),
    issues: [...issues, ...custom].sort((a, b) => a.index - b.index),
  };
}

/**
 * Creates or updates contacts in bulk with the same rules as a single write, set-based. Refuses the
 * whole call (VALIDATION_FAILED, issues per row) when any row breaks a rule.
 */
export async function upsertContacts(ctx: Ctx, rows: ContactUpsertRow[]): Promise<ContactUpserted[]> {
  return withTx(ctx.db, async (db) => {
    const plan = await checkContacts({ ...ctx, db }, rows);
    throwRowIssues(plan.issues);
    await writeContacts(db, ctx.workspaceId, plan.records);
    await recordEvents(
      { ...ctx, db },
      plan.outcomes.map((o, i) =>
        o.created
          ? { type: "contact.created" as const, data: { accountId: o.accountId, contactId: o.id } }
          : {
              type: "contact.changed" as const,
              data: {
                accountId: o.accountId,
                contactId: o.id,
                previousAccountId: o.previousAccountId,
                fields: Object.keys(rows[i]?.input ?? {}).sort(),
              },
            },
      ),
    );
    return plan.outcomes;
  });
}
