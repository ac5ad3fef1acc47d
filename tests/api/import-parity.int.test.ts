import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, utcToday } from "../../src/common/dates.ts";
import type { ImportReport } from "../../src/contract/index.ts";
import { queryRows } from "../../src/db/index.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/**
 * One write path: the same inputs sent through the API (PUT by external id) and through a CSV
 * import are accepted or refused alike, refused with the same message on the same field, and
 * stored alike. Each case is one API call and one import of its own (an import is all or nothing).
 */
let t: TestApp;
let ws: TestWorkspace;
let owner: Caller;
let accountId: string;

type Entity = "accounts" | "contacts" | "subscriptions";
type Input = Record<string, unknown>;
type Case = { label: string; input: Input; refused?: string };

const today = utcToday();

const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** The input as a CSV file of one row: a column per field, custom fields as `custom:<key>`. */
function csvOf(externalId: string, input: Input): { csv: string; columns: Record<string, string> } {
  const { customFields, ...fields } = input;
  const entries: [string, unknown][] = [
    ["externalId", externalId],
    ...Object.entries(fields),
    ...Object.entries((customFields ?? {}) as Input).map(([k, v]): [string, unknown] => [`custom:${k}`, v]),
  ];
  const headers = entries.map(([k]) => k);
  return {
    csv: `${headers.join(",")}\n${entries.map(([, v]) => cell(v)).join(",")}\n`,
    columns: Object.fromEntries(headers.map((h) => [h, h])),
  };
}

/** What is stored under an external id, without the keys and timestamps that differ by nature. */
async function stored(entity: Entity, externalId: string) {
  const rows = await queryRows<{ row: Record<string, unknown> }>(
    t.database.db,
    sql`select to_jsonb(x) - 'id' - 'external_id' - 'workspace_id' - 'created_at' - 'updated_at' as row
        from ${sql.raw(entity)} x where workspace_id = ${ws.id} and external_id = ${externalId}`,
  );
  return rows[0]?.row ?? null;
}

/** Runs a case through both paths; answers each path's refusal (`field message`) or null. */
async function bothWays(entity: Entity, n: number, input: Input) {
  const api = await t.request(owner, "PUT", `/api/v1/${entity}/by-external-id/API-${n}`, input);
  type Refusal = { error: { details?: { issues?: { path: string; message: string }[] } } };
  const apiIssues =
    api.statusCode >= 400
      ? (api.json<Refusal>().error.details?.issues ?? []).map((i) => `${i.path} ${i.message}`)
      : null;
  const { csv, columns } = csvOf(`CSV-${n}`, input);
  const res = await t.request(owner, "POST", `/api/v1/imports/${entity}`, {
    csv,
    dryRun: false,
    mapping: { columns },
  });
  expect(res.statusCode, res.body).toBe(200);
  const report = res.json<ImportReport>();
  return {
    api: apiIssues,
    apiStatus: api.statusCode,
    // The import names a custom field by its column target, `custom:<key>`; the API by its path.
    csv:
      report.status === "committed"
        ? null
        : report.errors.map((e) => e.message.replace(/^custom:/, "customFields.")),
  };
}

async function runCases(entity: Entity, cases: Case[], offset: number) {
  for (const [i, c] of cases.entries()) {
    const n = offset + i;
    const outcome = await bothWays(entity, n, c.input);
    if (c.refused) {
      expect(outcome.api, `${c.label}: API`).toEqual([c.refused]);
      expect(outcome.csv, `${c.label}: import`).toEqual([c.refused]);
    } else {
      expect(outcome.apiStatus, `${c.label}: API`).toBeLessThan(300);
      expect(outcome.csv, `${c.label}: import`).toBeNull();
      expect(await stored(entity, `CSV-${n}`), c.label).toEqual(await stored(entity, `API-${n}`));
    }
  }
}

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("import-parity");
  owner = await t.signIn(ws.users.owner.email);
  const account = await t.request(owner, "POST", "/api/v1/accounts", { name: "Parity Co" });
  accountId = account.json<{ id: string }>().id;
  for (const [entity, key] of [
    ["account", "nps"],
    ["subscription", "score"],
  ] as const) {
    const def = { entity, key, label: key, type: "number", min: 0, max: 10, integer: true };
    expect((await t.request(owner, "POST", "/api/v1/custom-fields", def)).statusCode).toBe(201);
  }
});

afterAll(async () => {
  await t?.close();
});

describe("subscriptions through the API and through an import", () => {
  const base = () => ({ accountId, product: "Core", mrrMinor: 10_000, startDate: addDays(today, -400) });

  it("derive the same status from the end date, and refuse the same inputs with the same message", async () => {
    await runCases(
      "subscriptions",
      [
        // The drift the issue names: through CSV this was "canceled", through the API "expired".
        { label: "ended, no status", input: { ...base(), endDate: addDays(today, -10) } },
        { label: "ended, not renewing", input: { ...base(), endDate: addDays(today, -1), autoRenew: false } },
        { label: "ends later", input: { ...base(), endDate: addDays(today, 30) } },
        { label: "open-ended trial", input: { ...base(), status: "trial", currency: "EUR", seats: 3 } },
        {
          label: "renewal before start",
          input: { ...base(), renewalDate: addDays(today, -500) },
          refused: `renewalDate must not be before the start date (${addDays(today, -400)})`,
        },
        {
          label: "negative MRR",
          input: { ...base(), mrrMinor: -5 },
          refused: "mrrMinor must not be negative",
        },
        {
          label: "too many seats",
          input: { ...base(), seats: 20_000_000 },
          refused: "seats must be at most 10,000,000",
        },
        {
          label: "custom field out of range",
          input: { ...base(), customFields: { score: 11 } },
          refused: "customFields.score must be a whole number from 0 to 10",
        },
      ],
      0,
    );
  });
});

describe("accounts and contacts through the API and through an import", () => {
  it("store the same values and refuse the same inputs with the same message", async () => {
    await runCases(
      "accounts",
      [
        {
          label: "plain",
          input: { name: "Acme", domain: "acme.com", lifecycleStage: "renewal", tier: "Gold" },
        },
        { label: "custom field", input: { name: "Nps Co", customFields: { nps: 7 } } },
        {
          label: "URL as domain",
          input: { name: "Url Co", domain: "https://acme.com/" },
          refused: "domain must be a domain without https:// or a path, such as acme.com",
        },
        {
          label: "long tier",
          input: { name: "Tier Co", tier: "x".repeat(51) },
          refused: "tier can be at most 50 characters",
        },
        {
          label: "custom field out of range",
          input: { name: "Bad Nps", customFields: { nps: 99 } },
          refused: "customFields.nps must be a whole number from 0 to 10",
        },
      ],
      100,
    );
    await runCases(
      "contacts",
      [
        // An email is stored in lower case, whichever way it comes in.
        { label: "email case", input: { accountId, email: "Ada@Example.COM", influence: 5 } },
        {
          label: "influence",
          input: { accountId, firstName: "Ada", influence: 6 },
          refused: "influence must be 1 to 5",
        },
        {
          label: "long first name",
          input: { accountId, firstName: "x".repeat(101) },
          refused: "firstName can be at most 100 characters",
        },
      ],
      200,
    );
  });
});
