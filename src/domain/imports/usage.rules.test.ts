import { describe, expect, it } from "vitest";
import type { ImportMapping, ImportRowError } from "../../contract/imports.ts";
import { parseCsv } from "./csv.rules.ts";
import { compilePlan } from "./mapping.rules.ts";
import { buildReport, summarizeErrors } from "./report.rules.ts";
import { suggestMapping } from "./targets.rules.ts";
import {
  attachContacts,
  contactKey,
  derivedEventId,
  earliest,
  readUsageRows,
  resolveUsageAccounts,
  splitRepeats,
  type UsageLookups,
  type UsageRow,
} from "./usage.rules.ts";

const NOW = new Date("2025-06-15T12:00:00Z");
const HEADER =
  "usage_id,subscription_id,usage_date,feature_name,usage_count,usage_duration_secs,error_count,is_beta_feature";

function read(csv: string, mapping?: ImportMapping) {
  const file = parseCsv(csv);
  const plan = compilePlan(
    "usage",
    file.headers,
    file.rows,
    mapping ?? suggestMapping("usage", file.headers),
    [],
  );
  const errors: ImportRowError[] = [];
  const rows = readUsageRows(plan, file.rows, file.headers.length, NOW, (e) => errors.push(e));
  return { plan, rows, errors };
}

const codes = (errors: ImportRowError[]) => errors.map((e) => [e.row, e.field, e.code]);

describe("usage mapping", () => {
  it("needs a subscription or account, a time and an event", () => {
    expect(() => read("id,x\n1,2", { columns: { id: "eventId", x: "quantity" } })).toThrow(
      expect.objectContaining({
        code: "VALIDATION_FAILED",
        details: { missing: ["subscriptionExternalId (or accountExternalId)", "timestamp", "event"] },
      }),
    );
    const ok = { columns: { a: "accountExternalId", t: "timestamp" }, defaults: { event: "Login" } };
    expect(() => read("a,t\nA1,2024-01-01", ok)).not.toThrow();
  });
});

describe("readUsageRows", () => {
  it("reads RavenStack rows: ISO dates at 00:00 UTC, counts, typed properties", () => {
    const csv = `${HEADER}\r\nU-1,S-1,2023-07-27,feature_20,9,5004,0,False\r\nU-2,S-1,2023-07-28,feature_3,1,60,3,True\r\n`;
    const { rows, errors } = read(csv);
    expect(errors).toEqual([]);
    expect(rows.slice(0, 1)).toEqual([
      {
        row: 1,
        eventId: "U-1",
        subscriptionExternalId: "S-1",
        accountExternalId: null,
        accountId: null,
        ts: "2023-07-27T00:00:00.000Z",
        event: "feature_20",
        quantity: 9,
        userId: null,
        contactEmail: null,
        properties: { usage_duration_secs: 5004, error_count: 0, is_beta_feature: false },
      },
    ]);
  });

  it("counts 1 when the count is empty or not mapped, and leaves empty properties out", () => {
    const { rows } = read(
      "id,account,day,event,count,plan\n1,A1,2024-01-01,Login,,\n2,A1,2024-01-02,Login,0,pro",
      {
        columns: {
          id: "eventId",
          account: "accountExternalId",
          day: "timestamp",
          event: "event",
          count: "quantity",
          plan: "custom:plan",
        },
      },
    );
    expect(rows.map((r) => [r.quantity, r.properties])).toEqual([
      [1, {}],
      [0, { plan: "pro" }],
    ]);
    const noCount = read("account,day,event\nA1,2024-01-01,Login", {
      columns: { account: "accountExternalId", day: "timestamp", event: "event" },
    });
    expect(noCount.rows[0]?.quantity).toBe(1);
  });

  it("reports missing references, bad times and counts, and times before 2000 or in the future", () => {
    const { rows, errors } = read(
      [
        HEADER,
        "U-1,,2024-01-01,f,1,,,",
        "U-2,S-1,2024-02-30,f,1,,,",
        "U-3,S-1,1999-12-31,f,1,,,",
        "U-4,S-1,2025-06-17,f,1,,,",
        "U-5,S-1,2025-06-16T11:00:00Z,f,-1,,,",
        "U-6,S-1,2024-01-01,,2.5,,,",
        "U-7,S-1,2024-01-01,f,1,,,",
      ].join("\n"),
    );
    expect(codes(errors)).toEqual([
      [1, "subscriptionExternalId", "required"],
      [2, "timestamp", "invalid_timestamp"],
      [3, "timestamp", "out_of_range"],
      [4, "timestamp", "out_of_range"],
      [5, "quantity", "out_of_range"],
      [6, "quantity", "invalid_integer"],
      [6, "event", "required"],
    ]);
    expect(rows.map((r) => r.eventId)).toEqual(["U-7"]);
  });

  it("derives the same id for the same row when the file has no event id", () => {
    const csv =
      "account,day,event,user\nA1,2024-01-01,Login,u1\nA1,2024-01-01,Login,u2\nA1,2024-01-01,Login,u1";
    const mapping = {
      columns: { account: "accountExternalId", day: "timestamp", event: "event", user: "userId" },
    };
    const ids = read(csv, mapping).rows.map((r) => r.eventId);
    expect(ids[0]).toMatch(/^csv:[0-9a-f]{32}$/);
    expect(ids[0]).not.toBe(ids[1]);
    expect(ids[2]).toBe(ids[0]);
    expect(read(csv, mapping).rows.map((r) => r.eventId)).toEqual(ids);
  });
});

