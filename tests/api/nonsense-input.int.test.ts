import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account, Subscription } from "../../src/contract/index.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/** Values a new user typed by mistake: a 400 naming the field, and nothing stored or rewritten. */
let t: TestApp;
let ws: TestWorkspace;
let admin: Caller;
let writer: Caller;
let account: Account;

type ErrorBody = {
  error: { code: string; message: string; details?: { issues?: { path: string; message: string }[] } };
};

/** The response must be a validation failure on this field only, with this message among its issues. */
const refused = (res: LightMyRequestResponse, path: string, message: string) => {
  expect(res.statusCode, res.body).toBe(400);
  const { error } = res.json<ErrorBody>();
  expect(error.code).toBe("VALIDATION_FAILED");
  expect(error.details?.issues).toContainEqual(expect.objectContaining({ path, message }));
  expect(new Set(error.details?.issues?.map((i) => i.path))).toEqual(new Set([path]));
  expect(error.message).toContain(path);
};

const sub = (body: Record<string, unknown>) =>
  t.request(writer, "POST", "/api/v1/subscriptions", {
    accountId: account.id,
    product: "Core",
    mrrMinor: 10_000,
    startDate: "2026-01-01",
    ...body,
  });
const subscriptionCount = async () =>
  (await t.request(writer, "GET", `/api/v1/subscriptions?accountId=${account.id}`)).json<{
    data: Subscription[];
  }>().data.length;

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("nonsense");
  admin = await t.signIn(ws.users.admin.email);
  writer = await t.signIn(ws.users.member.email);
  for (const def of [
    { key: "nps", label: "NPS", min: -100, max: 100, integer: true },
    { key: "employees", label: "Employees", min: 0, integer: true },
  ]) {
    const res = await t.request(admin, "POST", "/api/v1/custom-fields", {
      entity: "account",
      type: "number",
      ...def,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  account = (await t.request(writer, "POST", "/api/v1/accounts", { name: "Acme" })).json<Account>();
});

afterAll(async () => {
  await t?.close();
});

describe("accounts", () => {
  const patch = (body: unknown) => t.request(writer, "PATCH", `/api/v1/accounts/${account.id}`, body);

  it("takes host names as written and refuses anything else, a URL with the host to use", async () => {
    for (const domain of ["acme.com", "sub.acme.co.uk", "Acme-Group.io"]) {
      const res = await patch({ domain });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<Account>().domain).toBe(domain);
    }
    refused(
      await patch({ domain: "not a domain!!" }),
      "domain",
      "must be a domain such as acme.com (letters, digits, hyphens and dots only)",
    );
    refused(
      await patch({ domain: "https://acme.com/" }),
      "domain",
      "must be a domain without https:// or a path, such as acme.com",
    );
    refused(
      await t.request(writer, "POST", "/api/v1/accounts", { name: "X", domain: "x y.com" }),
      "domain",
      "must be a domain such as acme.com (letters, digits, hyphens and dots only)",
    );
  });

  it("holds number custom fields to their definition's bounds", async () => {
    refused(
      await patch({ customFields: { nps: 999 } }),
      "customFields.nps",
      "must be a whole number from −100 to 100",
    );
    refused(
      await patch({ customFields: { employees: -5 } }),
      "customFields.employees",
      "must be a whole number 0 or more",
    );
    refused(
      await patch({ customFields: { employees: 2.5 } }),
      "customFields.employees",
      "must be a whole number 0 or more",
    );
    const ok = await patch({ customFields: { nps: -100, employees: 0 } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<Account>().customFields).toEqual({ nps: -100, employees: 0 });
  });

  it("lists a number field's bounds, and refuses bounds that make no sense", async () => {
    const list = await t.request(writer, "GET", "/api/v1/custom-fields?entity=account");
    expect(list.json<{ data: unknown[] }>().data).toContainEqual(
      expect.objectContaining({
        entity: "account",
        key: "nps",
        label: "NPS",
        type: "number",
        options: null,
        min: -100,
        max: 100,
        integer: true,
      }),
    );
    const field = (body: Record<string, unknown>) =>
      t.request(admin, "POST", "/api/v1/custom-fields", { entity: "account", label: "X", ...body });
    refused(await field({ key: "x1", type: "number", min: 10, max: 0 }), "max", "must not be below min");
    refused(
      await field({ key: "x2", type: "text", min: 0 }),
      "type",
      "only a number field takes min, max or integer",
    );
  });
});

describe("subscriptions", () => {
  it("refuses a currency that is not an ISO code, and one in lower case with the hint", async () => {
    refused(
      await sub({ currency: "XYZ1" }),
      "currency",
      "must be a three-letter ISO currency code such as USD or EUR",
    );
    refused(
      await sub({ currency: "XYZ" }),
      "currency",
      "must be a three-letter ISO currency code such as USD or EUR",
    );
    refused(await sub({ currency: "usd" }), "currency", "must be written in capitals: USD");
    expect(await subscriptionCount()).toBe(0);
  });

  it("refuses negative MRR instead of storing 0", async () => {
    refused(await sub({ mrrMinor: -50_000 }), "mrrMinor", "must not be negative");
    expect(await subscriptionCount()).toBe(0);
  });

  it("refuses a renewal or end before the start, and years outside 1970–2200", async () => {
    refused(
      await sub({ startDate: "2026-03-01", renewalDate: "1926-03-01" }),
      "renewalDate",
      "must be a date between 1970 and 2200",
    );
    refused(
      await sub({ startDate: "2026-03-01", renewalDate: "2026-02-28" }),
      "renewalDate",
      "must not be before the start date (2026-03-01)",
    );
    refused(await sub({ startDate: "1900-01-01" }), "startDate", "must be a date between 1970 and 2200");
    refused(await sub({ endDate: "2201-01-01" }), "endDate", "must be a date between 1970 and 2200");
    expect(await subscriptionCount()).toBe(0);
  });

  it("checks a renewal date sent alone against the stored start", async () => {
    const created = await sub({ startDate: "2026-03-01", renewalDate: "2027-03-01" });
    expect(created.statusCode, created.body).toBe(201);
    const s = created.json<Subscription>();
    const res = await t.request(writer, "PATCH", `/api/v1/subscriptions/${s.id}`, {
      renewalDate: "2026-01-15",
    });
    refused(res, "renewalDate", "must not be before the start date (2026-03-01)");
    const after = await t.request(writer, "GET", `/api/v1/subscriptions/${s.id}`);
    expect(after.json<Subscription>().renewalDate).toBe("2027-03-01");
  });
});
