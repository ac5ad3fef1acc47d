import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace } from "../../../tests/factories/index.ts";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import type { ImportMapping, ImportReport } from "../../contract/imports.ts";
import type { Database } from "../../db/index.ts";
import type { Ctx } from "../context.ts";
import { getRenewalOutcomes, updateRenewal } from "../renewals/index.ts";
import { previewImport, runImport } from "./index.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
// Not redistributable with the project: read from the shared datasets beside the repository.
const RAVEN = path.resolve(repoRoot, "../shared/datasets/ravenstack");
const ravenPresent = fs.existsSync(path.join(RAVEN, "ravenstack_churn_events.csv"));
if (!ravenPresent)
  console.warn(`RavenStack dataset not found at ${RAVEN}: its churn event tests are skipped.`);

const read = (name: string) => fs.readFileSync(path.join(RAVEN, name), "utf8");
const mappingOf = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(repoRoot, "docs/examples", name), "utf8")) as ImportMapping;

let database: Database;
let ctx: Ctx;

const one = async (q: SQL): Promise<Record<string, unknown>> =>
  ((await ctx.db.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows[0] ?? {};

const countRenewals = async () =>
  (await one(sql`select count(*)::int as n from renewals where workspace_id = ${ctx.workspaceId}`))
    .n as number;

beforeAll(async () => {
  database = await createTestDb();
});

afterAll(async () => {
  await database?.close();
});

describe.skipIf(!ravenPresent)("RavenStack churn events as renewal outcomes", { timeout: 120_000 }, () => {
  const csv = ravenPresent ? read("ravenstack_churn_events.csv") : "";
  const events: Record<string, string>[] = ravenPresent ? parse(csv, { columns: true }) : [];
  const mapping = mappingOf("ravenstack-churn-events.mapping.json");
  const request = { csv, fileName: "ravenstack_churn_events.csv", mapping };
  const byReasonInFile = () => {
    const counts: Record<string, number> = {};
    for (const e of events) counts[e.reason_code as string] = (counts[e.reason_code as string] ?? 0) + 1;
    return counts;
  };

  // The commit the later tests look at, made once whichever of them runs first (or alone). Before
  // it, a CSM was talking to A-0a282f about the renewal of S-a346d6 (it ended 2024-09-25); event
  // C-100b97 (2024-10-06, features) is that renewal, so it closes the CSM's record.
  let commit: Promise<{ report: ImportReport; csmRecordId: string }> | undefined;
  const committed = () => {
    commit ??= (async () => {
      const sub = await one(
        sql`select id from subscriptions where workspace_id = ${ctx.workspaceId} and external_id = 'S-a346d6'`,
      );
      await updateRenewal(ctx, sub.id as string, {
        dueDate: "2024-09-25",
        stage: "negotiating",
        csmCall: "at_risk",
      });
      const csm = await one(sql`select id from renewals where workspace_id = ${ctx.workspaceId}`);
      const report = await runImport(ctx, "renewal-outcomes", { ...request, dryRun: false });
      return { report, csmRecordId: csm.id as string };
    })();
    return commit;
  };

  beforeAll(async () => {
    ctx = (await makeWorkspace(database.db, { withOwner: false, label: "churn events" })).system;
    for (const [entity, file, map] of [
      ["accounts", "ravenstack_accounts.csv", "ravenstack-accounts.mapping.json"],
      ["subscriptions", "ravenstack_subscriptions.csv", "ravenstack-subscriptions.mapping.json"],
    ] as const) {
      const r = await runImport(ctx, entity, { csv: read(file), mapping: mappingOf(map), dryRun: false });
      expect(r).toMatchObject({ status: "committed", errorRows: 0 });
    }
  });

  it("is the file the figures are for: 600 events of 352 accounts, six reason codes", () => {
    expect(events).toHaveLength(600);
    expect(new Set(events.map((e) => e.account_id)).size).toBe(352);
    expect(byReasonInFile()).toEqual({
      features: 114,
      support: 104,
      budget: 104,
      unknown: 95,
      competitor: 92,
      pricing: 91,
    });
  });

  it("suggests the committed mapping's fields; the outcome is the mapping's default", async () => {
    const preview = await previewImport(ctx, "renewal-outcomes", csv);
    expect(preview.suggestedMapping.columns).toMatchObject({
      churn_event_id: "externalId",
      account_id: "accountExternalId",
      churn_date: "date",
      reason_code: "reasonCode",
      feedback_text: "note",
    });
    expect(preview.required).toEqual([
      { fields: ["accountExternalId", "accountId"] },
      { fields: ["date"] },
      { fields: ["outcome"] },
    ]);
    // Without the default the file names no outcome: refused before any row is read.
    await expect(runImport(ctx, "renewal-outcomes", { csv })).rejects.toThrow(
      /required renewal-outcomes fields: outcome/,
    );
  });

  it("checks all 600 rows in a dry run and stores nothing", async () => {
    const before = await countRenewals();
    const dry = await runImport(ctx, "renewal-outcomes", request);
    // Before the commit every row is new; after it, every one is an update.
    expect(dry).toMatchObject({
      status: "validated",
      totalRows: 600,
      createdRows: 600 - before,
      updatedRows: before,
      errorRows: 0,
    });
    expect(await countRenewals()).toBe(before);
  });

  it("commits 600 churns with their reasons; 94 match a subscription's end (one event per renewal), 506 name only the account", async () => {
    const { report: done, csmRecordId } = await committed();
    expect(done).toMatchObject({
      status: "committed",
      totalRows: 600,
      createdRows: 599,
      updatedRows: 1,
      errorRows: 0,
    });

    const stats = await one(
      sql`select count(*)::int as records,
            count(*) filter (where r.stage = 'closed' and r.outcome = 'churned')::int as closed_churned,
            count(r.subscription_id)::int as matched,
            count(*) filter (where r.due_date = s.end_date
                               and abs(s.end_date - r.decided_at::date) <= 31)::int as due_on_end_within_31,
            count(*) filter (where r.subscription_id is null and r.due_date = r.decided_at::date)::int as account_only,
            count(distinct r.account_id)::int as accounts
          from renewals r left join subscriptions s on s.workspace_id = r.workspace_id and s.id = r.subscription_id
         where r.workspace_id = ${ctx.workspaceId}`,
    );
    expect(stats).toEqual({
      records: 600,
      closed_churned: 600,
      matched: 94,
      due_on_end_within_31: 94,
      account_only: 506,
      accounts: 352,
    });

    const adopted = await one(
      sql`select r.id, r.external_id, r.stage, r.csm_call, r.reason_code, r.due_date::text as due
            from renewals r where r.workspace_id = ${ctx.workspaceId} and r.external_id = 'C-100b97'`,
    );
    expect(adopted).toEqual({
      id: csmRecordId,
      external_id: "C-100b97",
      stage: "closed",
      csm_call: "at_risk",
      reason_code: "features",
      due: "2024-09-25",
    });

    // S-a9bfe0 ended 2024-12-29: C-a666a4 (a day before) takes it; C-7fcce6 (21 days) and C-28085c
    // (8 days) are other churns of the account and name only it.
    const contested = await ctx.db.execute(
      sql`select r.external_id as id, s.external_id as sub from renewals r
            left join subscriptions s on s.workspace_id = r.workspace_id and s.id = r.subscription_id
           where r.workspace_id = ${ctx.workspaceId} and r.external_id in ('C-a666a4', 'C-7fcce6', 'C-28085c')
           order by 1`,
    );
    expect((contested as unknown as { rows: unknown[] }).rows).toEqual([
      { id: "C-28085c", sub: null },
      { id: "C-7fcce6", sub: null },
      { id: "C-a666a4", sub: "S-a9bfe0" },
    ]);

    const published = await one(
      sql`select count(*) filter (where type = 'renewal.decided')::int as decided,
                 count(*) filter (where type = 'import.committed')::int as imports
            from domain_events where workspace_id = ${ctx.workspaceId}`,
    );
    expect(published).toEqual({ decided: 600, imports: 3 });
    const timeline = await one(
      sql`select count(*)::int as n from timeline_entries
           where workspace_id = ${ctx.workspaceId} and kind = 'import' and body like ${`%import ${done.id})`}`,
    );
    expect(timeline.n).toBe(352);
  });

  it("shows the reason codes in the outcomes of the period, with the file's counts", async () => {
    await committed();
    const outcomes = await getRenewalOutcomes(ctx, { from: "2022-01-01", to: "2025-12-31" });
    const recorded = outcomes.data.filter((r) => r.source === "recorded");
    expect(recorded).toHaveLength(600);
    const reasons = Object.fromEntries(
      outcomes.byReason
        .filter((r) => r.reasonCode !== null)
        .map((r) => [`${r.outcome} ${r.reasonCode}`, r.count]),
    );
    expect(reasons).toEqual(
      Object.fromEntries(Object.entries(byReasonInFile()).map(([reason, n]) => [`churned ${reason}`, n])),
    );
    const c = recorded.find((r) => r.note === "switched to competitor" && r.reasonCode === "pricing");
    expect(c).toBeDefined();
  });

  it("creates nothing new when the same file is imported again", async () => {
    await committed();
    const before =
      await one(sql`select count(*)::int as n from domain_events where workspace_id = ${ctx.workspaceId}
                                   and type = 'renewal.decided'`);
    const again = await runImport(ctx, "renewal-outcomes", { ...request, dryRun: false });
    expect(again).toMatchObject({ status: "committed", createdRows: 0, updatedRows: 600, errorRows: 0 });
    expect(await countRenewals()).toBe(600);
    const matched = await one(
      sql`select count(subscription_id)::int as n from renewals where workspace_id = ${ctx.workspaceId}`,
    );
    expect(matched.n).toBe(94);
    // Nothing about any decision changed: no renewal.decided again.
    const after =
      await one(sql`select count(*)::int as n from domain_events where workspace_id = ${ctx.workspaceId}
                                  and type = 'renewal.decided'`);
    expect(after.n).toBe(before.n);
  });

  it("rejects a file with bad rows, each at its row and column, and stores none of it", async () => {
    await committed();
    const lines = csv.split("\r\n");
    const damage = (row: number, col: number, value: string) => {
      const cells = (lines[row] ?? "").split(",");
      cells[col] = value;
      lines[row] = cells.join(",");
    };
    expect(lines[3]).toMatch(/^C-a174be,A-b07346,2024-11-12,budget,/);
    damage(3, 3, "competitor"); // a good change, which must not be stored
    damage(5, 1, "A-missing"); // account_id
    damage(10, 3, ""); // a churn without a reason
    damage(15, 3, "Pricing"); // reason codes are lower case
    damage(20, 0, lines[19]?.split(",")[0] ?? ""); // repeats the previous event id
    const r = await runImport(ctx, "renewal-outcomes", {
      ...request,
      csv: lines.join("\r\n"),
      dryRun: false,
    });
    expect(r.status).toBe("rejected");
    expect(r.errors.map((e) => [e.row, e.column, e.code, e.message])).toEqual([
      [
        5,
        "account_id",
        "unknown_account",
        'accountExternalId "A-missing" is not an account here; import the accounts first',
      ],
      [10, "reason_code", "required", "reasonCode is required when the renewal is churned: say why"],
      [
        15,
        "reason_code",
        "invalid",
        "reasonCode must be a short code in lower case with underscores, such as pricing or champion_left",
      ],
      [
        20,
        "churn_event_id",
        "duplicate_external_id",
        `externalId "${lines[19]?.split(",")[0]}" appears again (first on row 19); each row must have its own`,
      ],
    ]);
    expect(await countRenewals()).toBe(600);
    const kept = await one(
      sql`select reason_code from renewals where workspace_id = ${ctx.workspaceId} and external_id = 'C-a174be'`,
    );
    expect(kept.reason_code).toBe("budget");
  });
});
