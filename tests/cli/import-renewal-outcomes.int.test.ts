import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/index.ts";
import { getRenewalOutcomes } from "../../src/domain/renewals/index.ts";
import { type BareTestWorkspace, makeAccount, makeSubscription, makeWorkspace } from "../factories/index.ts";
import { cliRunner } from "../helpers/cli.ts";
import { createTestDb } from "../helpers/test-db.ts";

/** `steward import renewal-outcomes FILE` with the churn events' example mapping, run in-process. */
let database: Database;
let ws: BareTestWorkspace;
let subscriptionId: string;

const steward = cliRunner(() => database);
const MAPPING = "docs/examples/ravenstack-churn-events.mapping.json";
const HEADER =
  "churn_event_id,account_id,churn_date,reason_code,refund_amount_usd,preceding_upgrade_flag,preceding_downgrade_flag,is_reactivation,feedback_text";

const outcomes = () => getRenewalOutcomes(ws.system, { from: "2024-01-01", to: "2024-12-31" });

beforeAll(async () => {
  database = await createTestDb();
  ws = await makeWorkspace(database.db, { withOwner: false, label: "cli import" });
  const paying = await makeAccount(ws.system, { externalId: "ACC-1", name: "Paying" });
  await makeAccount(ws.system, { externalId: "ACC-2", name: "No subscription" });
  const sub = await makeSubscription(ws.system, paying.id, {
    startDate: "2023-01-15",
    endDate: "2024-01-15",
    renewalDate: null,
    status: "canceled",
    mrrMinor: 10_000,
  });
  subscriptionId = sub.id;
});

afterAll(async () => {
  await database?.close();
});

describe("steward import renewal-outcomes", () => {
  const csv = [
    HEADER,
    "E-1,ACC-1,2024-01-20,competitor,0.0,False,False,False,switched to competitor",
    "E-2,ACC-2,2024-03-01,budget,10.5,False,False,False,",
  ].join("\n");
  const args = () => [
    "import",
    "renewal-outcomes",
    "-",
    "--mapping",
    MAPPING,
    "--workspace",
    ws.workspace.slug,
  ];

  it("imports churn events with the example mapping, and again as updates", async () => {
    const run = await steward(args(), csv);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "Imported: 2 rows of renewal-outcomes — 2 created, 0 updated, 0 with errors",
    );
    const o = await outcomes();
    // E-1 is the renewal of the subscription that ended five days before; E-2 names only its account.
    expect(
      o.data.map((r) => [
        r.accountName,
        r.subscriptionId,
        r.dueDate,
        r.outcome,
        r.reasonCode,
        r.source,
        r.note,
      ]),
    ).toEqual([
      ["No subscription", null, "2024-03-01", "churned", "budget", "recorded", null],
      ["Paying", subscriptionId, "2024-01-15", "churned", "competitor", "recorded", "switched to competitor"],
    ]);
    expect(o.renewalRate).toBe(0);

    const again = await steward(args(), csv);
    expect(again.stdout).toContain("0 created, 2 updated");
    expect((await outcomes()).data).toHaveLength(2);
  });

  it("lists bad rows on stderr, stores nothing and exits with 3", async () => {
    const bad = [
      HEADER,
      "E-3,ACC-404,2024-05-01,pricing,0,False,False,False,",
      "E-4,ACC-1,2024-05-01,,0,False,False,False,",
    ].join("\n");
    const run = await steward(args(), bad);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain("Rejected: 2 rows of renewal-outcomes");
    expect(run.stderr).toContain(
      'row 1 (column "account_id", value "ACC-404"): accountExternalId "ACC-404" is not an account here; import the accounts first [unknown_account]',
    );
    expect(run.stderr).toContain(
      'row 2 (column "reason_code", value ""): reasonCode is required when the renewal is churned: say why [required]',
    );
    expect(run.stderr).toContain("Nothing was stored");
    expect((await outcomes()).data).toHaveLength(2);
  });
});
