import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, utcToday } from "../../src/common/dates.ts";
import type { Account, AccountLifecycle, Rule } from "../../src/contract/index.ts";
import {
  apiSender,
  type Caller,
  createTestApp,
  type TestApp,
  type TestWorkspace,
} from "../helpers/test-app.ts";

/** An account's lifecycle through the API: stage history from every write path, time in stage, time to first value. */
let t: TestApp;
let ws: TestWorkspace;
let admin: Caller;
let member: Caller;
let viewer: Caller;

const send = apiSender(
  () => t,
  () => member,
);

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("lifecycle");
  admin = await t.signIn(ws.users.admin.email);
  member = await t.signIn(ws.users.member.email);
  viewer = await t.signIn(ws.users.viewer.email);
});

afterAll(async () => {
  await t.close();
});

describe("lifecycle", () => {
  it("records each stage entered by a person or a rule, with time in stage and time to first value", async () => {
    const acme = await send<Account>("POST", "/api/v1/accounts", { name: "Acme" }, 201);
    const start = addDays(utcToday(), -40);
    await send(
      "POST",
      "/api/v1/subscriptions",
      { accountId: acme.id, product: "Platform", mrrMinor: 1_000_00, startDate: start },
      201,
    );
    const fresh = await send<AccountLifecycle>(
      "GET",
      `/api/v1/accounts/${acme.id}/lifecycle`,
      undefined,
      200,
      viewer,
    );
    expect(fresh).toMatchObject({
      stage: "onboarding",
      daysInStage: 0,
      timeToFirstValue: null,
      daysWithoutValue: 40,
    });
    expect(fresh.history).toMatchObject([
      { from: null, to: "onboarding", source: "hand", by: { userId: ws.users.member.id } },
    ]);

    await send("PATCH", `/api/v1/accounts/${acme.id}`, { lifecycleStage: "adoption" });
    // The same stage again is no change.
    await send("PATCH", `/api/v1/accounts/${acme.id}`, { lifecycleStage: "adoption" });
    const rule = await send<Rule>(
      "POST",
      "/api/v1/rules",
      {
        name: "Adopted: to value",
        trigger: { kind: "schedule", cron: "0 5 * * 1" },
        actions: [{ kind: "set_stage", stage: "value" }],
      },
      201,
      admin,
    );
    // The rule acts through the bulk write path imports use too.
    await send("POST", `/api/v1/rules/${rule.id}/run`, undefined, 200, admin);

    const contact = await send<{ id: string }>(
      "POST",
      "/api/v1/contacts",
      { accountId: acme.id, firstName: "Ada", lastName: "Lovelace", email: "ada@acme.example" },
      201,
    );
    await send(
      "POST",
      "/api/v1/outcomes",
      {
        contactId: contact.id,
        kind: "business_outcome",
        title: "Close the books in 3 days",
        status: "achieved",
      },
      201,
    );
    const after = await send<AccountLifecycle>("GET", `/api/v1/accounts/${acme.id}/lifecycle`);
    expect(after.history.map((h) => [h.from, h.to, h.source])).toEqual([
      [null, "onboarding", "hand"],
      ["onboarding", "adoption", "hand"],
      ["adoption", "value", "rule"],
    ]);
    expect(after.stage).toBe("value");
    expect(after.since).toBe(after.history[2]?.at);
    expect(after.timeToFirstValue).toMatchObject({
      contractStart: start,
      outcome: { title: "Close the books in 3 days" },
      days: 40,
    });
    expect(after.daysWithoutValue).toBeNull();
    expect(
      (await t.request(viewer, "GET", "/api/v1/accounts/0190a4b0-0000-7000-8000-00000000dead/lifecycle"))
        .statusCode,
    ).toBe(404);
  });
});
