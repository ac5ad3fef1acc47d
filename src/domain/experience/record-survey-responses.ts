import type { SurveyResponseInput } from "../../contract/experience.ts";
import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { distinct, type RowIssue, throwRowIssues } from "../kernel/bulk.rules.ts";
import {
  activeDimensions,
  contactAccounts,
  type ResponseRecord,
  responseKey,
  storedResponseIds,
  touchpointsBefore,
  writeResponses,
} from "./experience.queries.ts";
import { scaleOf } from "./experience.rules.ts";

/** An answer to record, valid by the contract (score within its kind's scale); `id` is used when new. */
export type ResponseRow = {
  id: string;
  input: SurveyResponseInput;
  source: "survey" | "import";
  /** The invitation answered, for answers given on Steward's page. */
  recipientId?: string;
};
export type ResponseRecorded = { id: string; created: boolean; accountId: string; contactId: string };
export type ResponsePlan = { outcomes: ResponseRecorded[]; records: ResponseRecord[]; issues: RowIssue[] };

/**
 * The answers' rules without writing: the key player is a contact here (the answer is their
 * account's), a dimension is one of the workspace's, and the same key player's answer of a kind
 * at the same moment is the stored one (updated, not repeated). Each answer is linked to the key
 * player's last touchpoint before it.
 */
export async function checkSurveyResponses(ctx: Ctx, rows: ResponseRow[]): Promise<ResponsePlan> {
  const accounts = await contactAccounts(
    ctx.db,
    ctx.workspaceId,
    distinct(rows.map((r) => r.input.contactId)),
  );
  const dimensions = rows.some((r) => r.input.kind === "dimension")
    ? new Set((await activeDimensions(ctx.db, ctx.workspaceId)).map((d) => d.key))
    : new Set<string>();
  const keys = rows.map((r) => ({
    contactId: r.input.contactId,
    kind: r.input.kind,
    dimension: r.input.dimension ?? null,
    answeredAt: new Date(r.input.answeredAt),
  }));
  const stored = await storedResponseIds(ctx.db, ctx.workspaceId, keys);
  const before = await touchpointsBefore(ctx.db, ctx.workspaceId, keys);
  const issues: RowIssue[] = [];
  const records: ResponseRecord[] = [];
  const outcomes: ResponseRecorded[] = [];
  rows.forEach((row, index) => {
    const accountId = accounts.get(row.input.contactId) ?? "";
    const key = keys[index] as (typeof keys)[number];
    const storedId = stored.get(responseKey(key));
    const id = storedId ?? row.id;
    // One outcome per row, refused or not, so a dry run's counts line up with its rows.
    outcomes.push({ id, created: storedId === undefined, accountId, contactId: key.contactId });
    if (!accountId) {
      issues.push({ index, path: "contactId", code: "unknown_contact", message: "is not a contact here" });
      return;
    }
    if (key.dimension !== null && !dimensions.has(key.dimension)) {
      issues.push({
        index,
        path: "dimension",
        code: "unknown_dimension",
        message: "is not one of this workspace's experience dimensions",
      });
      return;
    }
    records.push({
      id,
      accountId,
      contactId: key.contactId,
      kind: key.kind,
      dimension: key.dimension,
      score: row.input.score,
      scale: scaleOf(row.input.kind),
      comment: row.input.comment ?? null,
      answeredAt: key.answeredAt,
      source: row.source,
      touchpointId: before[index] ?? null,
      recipientId: row.recipientId ?? null,
    });
  });
  return { outcomes, records, issues };
}

/**
 * Records answers in bulk (set-based), publishing `survey.answered` for each: the closed loop and
 * the success index react to it. Refuses the whole call when any answer breaks a rule.
 */
export async function recordSurveyResponses(ctx: Ctx, rows: ResponseRow[]): Promise<ResponseRecorded[]> {
  return withTx(ctx.db, async (db) => {
    const plan = await checkSurveyResponses({ ...ctx, db }, rows);
    throwRowIssues(plan.issues);
    await writeResponses(db, ctx.workspaceId, plan.records);
    await recordEvents(
      { ...ctx, db },
      plan.records.map((r) => ({
        type: "survey.answered" as const,
        data: {
          accountId: r.accountId,
          contactId: r.contactId,
          responseId: r.id,
          kind: r.kind as SurveyResponseInput["kind"],
          score: r.score,
        },
      })),
    );
    return plan.outcomes;
  });
}
