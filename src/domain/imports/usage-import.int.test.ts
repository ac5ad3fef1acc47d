import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace } from "../../../tests/factories/index.ts";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import { ZPage } from "../../contract/common.ts";
import { ZImportReport } from "../../contract/imports.ts";
import type { Database } from "../../db/index.ts";
import type { Ctx } from "../context.ts";
import { rebuildRollups } from "../usage/index.ts";
import { exportCsvText, getImport, listImports, previewImport, runImport } from "./index.ts";

let database: Database;
let ctx: Ctx;

const query = async <T extends Record<string, unknown>>(q: ReturnType<typeof sql>, c: Ctx = ctx) =>
  ((await c.db.execute(q)) as unknown as { rows: T[] }).rows;
const count = async (table: string, c: Ctx = ctx) =>
  (
    await query<{ n: number }>(
      sql`select count(*)::int as n from ${sql.raw(table)} where workspace_id = ${c.workspaceId}`,
      c,
    )
  )[0]?.n;
const stored = async (c: Ctx = ctx) => ({
  events: await count("usage_events", c),
  messageIds: await count("usage_message_ids", c),
  rollups: await count("usage_account_event_days", c),
});
const partitions = async () =>
  (
    await query<{ n: number }>(
      sql`select count(*)::int as n from pg_inherits i join pg_class p on p.oid = i.inhparent
          where p.relname = 'usage_events'`,
    )
  )[0]?.n;

/** The account rollup as stored, and as it must be: sums and distinct users of the raw events. */
const rollups = async (c: Ctx = ctx) => ({
  stored: await query(
    sql`select a.external_id as account, r.day::text as day, r.event, r.events, r.users
        from usage_account_event_days r join accounts a on a.workspace_id = r.workspace_id and a.id = r.account_id
        where r.workspace_id = ${c.workspaceId} order by 1, 2, 3`,
    c,
  ),
  fromEvents: await query(
    sql`select a.external_id as account, (e.ts at time zone 'UTC')::date::text as day, e.event,
          sum(e.quantity)::int as events, count(distinct e.user_id)::int as users
        from usage_events e join accounts a on a.workspace_id = e.workspace_id and a.id = e.account_id
        where e.workspace_id = ${c.workspaceId} group by 1, 2, 3 order by 1, 2, 3`,
    c,
  ),
});

const USAGE = [
  "usage_id,subscription_id,account,usage_date,feature_name,usage_count,user,email,duration_secs",
  "E1,S1,,2024-01-01,reports,3,u1,,10.5",
  "E2,S2,,2024-01-01,reports,2,u2,,",
  "E3,,A2,2024-01-02T10:30:00Z,export,,,Ann@Example.com,4",
  "E1,S3,,2024-01-05,reports,7,,,",
  "E4,S3,,2024-02-10,export,5,,,1",
  "E1,S2,,2024-01-06,reports,1,,,",
].join("\r\n");

const MAPPING = {
  columns: {
    usage_id: "eventId",
    subscription_id: "subscriptionExternalId",
    account: "accountExternalId",
    usage_date: "timestamp",
    feature_name: "event",
    usage_count: "quantity",
    user: "userId",
    email: "contactEmail",
    duration_secs: "custom:duration_secs",
  },
};

beforeAll(async () => {
  database = await createTestDb();
  ctx = (await makeWorkspace(database.db, { slug: "usage-import", name: "usage import", withOwner: false }))
    .system;
  const commit = async (entity: "accounts" | "contacts" | "subscriptions", csv: string) =>
    expect(await runImport(ctx, entity, { csv, dryRun: false })).toMatchObject({ status: "committed" });
  await commit("accounts", "externalId,name\nA1,Alpha\nA2,Beta\nA3,Gamma");
  await commit(
    "contacts",
    "externalId,accountExternalId,email\nC1,A2,ann@example.com\nC2,A1,ann@example.com",
  );
  await commit(
    "subscriptions",
    "externalId,accountExternalId,product,mrr,startDate\nS1,A1,Core,10,2023-01-01\nS2,A1,Add-on,5,2023-01-01\nS3,A2,Core,10,2023-01-01",
  );
});

afterAll(async () => {
  await database?.close();
});

