import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, utcToday } from "../../src/common/dates.ts";
import type {
  Account,
  ChangeEvent,
  Contact,
  Segment,
  SegmentChange,
  SegmentField,
} from "../../src/contract/index.ts";
import { queryRows } from "../../src/db/index.ts";
import { systemDb } from "../../src/db/system.ts";
import {
  compileFilter,
  listSegmentFields,
  pastDay,
  refreshAllSegments,
} from "../../src/domain/segments/index.ts";
import {
  apiSender,
  type Caller,
  createTestApp,
  errorOf,
  type TestApp,
  type TestWorkspace,
} from "../helpers/test-app.ts";

/** Segments through the API: fields, AND/OR filters, live counts, lists, membership history, as-of days. */
let t: TestApp;
let ws: TestWorkspace;
let admin: Caller;
let member: Caller;
let viewer: Caller;
const acc: Record<string, Account> = {};

const send = apiSender(
  () => t,
  () => member,
);
const preview = (filter: unknown, entity = "account") =>
  send<{ count: number; sample: { id: string; name: string }[] }>("POST", "/api/v1/segments/preview", {
    entity,
    filter,
  });
const names = (r: { sample: { name: string }[] }) => r.sample.map((s) => s.name).sort();
const today = utcToday();

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("segments");
  admin = await t.signIn(ws.users.admin.email);
  member = await t.signIn(ws.users.member.email);
  viewer = await t.signIn(ws.users.viewer.email);
  await send(
    "POST",
    "/api/v1/custom-fields",
    { entity: "account", key: "plan", label: "Plan", type: "select", options: ["Gold", "Silver"] },
    201,
    admin,
  );
  await send(
    "POST",
    "/api/v1/custom-fields",
    { entity: "account", key: "seats", label: "Seats", type: "number" },
    201,
    admin,
  );
  const make = async (name: string, body: Record<string, unknown>) => {
    acc[name] = await send<Account>("POST", "/api/v1/accounts", { name, ...body }, 201);
  };
  await make("Acme", {
    tier: "Enterprise",
    lifecycleStage: "adoption",
    ownerId: ws.users.member.id,
    customFields: { plan: "Gold", seats: 120 },
  });
  await make("Globex", {
    tier: "Enterprise",
    lifecycleStage: "renewal",
    customFields: { plan: "Silver", seats: 40 },
  });
  await make("Initech", { tier: "SMB", lifecycleStage: "onboarding", ownerId: ws.users.member.id });
  await make("Umbrella", { tier: "smb", lifecycleStage: "adoption", coverage: "one_to_many" });
  const sub = (accountId: string, mrr: number, renewalDate: string) =>
    send(
      "POST",
      "/api/v1/subscriptions",
      {
        accountId,
        product: "Platform",
        mrrMinor: mrr,
        currency: "USD",
        startDate: "2025-01-01",
        renewalDate,
      },
      201,
    );
  await sub(acc.Acme?.id as string, 500_000, addDays(today, 40));
  await sub(acc.Globex?.id as string, 200_000, addDays(today, 200));
  await sub(acc.Initech?.id as string, 20_000, addDays(today, 20));
});

afterAll(async () => {
  await t.close();
});

describe("fields", () => {
  it("lists the account fields with the workspace's custom fields, and contacts with their account's", async () => {
    const accountFields = await send<{ data: SegmentField[] }>(
      "GET",
      "/api/v1/segments/fields?entity=account",
      undefined,
      200,
      viewer,
    );
    const keys = accountFields.data.map((f) => f.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        "health.band",
        "churn.probability",
        "success.index",
        "usage.activeUsers30d",
        "survey.nps12m",
        "touchpoint.last",
        "nextRenewalDate",
        "coverage",
        "ownerId",
        "custom.plan",
        "custom.seats",
      ]),
    );
    expect(accountFields.data.find((f) => f.key === "custom.plan")).toMatchObject({
      type: "enum",
      options: [{ value: "Gold" }, { value: "Silver" }],
    });
    const contactFields = await send<{ data: SegmentField[] }>(
      "GET",
      "/api/v1/segments/fields?entity=contact",
    );
    expect(contactFields.data.map((f) => f.key)).toEqual(
      expect.arrayContaining(["decisionRole", "leftCompany", "account.health.band", "account.custom.plan"]),
    );
  });
});

