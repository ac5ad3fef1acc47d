import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { notFound } from "../../src/common/errors.ts";
import { defineRoute, routes, ZId, ZIdParams } from "../../src/contract/index.ts";
import { schema } from "../../src/db/index.ts";
import { handle } from "../../src/server/http.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { contractProbes } from "./contract-probes.ts";
import { a, walkCrossWorkspace } from "./route-walker.ts";
import { type TwoWorkspaces, twoWorkspaces } from "./workspace-objects.ts";

/**
 * The cross-workspace walker catches a route that forgets the workspace: next to every contract
 * route, the app gets one more, registered with the server's own `handle`, that reads an account
 * by id alone. The walker must report exactly that route, and nothing else.
 */
const unscopedGetAccount = defineRoute({
  method: "GET",
  path: "/api/v1/test/unscoped-accounts/:id",
  access: "read",
  tag: "test",
  summary: "An account by id, read without the workspace filter (on purpose)",
  params: ZIdParams,
  response: z.object({ id: ZId, name: z.string() }),
});

let t: TestApp;
let w: TwoWorkspaces;

beforeAll(async () => {
  t = await createTestApp(
    {},
    {
      extraRoutes: (app, state) =>
        handle(app, state, unscopedGetAccount, async (ctx, { params }) => {
          // The mistake under test: no `workspace_id = ctx.workspaceId` condition.
          const [row] = await ctx.db
            .select({ id: schema.accounts.id, name: schema.accounts.name })
            .from(schema.accounts)
            .where(eq(schema.accounts.id, params.id));
          if (!row) throw notFound(`Account ${params.id}`);
          return row;
        }),
    },
  );
  w = await twoWorkspaces(t);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe("the cross-workspace walker", () => {
  it("reports the one route that reads without the workspace filter", async () => {
    const findings = await walkCrossWorkspace({
      t,
      routes: { ...routes, unscopedGetAccount },
      table: { ...contractProbes, unscopedGetAccount: { params: { id: a("account") } } },
      aObjects: w.aObjects,
      bObjects: w.bObjects,
      aOwner: w.callers.aOwner,
      intruders: { bOwner: w.callers.bOwner, bAdminKey: w.callers.bAdminKey },
      aText: /alpha/i,
    });
    expect(new Set(findings.map((f) => f.route))).toEqual(new Set(["unscopedGetAccount"]));
    // Both intruders, and every way the leak shows: the status, the difference from a missing
    // account, and workspace A's account name in the answer.
    const problems = findings.map((f) => `${f.caller}: ${f.problem}`);
    for (const caller of ["bOwner", "bAdminKey"]) {
      expect(problems).toContainEqual(
        expect.stringMatching(new RegExp(`^${caller}: .* answered 200, not 404`)),
      );
      expect(problems).toContainEqual(
        expect.stringMatching(
          new RegExp(`^${caller}: .* answered 200 +for A's object but 404 NOT_FOUND for none`),
        ),
      );
      expect(problems).toContainEqual(
        expect.stringMatching(new RegExp(`^${caller}: .* showed workspace A's data: Alpha`)),
      );
    }
  }, 120_000);
});
