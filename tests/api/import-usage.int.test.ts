import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportReport } from "../../src/contract/index.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/**
 * Usage through the import API: a member may import it (its extra columns are event properties,
 * not custom fields), repeated event ids come back in the report, the list leaves their list out,
 * and usage is not exported.
 */
let t: TestApp;
let ws: TestWorkspace;
let member: Caller;
let viewer: Caller;

const USAGE = [
  "usage_id,subscription_id,usage_date,feature_name,usage_count,usage_duration_secs,is_beta_feature",
  "U-1,S-1,2024-05-01,feature_1,3,120,False",
  "U-2,S-1,2024-05-01,feature_2,1,30,True",
  "U-1,S-2,2024-05-02,feature_1,9,10,False",
].join("\r\n");

async function post(caller: Caller, url: string, body: unknown) {
  const res = await t.request(caller, "POST", url, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ImportReport>();
}

beforeAll(async () => {
  t = await createTestApp();
  ws = await t.workspace("import-usage");
  member = await t.signIn(ws.users.member.email);
  viewer = await t.signIn(ws.users.viewer.email);
  const owner = await t.signIn(ws.users.owner.email);
  await post(owner, "/api/v1/imports/accounts", { csv: "externalId,name\nA-1,One", dryRun: false });
  await post(owner, "/api/v1/imports/subscriptions", {
    csv: "externalId,accountExternalId,product,mrr,startDate\nS-1,A-1,Core,10,2024-01-01\nS-2,A-1,Core,5,2024-01-01",
    dryRun: false,
  });
});

afterAll(async () => {
  await t?.close();
});

describe("usage import API", () => {
  it("previews with usage targets and a suggested mapping", async () => {
    const res = await t.request(member, "POST", "/api/v1/imports/usage/preview", { csv: USAGE });
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json<{
      suggestedMapping: { columns: Record<string, string> };
      targets: { field: string }[];
    }>();
    expect(preview.suggestedMapping.columns).toMatchObject({
      usage_id: "eventId",
      subscription_id: "subscriptionExternalId",
      usage_date: "timestamp",
      feature_name: "event",
      usage_count: "quantity",
      is_beta_feature: "custom:is_beta_feature",
    });
    expect(preview.targets.map((x) => x.field)).toContain("timestamp");
  });

  it("lets a member import: property columns define no custom fields; repeats are skipped and listed", async () => {
    const dry = await post(member, "/api/v1/imports/usage", { csv: USAGE });
    expect(dry).toMatchObject({ status: "validated", errorRows: 0, createdRows: 2, skippedRows: 1 });
    const done = await post(member, "/api/v1/imports/usage", { csv: USAGE, dryRun: false });
    expect(done).toMatchObject({ status: "committed", createdRows: 2, skippedRows: 1, newCustomFields: [] });
    expect(done.duplicates).toEqual({
      inFile: 1,
      alreadyStored: 0,
      repeated: [{ eventId: "U-1", rows: [1, 3] }],
      repeatedTruncated: false,
    });
    const fields = await t.request(member, "GET", "/api/v1/custom-fields");
    expect(fields.json<{ data: unknown[] }>().data).toEqual([]);
    const again = await post(member, "/api/v1/imports/usage", { csv: USAGE, dryRun: false });
    expect(again).toMatchObject({ createdRows: 0, skippedRows: 3 });
  });

  it("lists usage runs with their skipped rows, without the repeated ids", async () => {
    const res = await t.request(member, "GET", "/api/v1/imports?entity=usage");
    expect(res.statusCode, res.body).toBe(200);
    const runs = res.json<{ data: Record<string, unknown>[] }>().data;
    expect(runs.map((r) => r.skippedRows)).toEqual([3, 1, 1]);
    expect(runs.every((r) => !("duplicates" in r) && !("errors" in r))).toBe(true);
  });

  it("refuses a viewer, and does not export usage", async () => {
    const res = await t.request(viewer, "POST", "/api/v1/imports/usage", { csv: USAGE });
    expect(res.statusCode).toBe(403);
    const exported = await t.request(member, "GET", "/api/v1/exports/usage");
    expect(exported.statusCode).toBe(400);
  });
});
