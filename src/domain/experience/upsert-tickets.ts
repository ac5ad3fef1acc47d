import type { TicketInput } from "../../contract/experience.ts";
import { withTx } from "../../db/transaction.ts";
import { findAccountIds } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import {
  accountChildOutcomes,
  distinct,
  matchStored,
  type RowIssue,
  throwRowIssues,
  upsertKeys,
} from "../kernel/bulk.rules.ts";
import { selectTicketRecords, type TicketRecord, writeTickets } from "./experience.queries.ts";

/**
 * One row of a bulk upsert: matched on its external id when it has one, else on `id`; a new row is
 * stored under `id`. `input` holds the fields to set (absent fields keep their stored value).
 */
export type TicketUpsertRow = {
  id: string;
  externalId: string | null;
  input: Partial<Omit<TicketInput, "externalId">>;
};
export type TicketUpserted = {
  id: string;
  created: boolean;
  accountId: string;
  previousAccountId: string | null;
};

const date = (v: string | null | undefined) => (v === null || v === undefined ? null : new Date(v));

/** A row merged with its stored version, and what it breaks: required fields, closing before opening. */
function mergeTicket(row: TicketUpsertRow, before: TicketRecord | null) {
  const input = row.input;
  const pick = <K extends keyof TicketRecord>(
    k: K,
    v: TicketRecord[K] | undefined,
    fallback: TicketRecord[K],
  ) => (v === undefined ? (before ? before[k] : fallback) : v);
  const record: TicketRecord = {
    id: before?.id ?? row.id,
    accountId: pick("accountId", input.accountId, ""),
    externalId: row.externalId ?? before?.externalId ?? null,
    subject: pick("subject", input.subject, null),
    priority: pick("priority", input.priority, null),
    openedAt: pick(
      "openedAt",
      input.openedAt === undefined ? undefined : new Date(input.openedAt),
      new Date(Number.NaN),
    ),
    closedAt: pick("closedAt", input.closedAt === undefined ? undefined : date(input.closedAt), null),
    firstResponseMinutes: pick("firstResponseMinutes", input.firstResponseMinutes, null),
    resolutionHours: pick("resolutionHours", input.resolutionHours, null),
    satisfaction: pick("satisfaction", input.satisfaction, null),
    escalated: pick("escalated", input.escalated, false),
  };
  const issues: Omit<RowIssue, "index">[] = [];
  if (!record.accountId) issues.push({ path: "accountId", code: "required", message: "is required" });
  if (Number.isNaN(record.openedAt.getTime()))
    issues.push({ path: "openedAt", code: "required", message: "is required" });
  else if (record.closedAt && record.closedAt < record.openedAt)
    issues.push({ path: "closedAt", code: "closed_before_opened", message: "must not be before openedAt" });
  return { record, issues };
}

export type TicketPlan = { outcomes: TicketUpserted[]; records: TicketRecord[]; issues: RowIssue[] };

/** The tickets' rules over rows without writing (an import's dry run): issues per row, what a write would do. */
export async function checkTickets(ctx: Ctx, rows: TicketUpsertRow[]): Promise<TicketPlan> {
  const stored = matchStored(rows, await selectTicketRecords(ctx.db, ctx.workspaceId, upsertKeys(rows)));
  const issues: RowIssue[] = [];
  const merged = rows.map((row, index) => {
    const before = stored[index] ?? null;
    const m = mergeTicket(row, before);
    for (const i of m.issues) issues.push({ index, ...i });
    return { record: m.record, before };
  });
  const accounts = await findAccountIds(
    ctx.db,
    ctx.workspaceId,
    distinct(merged.map((m) => m.record.accountId || null)),
  );
  merged.forEach(({ record }, index) => {
    if (record.accountId && !accounts.has(record.accountId))
      issues.push({ index, path: "accountId", code: "unknown_account", message: "is not an account here" });
  });
  return {
    outcomes: accountChildOutcomes(merged),
    records: merged.map((m) => m.record),
    issues: issues.sort((a, b) => a.index - b.index),
  };
}

/**
 * Creates or updates tickets in bulk, set-based, with the same rules as a single write; refuses the
 * whole call (VALIDATION_FAILED, issues per row) when any row breaks one.
 */
export async function upsertTickets(ctx: Ctx, rows: TicketUpsertRow[]): Promise<TicketUpserted[]> {
  return withTx(ctx.db, async (db) => {
    const plan = await checkTickets({ ...ctx, db }, rows);
    throwRowIssues(plan.issues);
    await writeTickets(db, ctx.workspaceId, plan.records);
    await recordEvents(
      { ...ctx, db },
      plan.outcomes.map((o, i) =>
        o.created
          ? { type: "ticket.created" as const, data: { accountId: o.accountId, ticketId: o.id } }
          : {
              type: "ticket.changed" as const,
              data: {
                accountId: o.accountId,
                ticketId: o.id,
                fields: Object.keys(rows[i]?.input ?? {}).sort(),
              },
            },
      ),
    );
    return plan.outcomes;
  });
}
