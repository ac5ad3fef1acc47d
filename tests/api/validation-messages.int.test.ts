import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../src/contract/index.ts";
import { type Caller, createTestApp, type TestApp } from "../helpers/test-app.ts";

/** A refused request names each bad field with a code for programs and plain words for people. */
let t: TestApp;
let writer: Caller;
let acme: Account;

type Issue = { path: string; code: string; message: string };
type ErrorBody = { error: { code: string; message: string; details?: { issues?: Issue[] } } };
const refused = (res: LightMyRequestResponse) => {
  expect(res.statusCode).toBe(400);
  const error = res.json<ErrorBody>().error;
  expect(error.code).toBe("VALIDATION_FAILED");
  // zod's own wording ("Too big: expected string to have <=20000 characters") never reaches people.
  expect(error.message).not.toMatch(/Too (big|small)|expected|Invalid input|Invalid option/);
  return { message: error.message, issues: error.details?.issues ?? [] };
};

beforeAll(async () => {
  t = await createTestApp();
  const ws = await t.workspace("validation-messages");
  writer = await t.signIn(ws.users.member.email);
  acme = (await t.request(writer, "POST", "/api/v1/accounts", { name: "Acme" })).json<Account>();
});

afterAll(async () => {
  await t?.close();
});

describe("details.issues of a 400 VALIDATION_FAILED", () => {
  it("a note body over the limit: the field, too_big and the limit in words", async () => {
    const res = await t.request(writer, "POST", `/api/v1/accounts/${acme.id}/timeline`, {
      title: "Call",
      body: "x".repeat(20_001),
    });
    const { message, issues } = refused(res);
    expect(issues).toEqual([{ path: "body", code: "too_big", message: "can be at most 20,000 characters" }]);
    expect(message).toBe("Invalid body: body can be at most 20,000 characters");
  });

  it("a missing required field is 'is required', with zod's code kept", async () => {
    const { issues } = refused(await t.request(writer, "POST", "/api/v1/accounts", {}));
    expect(issues).toEqual([{ path: "name", code: "invalid_type", message: "is required" }]);
  });

  it("an invalid enum value lists the accepted values", async () => {
    // Lifecycle stages are the workspace's own (tests/api/lifecycle.int.test.ts); coverage is an enum.
    const res = await t.request(writer, "POST", "/api/v1/accounts", { name: "X", coverage: "bliss" });
    const [issue] = refused(res).issues;
    expect(issue).toMatchObject({ path: "coverage", code: "invalid_value" });
    expect(issue?.message).toBe("must be one of: one_to_one, one_to_few, one_to_many");
  });

  it("an invalid email and a schema's own message keep their field", async () => {
    const res = await t.request(writer, "POST", "/api/v1/contacts", {
      accountId: "not-a-uuid",
      firstName: "Ada",
      email: "ada-at-example",
    });
    const issues = refused(res).issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: "accountId", code: "invalid_format", message: "must be a UUID" },
        { path: "email", code: "invalid_format", message: "must be an email address" },
      ]),
    );
  });

  it("query and path problems are prefixed with the part of the request", async () => {
    const query = refused(await t.request(writer, "GET", "/api/v1/accounts?limit=0"));
    expect(query.issues).toEqual([{ path: "query.limit", code: "too_small", message: "must be at least 1" }]);
    const params = refused(await t.request(writer, "GET", "/api/v1/accounts/nope"));
    expect(params.issues).toEqual([{ path: "params.id", code: "invalid_format", message: "must be a UUID" }]);
  });

  it("unknown fields are one issue on the request as a whole", async () => {
    const res = await t.request(writer, "POST", "/api/v1/accounts", { name: "M", mrrMinor: 1 });
    expect(refused(res).issues).toEqual([
      { path: "", code: "unrecognized_keys", message: "Unknown field: mrrMinor" },
    ]);
  });
});
