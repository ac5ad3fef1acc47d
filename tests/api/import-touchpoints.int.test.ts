import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportMapping, ImportReport, TimelineEntry, Touchpoint } from "../../src/contract/index.ts";
import {
  CRM_ACTIVITIES_CSV,
  CRM_ACTIVITIES_MAPPING,
  type CrmSample,
  makeCrmSample,
} from "../factories/crm-sample.ts";
import {
  type Caller,
  createTestApp,
  TEST_PASSWORD,
  type TestApp,
  type TestWorkspace,
} from "../helpers/test-app.ts";

/** Touchpoints from a CRM's activity export, through the import API and the journey module's write path. */
const root = path.resolve(import.meta.dirname, "../..");
const CSV = fs.readFileSync(path.join(root, CRM_ACTIVITIES_CSV), "utf8");
const MAPPING = JSON.parse(fs.readFileSync(path.join(root, CRM_ACTIVITIES_MAPPING), "utf8")) as ImportMapping;
const HEADER = CSV.split("\n")[0] as string;

let t: TestApp;
let ws: TestWorkspace;
let member: Caller;
let sample: CrmSample;

async function send<T>(method: string, url: string, body?: unknown, status = 200, who = member): Promise<T> {
  const res = await t.request(who, method, url, body);
  if (res.statusCode !== status) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

const importCsv = (csv: string, dryRun = false) =>
  send<ImportReport>("POST", "/api/v1/imports/touchpoints", {
    csv,
    mapping: MAPPING,
    dryRun,
    fileName: "activities.csv",
  });

async function touchpoints(): Promise<Map<string, Touchpoint>> {
  const page = await send<{ data: Touchpoint[] }>("GET", "/api/v1/touchpoints?limit=200");
  return new Map(page.data.map((tp) => [tp.externalId ?? tp.id, tp]));
}

const players = (tp: Touchpoint | undefined) => tp?.players.map((p) => p.name).sort();

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("touchpoint-import");
  member = await t.signIn(ws.users.member.email);
  sample = await makeCrmSample(ws.ctx, TEST_PASSWORD);
});

afterAll(async () => {
  await t?.close();
});