describe("every field", () => {
  it("compiles and runs for each field the catalogue lists, accounts and contacts, live and as of a past day", async () => {
    const db = systemDb(t.database.db);
    const ctx = { db, workspaceId: ws.id, actor: { kind: "system" as const, label: "test" } };
    for (const entity of ["account", "contact"] as const) {
      const fields = (await send<{ data: SegmentField[] }>("GET", `/api/v1/segments/fields?entity=${entity}`))
        .data;
      const all = await listSegmentFields(ctx, entity);
      expect(all.map((f) => f.key)).toEqual(fields.map((f) => f.key));
      for (const f of fields) {
        const op = f.type === "boolean" ? "is_true" : "is_set";
        const filter = { match: "all" as const, conditions: [{ field: f.key, op: op as "is_set" }] };
        const res = await t.request(member, "POST", "/api/v1/segments/preview", { entity, filter });
        expect(`${entity} ${f.key}: ${res.statusCode}`).toBe(`${entity} ${f.key}: 200`);
        await queryRows(db, compileFilter(ws.id, entity, filter, all, pastDay(addDays(today, -7))));
      }
    }
  });
});

describe("filters", () => {
  it("counts AND and OR groups live, text case-insensitively", async () => {
    expect(
      names(await preview({ match: "all", conditions: [{ field: "tier", op: "eq", value: "smb" }] })),
    ).toEqual(["Initech", "Umbrella"]);
    const nested = await preview({
      match: "any",
      conditions: [
        { field: "custom.plan", op: "in", value: ["Gold"] },
        {
          match: "all",
          conditions: [
            { field: "lifecycleStage", op: "in", value: ["adoption", "onboarding"] },
            { field: "ownerId", op: "is_empty" },
          ],
        },
      ],
    });
    expect(names(nested)).toEqual(["Acme", "Umbrella"]);
    expect(nested.count).toBe(2);
    // AND over an OR group: the group binds as a whole.
    const andOverOr = await preview({
      match: "all",
      conditions: [
        { field: "tier", op: "eq", value: "Enterprise" },
        {
          match: "any",
          conditions: [
            { field: "ownerId", op: "is_empty" },
            { field: "custom.plan", op: "in", value: ["Gold"] },
          ],
        },
      ],
    });
    expect(names(andOverOr)).toEqual(["Acme", "Globex"]);
    expect(
      names(await preview({ match: "all", conditions: [{ field: "arr", op: "gte", value: 24_000 }] })),
    ).toEqual(["Acme", "Globex"]);
    expect(
      names(
        await preview({
          match: "all",
          conditions: [{ field: "nextRenewalDate", op: "in_next_days", value: 60 }],
        }),
      ),
    ).toEqual(["Acme", "Initech"]);
    expect(
      names(
        await preview({
          match: "all",
          conditions: [{ field: "custom.seats", op: "between", value: [50, 200] }],
        }),
      ),
    ).toEqual(["Acme"]);
    expect(
      names(await preview({ match: "all", conditions: [{ field: "tier", op: "neq", value: "Enterprise" }] })),
    ).toEqual(["Initech", "Umbrella"]);
    // No conditions: every account.
    expect((await preview({ match: "all", conditions: [] })).count).toBe(4);
  });

  it("tests contacts on their own fields and their account's", async () => {
    await send<Contact>(
      "POST",
      "/api/v1/contacts",
      { accountId: acc.Acme?.id, firstName: "Bea", decisionRole: "champion" },
      201,
    );
    await send<Contact>(
      "POST",
      "/api/v1/contacts",
      { accountId: acc.Initech?.id, firstName: "Cy", decisionRole: "champion" },
      201,
    );
    await send<Contact>(
      "POST",
      "/api/v1/contacts",
      { accountId: acc.Acme?.id, firstName: "Dee", decisionRole: "user" },
      201,
    );
    const r = await preview(
      {
        match: "all",
        conditions: [
          { field: "decisionRole", op: "in", value: ["champion"] },
          { field: "account.tier", op: "eq", value: "Enterprise" },
        ],
      },
      "contact",
    );
    expect(names(r)).toEqual(["Bea"]);
  });

  it("refuses a filter it cannot evaluate, each problem at its path in words", async () => {
    const res = await t.request(member, "POST", "/api/v1/segments/preview", {
      entity: "account",
      filter: {
        match: "all",
        conditions: [
          { field: "shoe_size", op: "eq", value: 9 },
          { field: "health.score", op: "contains", value: "x" },
          { match: "any", conditions: [{ field: "lifecycleStage", op: "in", value: ["space"] }] },
          { field: "mrr", op: "between", value: [10, 1] },
          { field: "nextRenewalDate", op: "in_next_days", value: -3 },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    const issues = errorOf(res).details?.issues ?? [];
    expect(issues.map((i) => i.path)).toEqual([
      "filter.conditions.0.field",
      "filter.conditions.1.op",
      "filter.conditions.2.conditions.0.value",
      "filter.conditions.3.value",
      "filter.conditions.4.value",
    ]);
    expect(issues[1]?.message).toContain("Health score cannot be tested with");
    expect(issues[2]?.message).toContain(`"space"`);
  });
});

describe("saved segments", () => {
  let smb: Segment;

  it("saves with its count, lists, filters the account list, and refuses a taken name", async () => {
    smb = await send<Segment>(
      "POST",
      "/api/v1/segments",
      {
        name: "SMB",
        entity: "account",
        filter: { match: "all", conditions: [{ field: "tier", op: "eq", value: "SMB" }] },
      },
      201,
    );
    expect(smb).toMatchObject({ memberCount: 2, createdBy: { userId: ws.users.member.id } });
    expect(smb.refreshedAt).not.toBeNull();
    const listed = await send<{ data: Segment[] }>("GET", "/api/v1/segments", undefined, 200, viewer);
    expect(listed.data.map((s) => s.name)).toEqual(["SMB"]);
    const accounts = await send<{ data: Account[] }>("GET", `/api/v1/accounts?segmentId=${smb.id}`);
    expect(accounts.data.map((a) => a.name).sort()).toEqual(["Initech", "Umbrella"]);
    const members = await send<{ data: { name: string; enteredAt: string }[] }>(
      "GET",
      `/api/v1/segments/${smb.id}/members`,
    );
    expect(members.data.map((m) => m.name)).toEqual(["Initech", "Umbrella"]);

    const taken = await t.request(member, "POST", "/api/v1/segments", {
      name: "smb",
      entity: "account",
      filter: { match: "all", conditions: [] },
    });
    expect(taken.statusCode).toBe(400);
    expect(errorOf(taken).details?.issues?.[0]?.path).toBe("name");
    expect(
      (
        await t.request(viewer, "POST", "/api/v1/segments", {
          name: "V",
          entity: "account",
          filter: { match: "all", conditions: [] },
        })
      ).statusCode,
    ).toBe(403);
  });

  it("records who entered and left when the data changes, and publishes it for rules", async () => {
    await send("PATCH", `/api/v1/accounts/${acc.Globex?.id}`, { tier: "SMB" });
    await send("PATCH", `/api/v1/accounts/${acc.Initech?.id}`, { tier: "Mid-market" });
    const refreshed = await send<Segment>("POST", `/api/v1/segments/${smb.id}/refresh`);
    expect(refreshed.memberCount).toBe(2);
    const changes = await send<{ data: SegmentChange[] }>("GET", `/api/v1/segments/${smb.id}/changes`);
    expect(
      changes.data
        .slice(0, 2)
        .map((c) => `${c.change} ${c.name}`)
        .sort(),
    ).toEqual(["entered Globex", "left Initech"]);
    expect(
      changes.data
        .filter((c) => c.change === "entered")
        .map((c) => c.name)
        .sort(),
    ).toEqual(["Globex", "Initech", "Umbrella"]);

    const events = await send<{ data: ChangeEvent[] }>("GET", "/api/v1/changes?limit=1000");
    const seg = events.data.filter((e) => e.type.startsWith("segment."));
    expect(seg.map((e) => `${e.type} ${e.accountId}`).sort()).toEqual([
      `segment.entered ${acc.Globex?.id}`,
      `segment.left ${acc.Initech?.id}`,
    ]);

    // The scheduled pass finds nothing new.
    const again = await refreshAllSegments(systemDb(t.database.db));
    expect(again.entered + again.left).toBe(0);
  });

  it("recounts at once when its filter changes, without publishing entries", async () => {
    const before = (await send<{ data: ChangeEvent[] }>("GET", "/api/v1/changes?limit=1000")).data.length;
    const wider = await send<Segment>("PATCH", `/api/v1/segments/${smb.id}`, {
      filter: {
        match: "any",
        conditions: [
          { field: "tier", op: "eq", value: "SMB" },
          { field: "tier", op: "eq", value: "Mid-market" },
        ],
      },
    });
    expect(wider.memberCount).toBe(3);
    const after = (await send<{ data: ChangeEvent[] }>("GET", "/api/v1/changes?limit=1000")).data.filter(
      (e) => e.type.startsWith("segment."),
    ).length;
    expect(after).toBe(2);
    expect(before).toBeGreaterThan(0);
  });

  it("deletes a segment with its history", async () => {
    const gone = await send<Segment>(
      "POST",
      "/api/v1/segments",
      { name: "Temp", entity: "account", filter: { match: "all", conditions: [] } },
      201,
    );
    expect((await t.request(member, "DELETE", `/api/v1/segments/${gone.id}`)).statusCode).toBe(204);
    expect((await t.request(member, "GET", `/api/v1/segments/${gone.id}`)).statusCode).toBe(404);
    const rows = await queryRows<{ n: number }>(
      systemDb(t.database.db),
      sql`select count(*)::int as n from segment_members where segment_id = ${gone.id}`,
    );
    expect(rows[0]?.n).toBe(0);
  });
});

describe("as of a past day", () => {
  it("reads health and churn probability from their histories", async () => {
    const db = systemDb(t.database.db);
    const day = addDays(today, -30);
    const modelId = "0190a4b0-0000-7000-8000-00000000beef";
    await db.execute(sql`insert into churn_probability_history (workspace_id, account_id, kind, day, probability)
      values (${ws.id}, ${acc.Acme?.id}, 'churn', ${addDays(day, -3)}, 0.8), (${ws.id}, ${acc.Acme?.id}, 'churn', ${addDays(day, 1)}, 0.1),
             (${ws.id}, ${acc.Globex?.id}, 'churn', ${addDays(day, -1)}, 0.2)`);
    await db.execute(sql`insert into health_scores (workspace_id, account_id, day, model_id, model_version, score, band, measures)
      values (${ws.id}, ${acc.Globex?.id}, ${day}, ${modelId}, 1, 31, 'poor', '[]'::jsonb)`);
    const ctx = { db, workspaceId: ws.id, actor: { kind: "system" as const, label: "test" } };
    const fields = await listSegmentFields(ctx, "account");
    const match = async (filter: Parameters<typeof compileFilter>[2]) =>
      (await queryRows<{ name: string }>(db, compileFilter(ws.id, "account", filter, fields, pastDay(day))))
        .map((r) => r.name)
        .sort();
    expect(
      await match({ match: "all", conditions: [{ field: "churn.probability", op: "gte", value: 50 }] }),
    ).toEqual(["Acme"]);
    expect(
      await match({ match: "all", conditions: [{ field: "health.band", op: "in", value: ["poor"] }] }),
    ).toEqual(["Globex"]);
  });

  it("reads usage from the rollups as of a day: users and events in the 30 days up to it, the last day of use", async () => {
    const db = systemDb(t.database.db);
    const ago = (n: number) => addDays(today, -n);
    const acme = acc.Acme?.id as string;
    await db.execute(sql`insert into usage_user_days (workspace_id, account_id, day, user_key, events)
      values (${ws.id}, ${acme}, ${ago(1)}, 'u1', 4), (${ws.id}, ${acme}, ${ago(10)}, 'u1', 2),
             (${ws.id}, ${acme}, ${ago(29)}, 'u2', 1), (${ws.id}, ${acme}, ${ago(31)}, 'u3', 1),
             (${ws.id}, ${acme}, ${ago(200)}, 'u3', 1), (${ws.id}, ${acme}, ${ago(400)}, 'u4', 1)`);
    await db.execute(sql`insert into usage_account_event_days (workspace_id, account_id, day, event, events, users)
      values (${ws.id}, ${acme}, ${ago(1)}, 'A', 5, 1), (${ws.id}, ${acme}, ${ago(1)}, 'B', 3, 1),
             (${ws.id}, ${acme}, ${ago(40)}, 'A', 7, 1)`);
    const ctx = { db, workspaceId: ws.id, actor: { kind: "system" as const, label: "test" } };
    const fields = await listSegmentFields(ctx, "account");
    const usage = {
      match: "any" as const,
      conditions: [
        { field: "usage.activeUsers30d", op: "gte" as const, value: 0 },
        { field: "usage.events30d", op: "gte" as const, value: 0 },
        { field: "usage.lastActive", op: "is_set" as const },
      ],
    };
    const valuesOn = async (day: string) => {
      const rows = await queryRows<{ name: string; values: unknown }>(
        db,
        compileFilter(ws.id, "account", usage, fields, pastDay(day), { values: true }),
      );
      const parse = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);
      return Object.fromEntries(rows.map((r) => [r.name, parse(r.values)]));
    };
    const now = await valuesOn(today);
    expect(now.Acme).toEqual({ "usage.activeUsers30d": 2, "usage.events30d": 8, "usage.lastActive": ago(1) });
    expect(now.Globex).toEqual({ "usage.activeUsers30d": 0, "usage.events30d": 0, "usage.lastActive": null });
    expect((await valuesOn(ago(20))).Acme).toEqual({
      "usage.activeUsers30d": 2,
      "usage.events30d": 7,
      "usage.lastActive": ago(29),
    });
  });
});
