import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account, CustomFieldDef, ImportReport, TimelineEntry } from "../../src/contract/index.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/**
 * Imports and custom field definitions: defining a field is an admin's task, so an import that
 * would define one is refused to everyone else, in the dry run and on commit. Also what an import
 * leaves behind: readable labels, audit rows, and revenue of accounts a subscription moved from.
 */
let t: TestApp;
let ws: TestWorkspace;
let owner: Caller;
let admin: Caller;
let member: Caller;
let writeKey: Caller;
let adminKey: Caller;

type Page<T> = { data: T[]; nextCursor: string | null };
type AuditRow = {
  action: string;
  targetId: string;
  actorUserId: string | null;
  details: Record<string, unknown>;
};

const audit = async (action: string) =>
  (await t.request(owner, "GET", `/api/v1/audit-log?action=${action}&limit=200`)).json<Page<AuditRow>>().data;
const fields = async () =>
  (await t.request(owner, "GET", "/api/v1/custom-fields")).json<{ data: CustomFieldDef[] }>().data;
const accountsNamed = async (q: string) =>
  (await t.request(owner, "GET", `/api/v1/accounts?q=${q}`)).json<Page<Account>>().data;

async function importCsv(caller: Caller, entity: string, body: Record<string, unknown>) {
  const res = await t.request(caller, "POST", `/api/v1/imports/${entity}`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ImportReport>();
}

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("import-fields");
  owner = await t.signIn(ws.users.owner.email);
  admin = await t.signIn(ws.users.admin.email);
  member = await t.signIn(ws.users.member.email);
  writeKey = await t.apiKey(ws, ["read", "write"]);
  adminKey = await t.apiKey(ws, ["write", "admin"]);
});

afterAll(async () => {
  await t?.close();
});

describe("an import that would define custom fields", () => {
  const csv = "externalId,name,TotalCharges,custom:goLive\nIMP-1,Imp One,12.5,2025-01-02\nIMP-2,Imp Two,3,\n";
  const mapping = {
    columns: {
      externalId: "externalId",
      name: "name",
      TotalCharges: "custom:totalCharges",
      "custom:goLive": "custom:goLive",
    },
  };

  it("is refused to a member: an error per new field in the dry run, nothing stored on commit", async () => {
    const dry = await importCsv(member, "accounts", { csv, mapping });
    expect(dry.status).toBe("validated");
    expect(dry.errorRows).toBe(1);
    expect(dry.errors).toEqual([
      {
        row: 0,
        column: "TotalCharges",
        field: "custom:totalCharges",
        value: null,
        code: "custom_field_not_defined",
        message:
          'custom field "totalCharges" is not defined; an admin can define it in Settings → Custom fields or run the import',
      },
      {
        row: 0,
        column: "custom:goLive",
        field: "custom:goLive",
        value: null,
        code: "custom_field_not_defined",
        message: expect.stringContaining('custom field "goLive" is not defined'),
      },
    ]);

    const commit = await importCsv(member, "accounts", { csv, mapping, dryRun: false });
    expect(commit).toMatchObject({ status: "rejected", createdRows: 0, newCustomFields: [] });
    expect(await accountsNamed("IMP-")).toEqual([]);
    expect(await fields()).toEqual([]);
    expect((await audit("import.commit")).filter((r) => r.targetId === commit.id)).toEqual([]);
  });

  it("is refused to an API key without the admin scope", async () => {
    const commit = await importCsv(writeKey, "accounts", { csv, mapping, dryRun: false });
    expect(commit.status).toBe("rejected");
    expect(commit.errors.map((e) => e.code)).toEqual([
      "custom_field_not_defined",
      "custom_field_not_defined",
    ]);
    expect(await accountsNamed("IMP-")).toEqual([]);
    expect(await fields()).toEqual([]);
  });

  it("is allowed to an admin, naming the fields after their columns, with audit rows", async () => {
    const dry = await importCsv(admin, "accounts", { csv, mapping });
    expect(dry).toMatchObject({ status: "validated", errorRows: 0, errors: [] });
    const done = await importCsv(admin, "accounts", { csv, mapping, dryRun: false, fileName: "fields.csv" });
    expect(done).toMatchObject({ status: "committed", createdRows: 2 });
    expect(done.newCustomFields).toEqual([
      { key: "totalCharges", type: "number" },
      { key: "goLive", type: "date" },
    ]);
    const defs = await fields();
    expect(defs.map((d) => [d.key, d.label, d.type])).toEqual([
      ["goLive", "Go live", "date"],
      ["totalCharges", "Total charges", "number"],
    ]);

    const created = await audit("custom_field.create");
    expect(created.map((r) => r.targetId).sort()).toEqual(["account.goLive", "account.totalCharges"]);
    expect(created.every((r) => r.actorUserId === ws.users.admin.id && r.details.importId === done.id)).toBe(
      true,
    );
    const [commit] = (await audit("import.commit")).filter((r) => r.targetId === done.id);
    expect(commit).toMatchObject({
      actorUserId: ws.users.admin.id,
      details: {
        entity: "accounts",
        fileName: "fields.csv",
        createdRows: 2,
        updatedRows: 0,
        newCustomFields: ["totalCharges", "goLive"],
      },
    });
  });

  it("lets a member and a write key import into fields that are defined", async () => {
    const again = "externalId,TotalCharges\nIMP-1,99\n";
    const columns = { externalId: "externalId", TotalCharges: "custom:totalCharges" };
    const byMember = await importCsv(member, "accounts", { csv: again, mapping: { columns }, dryRun: false });
    expect(byMember).toMatchObject({ status: "committed", updatedRows: 1, errors: [] });
    const byKey = await importCsv(writeKey, "accounts", {
      csv: "externalId,TotalCharges\nIMP-2,7\n",
      mapping: { columns },
      dryRun: false,
    });
    expect(byKey).toMatchObject({ status: "committed", updatedRows: 1 });
    const [one] = await accountsNamed("IMP-1");
    expect(one?.customFields).toMatchObject({ totalCharges: 99, goLive: "2025-01-02" });
  });

  it("is allowed to a key with the admin scope", async () => {
    const done = await importCsv(adminKey, "accounts", {
      csv: "externalId,renewal_owner\nIMP-1,Kim\n",
      mapping: { columns: { externalId: "externalId", renewal_owner: "custom:renewalOwner" } },
      dryRun: false,
    });
    expect(done.status).toBe("committed");
    expect((await fields()).find((d) => d.key === "renewalOwner")?.label).toBe("Renewal owner");
  });
});