describe("touchpoints by CSV", () => {
  it("imports the sample CRM export with the example mapping: channels, functions, steps and key players", async () => {
    const dry = await importCsv(CSV, true);
    expect(dry).toMatchObject({ status: "validated", totalRows: 14, createdRows: 14, errorRows: 0 });
    expect(await touchpoints()).toHaveProperty("size", 0);
    const r = await importCsv(CSV);
    expect(r, JSON.stringify(r.errors)).toMatchObject({
      status: "committed",
      createdRows: 14,
      updatedRows: 0,
    });
    const all = await touchpoints();
    expect(all.size).toBe(14);
    expect([...all.values()].every((tp) => tp.source === "import")).toBe(true);
    const rita = sample.employees.get("rita.haas@steward-sample.example");
    expect(all.get("ACT-001")).toMatchObject({
      accountName: "Brightwater Logistics",
      channel: "kickoff",
      function: "services",
      employeeId: rita,
      decisionStep: "implement",
      developmentStep: "onboard",
      title: "Kickoff with the Brightwater operations team",
      notes: "Agreed scope, owners and a go-live in March",
      occurredAt: "2025-01-14T15:00:00.000Z",
      qualityRating: 4,
      experienceRating: 5,
    });
    expect(players(all.get("ACT-001"))).toEqual(["Ines Carvalho", "Tomas Reyes"]);
    // Without a function the employee's own; a date is 00:00 UTC.
    expect(all.get("ACT-002")).toMatchObject({
      channel: "call",
      function: "customer_success",
      employeeId: sample.employees.get("maya.ortiz@steward-sample.example"),
      occurredAt: "2025-02-03T00:00:00.000Z",
      experienceRating: null,
    });
    expect(all.get("ACT-005")).toMatchObject({ channel: "meeting", function: "sales" });
    expect(all.get("ACT-009")).toMatchObject({ channel: "training", function: "services", employeeId: rita });
    // Steps by label (any case) or by key.
    expect(all.get("ACT-003")).toMatchObject({
      decisionStep: "evaluate_select",
      developmentStep: "propose_win",
    });
    expect(all.get("ACT-008")).toMatchObject({
      channel: "qbr_ebr",
      function: "customer_success",
      decisionStep: "renew_expand",
      developmentStep: "grow_retain",
    });
    expect(all.get("ACT-006")).toMatchObject({
      channel: "webinar",
      function: "marketing",
      employeeId: null,
      decisionStep: "realize_value",
      developmentStep: "drive_value",
    });
    expect(all.get("ACT-007")).toMatchObject({ channel: "ticket", function: "support" });
    expect(all.get("ACT-010")).toMatchObject({ channel: "meeting", function: "customer_success" });
    expect(all.get("ACT-012")).toMatchObject({ channel: "meeting" }); // the mapping's `values`
    expect(all.get("ACT-013")).toMatchObject({
      channel: "in_app",
      function: "product",
      employeeId: null,
      decisionStep: null,
      players: [],
    });
    expect(all.get("ACT-014")?.channel).toBe("qbr_ebr");
    expect(players(all.get("ACT-003"))).toEqual(["Oskar Lind", "Priya Natarajan"]);
    expect(players(all.get("ACT-014"))).toEqual(["Ines Carvalho", "Tomas Reyes"]);

    // The module's timeline entry per touchpoint, and one import entry per account.
    const brightwater = sample.accounts.get("ACC-1001")?.id;
    const timeline = await send<{ data: TimelineEntry[] }>(
      "GET",
      `/api/v1/accounts/${brightwater}/timeline?limit=200`,
    );
    const kinds = timeline.data.map((e) => e.kind);
    expect(kinds.filter((k) => k === "touchpoint")).toHaveLength(5);
    expect(kinds.filter((k) => k === "import")).toHaveLength(1);
    expect(
      timeline.data.find((e) => e.kind === "touchpoint" && e.title === "QBR / EBR: Q1 business review"),
    ).toBeTruthy();
  });

  it("updates touchpoints on a re-import rather than adding them again", async () => {
    const again = await importCsv(CSV);
    expect(again).toMatchObject({ status: "committed", createdRows: 0, updatedRows: 14, errorRows: 0 });
    expect((await touchpoints()).size).toBe(14);
    const changed = [
      HEADER,
      "ACT-002,ACC-1001,Phone call,Rollout check-in (third depot),2025-02-03,maya.ortiz@steward-sample.example,,implement,drive_value,,,5,4",
    ].join("\n");
    expect(await importCsv(changed)).toMatchObject({ status: "committed", createdRows: 0, updatedRows: 1 });
    const all = await touchpoints();
    expect(all.size).toBe(14);
    expect(all.get("ACT-002")).toMatchObject({
      title: "Rollout check-in (third depot)",
      notes: null,
      players: [],
      qualityRating: 5,
      experienceRating: 4,
    });
  });

  it("reports bad rows at their row and column with the API's messages, and stores nothing", async () => {
    const admin = await t.signIn(ws.users.admin.email);
    await send(
      "PATCH",
      "/api/v1/journey/lists/decision/items/explore_options",
      { archived: true },
      200,
      admin,
    );
    const ahead = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const maya = "maya.ortiz@steward-sample.example";
    const csv = [
      HEADER,
      `ACT-101,ACC-404,Call,Unknown account,2025-07-01,${maya},,,,,,,`,
      `ACT-102,ACC-1001,Call,Unknown key player,2025-07-01,${maya},,,,ines.carvalho@brightwater.example;nobody@brightwater.example,,,`,
      "ACT-103,ACC-1001,Call,Unknown employee,2025-07-01,ghost@steward-sample.example,,,,,,,",
      `ACT-104,ACC-1001,Call,Archived step,2025-07-01,${maya},,Explore options,,,,,`,
      `ACT-105,ACC-1001,Call,Unknown step,2025-07-01,${maya},,Negotiate,,,,,`,
      `ACT-106,ACC-1001,Call,Too far ahead,${ahead},${maya},,,,,,,`,
      `ACT-107,ACC-1001,Call,Rated six,2025-07-01,${maya},,,,,,6,`,
      `ACT-102,ACC-1001,Call,Repeated id,2025-07-01,${maya},,,,,,,`,
      `ACT-108,ACC-1002,Carrier pigeon,Unknown channel,2025-07-01,${maya},,,,,,,`,
      // A key player of another account is no key player here.
      `ACT-109,ACC-1002,Call,Someone else's contact,2025-07-01,${maya},,,,ines.carvalho@brightwater.example,,,`,
      `ACT-110,ACC-1001,Call,A good row,2025-07-01,${maya},,,,,,,`,
    ].join("\n");
    const r = await importCsv(csv);
    expect(r.status).toBe("rejected");
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [1, "Company ID", "unknown_account"],
      [2, "Attendees", "unknown_contact"],
      [3, "Assigned To", "unknown_member"],
      [4, "Customer Stage", "unknown_step"],
      [5, "Customer Stage", "unknown_step"],
      [6, "Activity Date", "in_future"],
      [7, "Quality Score", "out_of_range"],
      [8, "Activity ID", "duplicate_external_id"],
      [9, "Activity Type", "invalid_enum"],
      [10, "Attendees", "unknown_contact"],
    ]);
    expect(r.errorRows).toBe(10);
    const byRow = new Map(r.errors.map((e) => [e.row, e]));
    expect(byRow.get(2)).toMatchObject({ value: "nobody@brightwater.example" });
    expect(byRow.get(4)?.message).toBe("decisionStep is not one of the workspace's decision steps");
    expect(byRow.get(6)?.message).toBe("occurredAt must not be more than a day from now");
    expect(byRow.get(7)?.message).toBe("qualityRating must be from 1 to 5");
    expect(byRow.get(8)?.message).toContain("first on row 2");
    const all = await touchpoints();
    expect(all.size).toBe(14);
    expect(all.has("ACT-110")).toBe(false);
  });

  it("never reaches another workspace's accounts, contacts or members", async () => {
    const other = await t.workspace("touchpoint-import-other");
    const stranger = await t.signIn(other.users.member.email);
    const r = await send<ImportReport>(
      "POST",
      "/api/v1/imports/touchpoints",
      { csv: CSV, mapping: MAPPING, dryRun: false },
      200,
      stranger,
    );
    expect(r.status).toBe("rejected");
    expect(r.errors[0]).toMatchObject({ row: 1, column: "Company ID", code: "unknown_account" });
    expect(new Set(r.errors.map((e) => e.code))).toEqual(new Set(["unknown_account", "unknown_member"]));
    const theirs = await send<{ data: Touchpoint[] }>("GET", "/api/v1/touchpoints", undefined, 200, stranger);
    expect(theirs.data).toEqual([]);
  });

  it("asks for a function or an employee, and takes no custom columns", async () => {
    const { Team: _team, "Assigned To": _employee, ...columns } = MAPPING.columns;
    const res = await t.request(member, "POST", "/api/v1/imports/touchpoints", {
      csv: CSV,
      mapping: { columns },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toContain("function (or employeeEmail)");
    const custom = await t.request(member, "POST", "/api/v1/imports/touchpoints", {
      csv: CSV,
      mapping: { columns: { ...MAPPING.columns, Notes: "custom:notes" } },
    });
    expect(custom.statusCode).toBe(400);
    expect(custom.json<{ error: { message: string } }>().error.message).toContain("have no custom fields");
  });
});