const row = (over: Partial<UsageRow>): UsageRow => ({
  row: 1,
  eventId: "e",
  subscriptionExternalId: null,
  accountExternalId: null,
  accountId: null,
  ts: "2024-01-01T00:00:00.000Z",
  event: "f",
  quantity: 1,
  userId: null,
  contactEmail: null,
  properties: {},
  ...over,
});

describe("splitRepeats", () => {
  it("keeps the first row of each event id and lists every repeated id with its rows", () => {
    const rows = [
      row({ row: 1, eventId: "a" }),
      row({ row: 2, eventId: "b" }),
      row({ row: 3, eventId: "a" }),
      row({ row: 4, eventId: "c" }),
      row({ row: 5, eventId: "b" }),
      row({ row: 6, eventId: "a" }),
    ];
    const r = splitRepeats(rows);
    expect(r.first.map((x) => x.row)).toEqual([1, 2, 4]);
    expect(r.inFile).toBe(3);
    expect(r.repeated).toEqual([
      { eventId: "a", rows: [1, 3, 6] },
      { eventId: "b", rows: [2, 5] },
    ]);
  });
});

describe("resolveUsageAccounts", () => {
  const lookups: UsageLookups = {
    subscriptions: new Map([["S-1", { accountId: "acc-1", accountExternalId: "A-1" }]]),
    accountsByExternalId: new Map([["A-2", "acc-2"]]),
    accountsById: new Map([["acc-3", null]]),
  };

  it("takes the subscription's account, else the account's external id, else its id", () => {
    const errors: ImportRowError[] = [];
    const out = resolveUsageAccounts(
      [
        row({ row: 1, subscriptionExternalId: "S-1" }),
        row({ row: 2, subscriptionExternalId: "S-1", accountExternalId: "A-1" }),
        row({ row: 3, accountExternalId: "A-2" }),
        row({ row: 4, accountId: "acc-3" }),
      ],
      lookups,
      (e) => errors.push(e),
      () => null,
    );
    expect(errors).toEqual([]);
    expect(out.map((r) => [r.row, r.account, r.groupId])).toEqual([
      [1, "acc-1", "A-1"],
      [2, "acc-1", "A-1"],
      [3, "acc-2", "A-2"],
      [4, "acc-3", null],
    ]);
  });

  it("reports unknown subscriptions and accounts, and an account that is not the subscription's", () => {
    const errors: ImportRowError[] = [];
    const out = resolveUsageAccounts(
      [
        row({ row: 1, subscriptionExternalId: "S-9" }),
        row({ row: 2, subscriptionExternalId: "S-1", accountExternalId: "A-2" }),
        row({ row: 3, accountExternalId: "A-9" }),
        row({ row: 4, accountId: "acc-9" }),
      ],
      lookups,
      (e) => errors.push(e),
      (f) => f,
    );
    expect(out).toEqual([]);
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [1, "subscriptionExternalId", "unknown_subscription"],
      [2, "accountExternalId", "account_mismatch"],
      [3, "accountExternalId", "unknown_account"],
      [4, "accountId", "unknown_account"],
    ]);
  });
});

describe("attachContacts", () => {
  it("links emails to the account's contact and uses the email as the user when there is no user id", () => {
    const base = { account: "acc-1", groupId: null };
    const { rows, unmatched } = attachContacts(
      [
        { ...row({ row: 1, contactEmail: "Ann@Example.com" }), ...base },
        { ...row({ row: 2, contactEmail: "bob@example.com", userId: "u-2" }), ...base },
        { ...row({ row: 3 }), ...base },
      ],
      new Map([[contactKey("acc-1", "ann@example.com"), "contact-1"]]),
    );
    expect(rows.map((r) => [r.contactId, r.userId])).toEqual([
      ["contact-1", "ann@example.com"],
      [null, "u-2"],
      [null, null],
    ]);
    expect(unmatched).toBe(1);
  });
});

describe("usage helpers and report", () => {
  it("finds the earliest time and keeps derived ids stable", () => {
    expect(
      earliest([row({ ts: "2024-03-01T00:00:00.000Z" }), row({ ts: "2023-01-05T10:00:00.000Z" })]),
    ).toEqual(new Date("2023-01-05T10:00:00.000Z"));
    expect(earliest([])).toBeNull();
    const r = row({ accountExternalId: "A1" });
    expect(derivedEventId(r)).toBe(derivedEventId({ ...r }));
    expect(derivedEventId(r)).not.toBe(derivedEventId({ ...r, event: "g" }));
  });

  it("reports skipped rows next to the counts", () => {
    const report = buildReport({
      id: "01890000-0000-7000-8000-000000000000",
      entity: "usage",
      fileName: null,
      dryRun: true,
      totalRows: 5,
      created: 2,
      updated: 0,
      summary: summarizeErrors([]),
      warnings: [],
      newCustomFields: [],
      duplicates: {
        inFile: 2,
        alreadyStored: 1,
        repeated: [{ eventId: "a", rows: [1, 3, 4] }],
        repeatedTruncated: false,
      },
      createdAt: NOW,
    });
    expect(report).toMatchObject({ status: "validated", createdRows: 2, skippedRows: 3 });
    expect(report.duplicates?.repeated).toEqual([{ eventId: "a", rows: [1, 3, 4] }]);
  });
});