describe("usage import", () => {
  it("suggests the mapping from RavenStack-like headers", async () => {
    const p = await previewImport(ctx, "usage", USAGE);
    expect(p.suggestedMapping.columns).toMatchObject({
      usage_id: "eventId",
      subscription_id: "subscriptionExternalId",
      usage_date: "timestamp",
      feature_name: "event",
      usage_count: "quantity",
      email: "contactEmail",
    });
    expect(p.targets.some((t) => t.field.startsWith("custom:"))).toBe(false);
  });

  it("dry run: reports repeated ids with their rows and stores nothing", async () => {
    const before = await partitions();
    const r = await runImport(ctx, "usage", { csv: USAGE, mapping: MAPPING, fileName: "usage.csv" });
    expect(r).toMatchObject({
      status: "validated",
      totalRows: 6,
      createdRows: 4,
      updatedRows: 0,
      errorRows: 0,
      skippedRows: 2,
      newCustomFields: [],
    });
    expect(r.duplicates).toEqual({
      inFile: 2,
      alreadyStored: 0,
      repeated: [{ eventId: "E1", rows: [1, 4, 6] }],
      repeatedTruncated: false,
    });
    expect(r.warnings.join(" ")).toMatch(/2 rows repeat the event id of an earlier row/);
    expect(await stored()).toEqual({ events: 0, messageIds: 0, rollups: 0 });
    expect(await partitions()).toBe(before);
    expect(await count("custom_field_defs")).toBe(0);
  });

  it("commit: stores track events on the subscriptions' accounts, with rollups equal to their sums", async () => {
    const r = await runImport(ctx, "usage", { csv: USAGE, mapping: MAPPING, dryRun: false });
    expect(r).toMatchObject({ status: "committed", createdRows: 4, skippedRows: 2, errorRows: 0 });
    expect(r.duplicates?.repeated).toEqual([{ eventId: "E1", rows: [1, 4, 6] }]);
    expect(await getImport(ctx, r.id)).toEqual(r);

    const events = await query(
      sql`select e.message_id, a.external_id as account,
            to_char(e.ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as ts, e.type, e.event, e.quantity, e.user_id,
            c.external_id as contact, e.group_id, e.source_id, e.properties, e.context->'_steward'->>'row' as row
          from usage_events e join accounts a on a.workspace_id = e.workspace_id and a.id = e.account_id
          left join contacts c on c.workspace_id = e.workspace_id and c.id = e.contact_id
          where e.workspace_id = ${ctx.workspaceId} order by e.message_id`,
    );
    const common = { type: "track", source_id: null };
    expect(events).toEqual([
      {
        ...common,
        message_id: "E1",
        account: "A1",
        ts: "2024-01-01T00:00:00Z",
        event: "reports",
        quantity: 3,
        user_id: "u1",
        contact: null,
        group_id: "A1",
        properties: { duration_secs: 10.5 },
        row: "1",
      },
      {
        ...common,
        message_id: "E2",
        account: "A1",
        ts: "2024-01-01T00:00:00Z",
        event: "reports",
        quantity: 2,
        user_id: "u2",
        contact: null,
        group_id: "A1",
        properties: null,
        row: "2",
      },
      {
        ...common,
        message_id: "E3",
        account: "A2",
        ts: "2024-01-02T10:30:00Z",
        event: "export",
        quantity: 1,
        user_id: "ann@example.com",
        contact: "C1",
        group_id: "A2",
        properties: { duration_secs: 4 },
        row: "3",
      },
      {
        ...common,
        message_id: "E4",
        account: "A2",
        ts: "2024-02-10T00:00:00Z",
        event: "export",
        quantity: 5,
        user_id: null,
        contact: null,
        group_id: "A2",
        properties: { duration_secs: 1 },
        row: "5",
      },
    ]);
    const r2 = await rollups();
    expect(r2.stored).toEqual(r2.fromEvents);
    expect(r2.stored).toEqual([
      { account: "A1", day: "2024-01-01", event: "reports", events: 5, users: 2 },
      { account: "A2", day: "2024-01-02", event: "export", events: 1, users: 1 },
      { account: "A2", day: "2024-02-10", event: "export", events: 5, users: 0 },
    ]);
    const timeline = await query(
      sql`select count(*)::int as n from timeline_entries where workspace_id = ${ctx.workspaceId}
          and kind = 'import' and body like 'usage data imported%'`,
    );
    expect(timeline[0]?.n).toBe(2);
  });

  it("importing the same file again stores nothing new", async () => {
    const before = await stored();
    const r = await runImport(ctx, "usage", { csv: USAGE, mapping: MAPPING, dryRun: false });
    expect(r).toMatchObject({ status: "committed", createdRows: 0, skippedRows: 6 });
    expect(r.duplicates).toMatchObject({ inFile: 2, alreadyStored: 4 });
    expect(await stored()).toEqual(before);
  });

  it("adds new events to days that have some, and skips stored ids after the message ids are forgotten", async () => {
    // Ingestion forgets message ids after its window; the events themselves still tell.
    await ctx.db.execute(sql`delete from usage_message_ids where workspace_id = ${ctx.workspaceId}`);
    const csv = [
      "usage_id,subscription_id,usage_date,feature_name,usage_count,user",
      "E4,S3,2024-02-10,export,5,",
      "E5,S1,2024-01-01,reports,4,u3",
      "E6,S2,2024-01-01,reports,1,u1",
    ].join("\n");
    const r = await runImport(ctx, "usage", { csv, dryRun: false });
    expect(r).toMatchObject({ status: "committed", createdRows: 2, skippedRows: 1 });
    expect(r.duplicates).toMatchObject({ inFile: 0, alreadyStored: 1, repeated: [] });
    const after = await rollups();
    expect(after.stored).toEqual(after.fromEvents);
    expect(after.stored[0]).toEqual({
      account: "A1",
      day: "2024-01-01",
      event: "reports",
      events: 10,
      users: 3,
    });
    expect(await count("usage_events")).toBe(6);
  });

  it("leaves every rollup as the usage module's rebuild from raw events makes it", async () => {
    const snapshot = async () => ({
      accountEventDays: await query(
        sql`select account_id, day::text, event, events, users from usage_account_event_days
            where workspace_id = ${ctx.workspaceId} order by 1, 2, 3`,
      ),
      userEventDays: await query(
        sql`select account_id, day::text, event, user_key, events from usage_user_event_days
            where workspace_id = ${ctx.workspaceId} order by 1, 2, 3, 4`,
      ),
      userDays: await query(
        sql`select account_id, day::text, user_key, contact_id, events from usage_user_days
            where workspace_id = ${ctx.workspaceId} order by 1, 2, 3`,
      ),
    });
    const imported = await snapshot();
    expect(imported.userDays.length).toBeGreaterThan(0);
    const days = await query<{ account_id: string; days: string[] }>(
      sql`select account_id, array_agg(distinct (ts at time zone 'UTC')::date::text) as days
          from usage_events where workspace_id = ${ctx.workspaceId} group by 1`,
    );
    for (const d of days) await rebuildRollups(ctx.db, ctx.workspaceId, d.account_id, d.days);
    expect(await snapshot()).toEqual(imported);
  });

  it("refuses the whole file when a subscription or account is unknown", async () => {
    const before = await stored();
    const csv = [
      "usage_id,subscription_id,account_id,usage_date,feature_name",
      "N1,S1,,2024-03-01,reports",
      "N2,S-missing,,2024-03-01,reports",
      "N3,,A-missing,2024-03-01,reports",
      "N4,S3,A1,2024-03-01,reports",
    ].join("\n");
    const r = await runImport(ctx, "usage", { csv, dryRun: false });
    expect(r.status).toBe("rejected");
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, "subscription_id", "unknown_subscription"],
      [3, "account_id", "unknown_account"],
      [4, "account_id", "account_mismatch"],
    ]);
    expect(r.createdRows).toBe(0);
    expect(await stored()).toEqual(before);
  });

  it("lists runs with their skipped counts but without the duplicate lists; usage does not export", async () => {
    const page = await listImports(ctx, { limit: 20 });
    const usage = page.data.filter((x) => x.entity === "usage");
    expect(usage.length).toBeGreaterThanOrEqual(4);
    expect(usage.every((x) => !("duplicates" in x) && typeof x.skippedRows === "number")).toBe(true);
    expect(() => ZPage(ZImportReport.omit({ errors: true, duplicates: true })).parse(page)).not.toThrow();
    await expect(exportCsvText(ctx, "usage" as never)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });
});