describe("defining a custom field in settings", () => {
  it("is audited", async () => {
    const res = await t.request(admin, "POST", "/api/v1/custom-fields", {
      entity: "contact",
      key: "nickname",
      label: "Nickname",
      type: "text",
    });
    expect(res.statusCode).toBe(201);
    const row = (await audit("custom_field.create")).find((r) => r.targetId === "contact.nickname");
    expect(row).toMatchObject({
      actorUserId: ws.users.admin.id,
      details: { label: "Nickname", type: "text" },
    });
  });
});

describe("an import that moves a subscription to another account", () => {
  it("refreshes the revenue and timeline of the account it left", async () => {
    const from = (
      await t.request(writeKey, "POST", "/api/v1/accounts", { name: "Moved From", externalId: "MOVE-A" })
    ).json<Account>();
    const to = (
      await t.request(writeKey, "POST", "/api/v1/accounts", { name: "Moved To", externalId: "MOVE-B" })
    ).json<Account>();
    const mapping = {
      columns: {
        id: "externalId",
        account: "accountExternalId",
        product: "product",
        mrr: "mrr",
        start: "startDate",
      },
    };
    const first = await importCsv(writeKey, "subscriptions", {
      csv: "id,account,product,mrr,start\nSUB-M,MOVE-A,Platform,250,2024-01-01\n",
      mapping,
      dryRun: false,
    });
    expect(first.status).toBe("committed");
    const accountOf = async (id: string) =>
      (await t.request(owner, "GET", `/api/v1/accounts/${id}`)).json<Account>();
    expect((await accountOf(from.id)).mrrMinor).toBe(25_000);

    const moved = await importCsv(writeKey, "subscriptions", {
      csv: "id,account,product,mrr,start\nSUB-M,MOVE-B,Platform,250,2024-01-01\n",
      mapping,
      dryRun: false,
      fileName: "move.csv",
    });
    expect(moved).toMatchObject({ status: "committed", updatedRows: 1 });
    expect((await accountOf(to.id)).mrrMinor).toBe(25_000);
    expect((await accountOf(from.id)).mrrMinor).toBe(0);
    const timeline = (await t.request(owner, "GET", `/api/v1/accounts/${from.id}/timeline?kind=import`)).json<
      Page<TimelineEntry>
    >().data;
    expect(timeline.map((e) => e.title)).toContain("Imported from move.csv");
  });
});
