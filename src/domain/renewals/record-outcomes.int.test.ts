import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAccount, makeSubscription, makeWorkspace } from "../../../tests/factories/index.ts";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import { newId } from "../../common/ids.ts";
import type { Database } from "../../db/index.ts";
import type { Ctx } from "../context.ts";
import {
  checkRenewalOutcomes,
  type OutcomeRecordRow,
  recordRenewalOutcomes,
  updateRenewal,
} from "./index.ts";

let database: Database;
let ctx: Ctx;

type Row = {
  external_id: string | null;
  subscription_id: string | null;
  due: string;
  stage: string;
  reason: string | null;
  csm_call: string | null;
};

const records = async (accountId: string): Promise<Row[]> =>
  (
    (await ctx.db.execute(
      sql`select external_id, subscription_id, due_date::text as due, stage, reason_code as reason, csm_call
            from renewals where workspace_id = ${ctx.workspaceId} and account_id = ${accountId}
           order by due_date, external_id nulls first`,
    )) as unknown as { rows: Row[] }
  ).rows;

const ended = { renewalDate: null, status: "canceled" as const, product: "Core" };

/** An account of its own per test: a paid subscription that ended 2024-03-01, and a trial ending the next day. */
async function customer() {
  const accountId = (await makeAccount(ctx)).id;
  const paid = await makeSubscription(ctx, accountId, {
    ...ended,
    startDate: "2023-03-01",
    endDate: "2024-03-01",
    mrrMinor: 10_000,
  });
  const trial = await makeSubscription(ctx, accountId, {
    ...ended,
    startDate: "2024-02-01",
    endDate: "2024-03-02",
    mrrMinor: 0,
    status: "trial",
  });
  const row = (
    externalId: string | null,
    date: string,
    over: Partial<OutcomeRecordRow["input"]> = {},
  ): OutcomeRecordRow => ({
    id: newId(),
    externalId,
    input: { accountId, date, outcome: "churned", reasonCode: "pricing", ...over },
  });
  return { accountId, paid: paid.id, trial: trial.id, row };
}

beforeAll(async () => {
  database = await createTestDb();
  ctx = (await makeWorkspace(database.db, { withOwner: false, label: "outcomes" })).system;
});

afterAll(async () => {
  await database?.close();
});

describe("recordRenewalOutcomes", () => {
  it("closes a CSM's record of the matched renewal, moving the row's own earlier record onto it", async () => {
    const { accountId, paid, row } = await customer();
    // First the event names only the account: nothing ends near 2024-05-20.
    await recordRenewalOutcomes(ctx, [row("A-1", "2024-05-20")]);
    expect(await records(accountId)).toEqual([
      {
        external_id: "A-1",
        subscription_id: null,
        due: "2024-05-20",
        stage: "closed",
        reason: "pricing",
        csm_call: null,
      },
    ]);
    // A CSM works on the paid subscription's renewal; the source then corrects the event's date.
    await updateRenewal(ctx, paid, { dueDate: "2024-03-01", stage: "negotiating", csmCall: "at_risk" });
    const corrected = [row("A-1", "2024-02-20", { reasonCode: "budget" })];
    const plan = await checkRenewalOutcomes(ctx, corrected);
    expect(plan.issues).toEqual([]);
    expect(plan.outcomes[0]).toMatchObject({
      created: false,
      subscriptionId: paid,
      dueDate: "2024-03-01",
      decided: true,
    });
    expect(plan.superseded).toHaveLength(1);
    await recordRenewalOutcomes(ctx, corrected);
    expect(await records(accountId)).toEqual([
      {
        external_id: "A-1",
        subscription_id: paid,
        due: "2024-03-01",
        stage: "closed",
        reason: "budget",
        csm_call: "at_risk",
      },
    ]);
  });

  it("does not give a renewal recorded under one event id to another, nor a trial's to any", async () => {
    const { paid, trial, row } = await customer();
    await recordRenewalOutcomes(ctx, [row("B-1", "2024-03-03")]);
    const plan = await checkRenewalOutcomes(ctx, [row("B-1", "2024-03-03"), row("B-2", "2024-03-02")]);
    expect(plan.outcomes.map((o) => [o.created, o.subscriptionId, o.dueDate, o.decided])).toEqual([
      [false, paid, "2024-03-01", false],
      [true, null, "2024-03-02", true],
    ]);
    expect(plan.records.map((r) => r.subscriptionId)).not.toContain(trial);
  });

  it("refuses the whole call with each row's problem, as the API words it", async () => {
    const { accountId, row } = await customer();
    const rows = [
      row("C-1", "2024-06-01", { reasonCode: null }),
      row("C-2", "2024-06-01", { outcome: "downgraded", reasonCode: "fewer_users", arrAfterMinor: 200_000 }),
      row("C-1", "2024-06-02"),
      { ...row("C-3", "2024-06-01"), input: { ...row("C-3", "2024-06-01").input, accountId: newId() } },
    ];
    const plan = await checkRenewalOutcomes(ctx, rows);
    expect(plan.issues.map((i) => [i.index, i.path, i.code])).toEqual([
      [0, "reasonCode", "required"],
      [2, "externalId", "duplicate_external_id"],
      [3, "accountId", "unknown_account"],
    ]);
    // C-2 matched no renewal (nothing ends near 2024-06-01): no ARR for its ARR after to be less than.
    expect(plan.outcomes[1]?.subscriptionId).toBeNull();
    await expect(recordRenewalOutcomes(ctx, rows)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await records(accountId)).toEqual([]);
  });

  it("checks the ARR after against the renewal's ARR when a row matches one", async () => {
    const { paid, row } = await customer();
    const plan = await checkRenewalOutcomes(ctx, [
      row("D-1", "2024-02-27", { outcome: "downgraded", reasonCode: "fewer_users", arrAfterMinor: 120_000 }),
      row("D-2", "2024-06-01", { outcome: "expanded", reasonCode: null, arrAfterMinor: 0 }),
    ]);
    expect(plan.outcomes.map((o) => o.subscriptionId)).toEqual([paid, null]);
    // The paid subscription's ARR is 12 × 10,000: downgraded to as much is no downgrade.
    expect(plan.issues).toEqual([
      {
        index: 0,
        path: "arrAfterMinor",
        code: "invalid_arr_after",
        message: "must be less than the ARR up for renewal when it was downgraded",
      },
    ]);
  });
});
