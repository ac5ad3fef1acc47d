import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../src/contract/index.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/**
 * The account list: filters, sorts, facets, and keyset pagination that visits every row exactly
 * once even when many rows share the sort value (the id breaks ties).
 */
let t: TestApp;
let ws: TestWorkspace;
let caller: Caller;
let all: Account[];

type Page = { data: Account[]; nextCursor: string | null };
const errorOf = (res: LightMyRequestResponse) => res.json<{ error: { code: string } }>().error;

const BASES = ["alpha", "bravo", "charlie", "delta", "echo"];
const CASINGS = [
  (s: string) => s,
  (s: string) => s[0]?.toUpperCase() + s.slice(1),
  (s: string) => s.toUpperCase(),
];
const TIERS = ["Gold", "Silver", "Bronze", null];
const STAGES = ["onboarding", "adoption", "renewal"];
const COUNT = 25;

const daysFromToday = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function list(query: string): Promise<Page> {
  const res = await t.request(caller, "GET", `/api/v1/accounts?${query}`);
  if (res.statusCode !== 200) throw new Error(`list ${query}: ${res.statusCode} ${res.body}`);
  return res.json<Page>();
}

async function walk(query: string, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const page = await list(`${query}&limit=${limit}${suffix}`);
    expect(page.data.length).toBeLessThanOrEqual(limit);
    if (page.nextCursor) expect(page.data.length).toBe(limit);
    ids.push(...page.data.map((a) => a.id));
    cursor = page.nextCursor;
    pages++;
    if (pages > 100) throw new Error("pagination does not end");
  } while (cursor);
  return { ids, pages };
}

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** The order the API promises: the sort value, then the id, both in the requested direction. */
function expectedOrder(rows: Account[], key: (a: Account) => string | number, desc: boolean): string[] {
  const sign = desc ? -1 : 1;
  return [...rows].sort((a, b) => sign * (cmp(key(a), key(b)) || cmp(a.id, b.id))).map((a) => a.id);
}

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("lists");
  caller = await t.signIn(ws.users.member.email);
  const owners = [ws.users.manager.id, ws.users.member.id, null];
  for (let i = 0; i < COUNT; i++) {
    const res = await t.request(caller, "POST", "/api/v1/accounts", {
      name: CASINGS[i % 3]?.(BASES[i % 5] ?? "") ?? "",
      externalId: `EXT-${i}`,
      domain: `d${i}.example`,
      tier: TIERS[i % 4],
      lifecycleStage: STAGES[i % 3],
      ownerId: owners[i % 3],
      industry: i % 2 ? "Software" : "Retail",
      region: i < 10 ? "EMEA" : "AMER",
    });
    if (res.statusCode !== 201) throw new Error(`account ${i}: ${res.body}`);
    const id = res.json<Account>().id;
    if (i % 5 === 4) continue;
    // MRR in three tied bands; renewals in four tied dates, some without one.
    const sub = await t.request(caller, "POST", "/api/v1/subscriptions", {
      accountId: id,
      product: "Platform",
      mrrMinor: ((i % 3) + 1) * 1000,
      startDate: "2024-01-01",
      renewalDate: i % 7 === 0 ? null : daysFromToday(10 + (i % 4) * 30),
    });
    if (sub.statusCode !== 201) throw new Error(`subscription ${i}: ${sub.body}`);
  }
  all = (await list("limit=200")).data;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe("sorting and pagination", () => {
  it("has the data the cases below rely on: ties in every sort value", () => {
    expect(all).toHaveLength(COUNT);
    expect(new Set(all.map((a) => a.name.toLowerCase())).size).toBe(5);
    expect(new Set(all.map((a) => a.arrMinor))).toEqual(new Set([0, 12_000, 24_000, 36_000]));
    expect(all.filter((a) => a.nextRenewalDate === null).length).toBeGreaterThan(3);
  });

  const sorts: [string, (a: Account) => string | number][] = [
    ["name", (a) => a.name.toLowerCase()],
    ["arr", (a) => a.arrMinor],
    ["renewal", (a) => a.nextRenewalDate ?? "9999-12-31"],
    ["created", (a) => a.createdAt],
  ];

  for (const [field, key] of sorts) {
    for (const desc of [false, true]) {
      const sort = `${desc ? "-" : ""}${field}`;
      it(`sort=${sort}: walks every account exactly once, in order, across pages`, async () => {
        const { ids, pages } = await walk(`sort=${sort}`, 4);
        expect(pages).toBe(Math.ceil(COUNT / 4));
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toEqual(expectedOrder(all, key, desc));
      });
    }
  }

  it("sorts by name by default", async () => {
    expect((await list("limit=200")).data.map((a) => a.id)).toEqual(
      expectedOrder(all, (a) => a.name.toLowerCase(), false),
    );
  });

  it("paginates a filtered list without leaking rows outside the filter", async () => {
    const gold = all.filter((a) => a.tier === "Gold");
    const { ids } = await walk("tier=Gold&sort=-arr", 2);
    expect(ids).toEqual(expectedOrder(gold, (a) => a.arrMinor, true));
  });

  it("refuses cursors that are not one it gave out, with 400 rather than 500", async () => {
    const nameCursor = (await list("sort=name&limit=3")).nextCursor ?? "";
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const cases = [
      "garbage!",
      b64({ not: "an array" }),
      b64(["alpha"]),
      b64(["alpha", "not-a-uuid"]),
      b64(["not-a-number", "0190a4b0-0000-7000-8000-000000000000"]),
      "x".repeat(501),
    ];
    for (const cursor of cases) {
      const res = await t.request(
        caller,
        "GET",
        `/api/v1/accounts?sort=-arr&cursor=${encodeURIComponent(cursor)}`,
      );
      expect(res.statusCode, cursor).toBe(400);
      expect(errorOf(res).code).toBe("INVALID_CURSOR");
    }
    // A cursor from one sort handed to another sort is a client mistake too, not a server error.
    for (const sort of ["-arr", "renewal", "created"]) {
      const res = await t.request(caller, "GET", `/api/v1/accounts?sort=${sort}&cursor=${nameCursor}`);
      expect(res.statusCode, sort).toBe(400);
    }
  });

  it("refuses a limit outside 1–200 and an unknown sort", async () => {
    for (const q of ["limit=0", "limit=201", "limit=ten", "sort=revenue", "sort=--name"]) {
      const res = await t.request(caller, "GET", `/api/v1/accounts?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(errorOf(res).code).toBe("VALIDATION_FAILED");
    }
  });
});

describe("filters", () => {
  const ids = (rows: Account[]) => rows.map((a) => a.id).sort();
  const listIds = async (query: string) => ids((await list(`limit=200&${query}`)).data);

  it("filters by tier, one or several, comma-separated or repeated", async () => {
    expect(await listIds("tier=Gold")).toEqual(ids(all.filter((a) => a.tier === "Gold")));
    const goldOrSilver = ids(all.filter((a) => a.tier === "Gold" || a.tier === "Silver"));
    expect(await listIds("tier=Gold,Silver")).toEqual(goldOrSilver);
    expect(await listIds("tier=Gold&tier=Silver")).toEqual(goldOrSilver);
    expect(await listIds("tier=Platinum")).toEqual([]);
  });

  it("filters by lifecycle stage and refuses an unknown one", async () => {
    expect(await listIds("lifecycleStage=renewal")).toEqual(
      ids(all.filter((a) => a.lifecycleStage === "renewal")),
    );
    expect(await listIds("lifecycleStage=renewal,adoption")).toEqual(
      ids(all.filter((a) => a.lifecycleStage === "renewal" || a.lifecycleStage === "adoption")),
    );
    const res = await t.request(caller, "GET", "/api/v1/accounts?lifecycleStage=nirvana");
    expect(res.statusCode).toBe(400);
  });

  it("filters by owner, including accounts with none", async () => {
    const manager = ws.users.manager.id;
    expect(await listIds(`ownerId=${manager}`)).toEqual(ids(all.filter((a) => a.ownerId === manager)));
    expect(await listIds("ownerId=none")).toEqual(ids(all.filter((a) => a.ownerId === null)));
    expect(await listIds(`ownerId=none,${manager}`)).toEqual(
      ids(all.filter((a) => a.ownerId === null || a.ownerId === manager)),
    );
    expect((await t.request(caller, "GET", "/api/v1/accounts?ownerId=nobody")).statusCode).toBe(400);
  });

  it("filters by industry and region together", async () => {
    expect(await listIds("industry=Retail&region=EMEA")).toEqual(
      ids(all.filter((a) => a.industry === "Retail" && a.region === "EMEA")),
    );
  });

  it("searches name, external id and domain, case-insensitively", async () => {
    expect(await listIds("q=ALP")).toEqual(ids(all.filter((a) => a.name.toLowerCase() === "alpha")));
    expect(await listIds("q=ext-17")).toEqual(ids(all.filter((a) => a.externalId === "EXT-17")));
    expect(await listIds("q=d3.example")).toEqual(ids(all.filter((a) => a.domain === "d3.example")));
    expect(await listIds("q=zulu")).toEqual([]);
  });

  it("treats % and _ in the search as plain characters", async () => {
    expect(await listIds("q=%25")).toEqual([]);
    expect(await listIds("q=_")).toEqual([]);
    const res = await t.request(caller, "POST", "/api/v1/accounts", { name: "100% Juice" });
    expect(await listIds("q=%25")).toEqual([res.json<Account>().id]);
    await t.request(caller, "DELETE", `/api/v1/accounts/${res.json<Account>().id}`);
  });

  it("filters by renewal date", async () => {
    const before = daysFromToday(45);
    expect(await listIds(`renewalBefore=${before}`)).toEqual(
      ids(all.filter((a) => a.nextRenewalDate !== null && a.nextRenewalDate <= before)),
    );
  });
});

describe("facets", () => {
  it("lists the distinct tiers, industries, regions and owners present", async () => {
    const res = await t.request(caller, "GET", "/api/v1/accounts/facets");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      tiers: ["Bronze", "Gold", "Silver"],
      industries: ["Retail", "Software"],
      regions: ["AMER", "EMEA"],
      owners: [
        { id: ws.users.manager.id, name: "manager of lists" },
        { id: ws.users.member.id, name: "member of lists" },
      ],
    });
  });

  it("shows nothing of another workspace", async () => {
    const other = await t.workspace("facets-other");
    const res = await t.request(await t.apiKey(other, ["read"]), "GET", "/api/v1/accounts/facets");
    expect(res.json()).toEqual({ tiers: [], industries: [], regions: [], owners: [] });
  });
});
