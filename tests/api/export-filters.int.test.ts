import { parse } from "csv-parse/sync";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account, Contact, ImportReport } from "../../src/contract/index.ts";
import { schema } from "../../src/db/index.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/**
 * The accounts and contacts lists' Export CSV: the export takes the list's own query (filters,
 * search, sort) and writes exactly the rows the list shows, every page of them and in its order,
 * with the accounts' health, revenue and renewal beside the importable columns.
 */
let t: TestApp;
let ws: TestWorkspace;
let member: Caller;
let viewer: Caller;

// More accounts than one export page (1,000 rows), so the export has to page like the list.
const COUNT = 2_300;
const TIERS = ["Gold", "Silver", "Bronze"];
const daysFromToday = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

type Page<T> = { data: T[]; nextCursor: string | null };
type Row = Record<string, string>;

async function post(url: string, csv: string) {
  const res = await t.request(member, "POST", url, { csv, dryRun: false });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.body}`);
  const report = res.json<ImportReport>();
  if (report.status !== "committed") throw new Error(`${url}: ${JSON.stringify(report.errors)}`);
}

/** Every row the list shows for this query, across all its pages. */
async function walk<T>(path: string, query: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const res = await t.request(member, "GET", `${path}?${query}&limit=200${suffix}`);
    if (res.statusCode !== 200) throw new Error(`${path}?${query}: ${res.body}`);
    const page = res.json<Page<T>>();
    out.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

async function exportRows(caller: Caller, url: string): Promise<Row[]> {
  const res = await t.request(caller, "GET", url);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers["content-type"]).toMatch(/^text\/csv/);
  return parse(res.body, { columns: true }) as Row[];
}

const money = (minor: number) => (minor / 100).toFixed(2);

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("export-filters");
  member = await t.signIn(ws.users.member.email);
  viewer = await t.signIn(ws.users.viewer.email);
  const accounts = ["externalId,name,tier,industry"];
  const subs = ["externalId,accountExternalId,product,mrr,startDate,renewalDate"];
  for (let i = 0; i < COUNT; i++) {
    // Few distinct names and MRRs: ties the sort must break by id, as the list does.
    accounts.push(
      `A-${i},${["Acme", "Beta", "Cobalt", "Delta"][i % 4]} ${i % 7},${TIERS[i % 3]},${i % 2 ? "Retail" : "Software"}`,
    );
    if (i % 4 !== 3)
      subs.push(`S-${i},A-${i},Core,${(i % 5) * 10 + 0.5},2024-01-01,${daysFromToday(20 + (i % 6))}`);
  }
  await post("/api/v1/imports/accounts", accounts.join("\n"));
  await post("/api/v1/imports/subscriptions", subs.join("\n"));
  const contacts = ["accountExternalId,firstName,lastName,email,decisionRole"];
  for (let i = 0; i < 30; i++)
    contacts.push(
      `A-${i % 6},P${i},L${i % 4},p${i}@example.com,${["champion", "user", "economic_buyer"][i % 3]}`,
    );
  await post("/api/v1/imports/contacts", contacts.join("\n"));
  // Scores as the health job stores them, distinct on a few accounts, to find them in the export
  // (after the imports, whose commits rescore every account).
  for (const [i, score, band] of [
    [0, 81.5, "good"],
    [3, 42, "average"],
    [6, 12.25, "poor"],
  ] as const) {
    await t.database.db
      .update(schema.accounts)
      .set({ healthScore: score, healthBand: band, healthDay: "2026-01-01" })
      .where(eqExternal(i));
  }
}, 180_000);

afterAll(async () => {
  await t?.close();
});

const eqExternal = (i: number) =>
  and(eq(schema.accounts.workspaceId, ws.id), eq(schema.accounts.externalId, `A-${i}`));

describe("accounts export", () => {
  it("writes every account the filtered, searched, sorted list shows, in its order, past one page", async () => {
    const query = "tier=Gold,Silver&industry=Software,Retail&q=e&sort=-arr";
    const shown = await walk<Account>("/api/v1/accounts", query);
    expect(shown.length).toBeGreaterThan(1000);
    expect(shown.length).toBeLessThan(COUNT);
    const rows = await exportRows(viewer, `/api/v1/exports/accounts?${query}`);
    expect(rows.map((r) => r.externalId)).toEqual(shown.map((a) => a.externalId));
  });

  it("adds health score and band, MRR, ARR, currency and next renewal, as the list shows them", async () => {
    const query = "sort=health&q=A-";
    const shown = await walk<Account>("/api/v1/accounts", query);
    const rows = await exportRows(member, `/api/v1/exports/accounts?${query}`);
    expect(rows).toHaveLength(COUNT);
    expect(Object.keys(rows[0] ?? {})).toEqual(
      expect.arrayContaining(["healthScore", "healthBand", "mrr", "arr", "currency", "nextRenewalDate"]),
    );
    rows.forEach((r, i) => {
      const a = shown[i] as Account;
      expect(r.externalId).toBe(a.externalId);
      expect(r.healthScore).toBe(a.health ? String(a.health.score) : "");
      expect(r.healthBand).toBe(a.health?.band ?? "");
      expect(r.mrr).toBe(money(a.mrrMinor));
      expect(r.arr).toBe(money(a.arrMinor));
      expect(r.currency).toBe(a.currency);
      expect(r.nextRenewalDate).toBe(a.nextRenewalDate ?? "");
    });
    const byId = new Map(rows.map((r) => [r.externalId, r]));
    expect(byId.get("A-0")).toMatchObject({ healthScore: "81.5", healthBand: "good" });
    expect(byId.get("A-3")).toMatchObject({ healthScore: "42", healthBand: "average" });
    expect(byId.get("A-6")).toMatchObject({ healthScore: "12.25", healthBand: "poor" });
    expect(rows.find((r) => r.externalId === "A-2")).toMatchObject({ mrr: "20.50", arr: "246.00" });
  });

  it("exports everything without a query, and re-imports without creating custom fields", async () => {
    const res = await t.request(member, "GET", "/api/v1/exports/accounts");
    expect(res.statusCode).toBe(200);
    expect(parse(res.body, { columns: true })).toHaveLength(COUNT);
    const again = await t.request(member, "POST", "/api/v1/imports/accounts", { csv: res.body });
    expect(again.json<ImportReport>()).toMatchObject({ errorRows: 0, createdRows: 0, newCustomFields: [] });
  });

  it("refuses a filter the list would refuse, with the same 400", async () => {
    for (const q of ["sort=bogus", "healthBand=purple", "limit=10", "renewalBefore=soon"]) {
      const list = await t.request(member, "GET", `/api/v1/accounts?${q}`);
      const res = await t.request(member, "GET", `/api/v1/exports/accounts?${q}`);
      // limit is paging, not a filter: the export writes every page.
      if (q.startsWith("limit")) expect(list.statusCode).toBe(200);
      else expect(list.statusCode, q).toBe(400);
      expect(res.statusCode, q).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code).toBe("VALIDATION_FAILED");
    }
  });
});

describe("contacts export", () => {
  it("writes the contacts the filtered, sorted list shows, in its order", async () => {
    const query = "decisionRole=champion,economic_buyer&q=L1&sort=-name";
    const shown = await walk<Contact>("/api/v1/contacts", query);
    expect(shown.length).toBeGreaterThan(2);
    const rows = await exportRows(member, `/api/v1/exports/contacts?${query}`);
    expect(rows.map((r) => r.email)).toEqual(shown.map((c) => c.email));
    const all = await exportRows(member, "/api/v1/exports/contacts");
    expect(all).toHaveLength(30);
  });
});
