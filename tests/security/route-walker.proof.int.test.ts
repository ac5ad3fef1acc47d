import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { notFound } from "../../src/common/errors.ts";
import { defineRoute, routes, ZId, ZIdParams } from "../../src/contract/index.ts";
import { type Db, schema } from "../../src/db/index.ts";
import { handle } from "../../src/server/http.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { contractProbes, movesWithTheClock } from "./contract-probes.ts";
import { a, walkCrossWorkspace } from "./route-walker.ts";
import { type TwoWorkspaces, twoWorkspaces } from "./workspace-objects.ts";

/**
 * A route that forgets the workspace: next to every contract route, the app gets two more,
 * registered with the server's own `handle`, that read an account by id alone. One runs as every
 * workspace route does, in a workspace transaction under row-level security: the backstop must
 * make it answer 404 to another workspace all the same. The other runs on the system path, where
 * row-level security is passed through: the walker must report it, and nothing else — so the
 * walker can see a leak, and the first route's silence is row-level security's doing.
 */
const unscoped = (path: string, where: string) =>
  defineRoute({
    method: "GET",
    path,
    access: "read",
    tag: "test",
    summary: `An account by id, read without the workspace filter (on purpose), ${where}`,
    params: ZIdParams,
    response: z.object({ id: ZId, name: z.string() }),
  });
const unscopedGetAccount = unscoped("/api/v1/test/unscoped-accounts/:id", "in a workspace transaction");
const unscopedSystemGetAccount = unscoped("/api/v1/test/unscoped-system-accounts/:id", "on the system path");

// The mistake under test: no `workspace_id = ctx.workspaceId` condition.
async function readUnscoped(ctx: { db: Db }, { params }: { params: { id: string } }) {
  const [row] = await ctx.db
    .select({ id: schema.accounts.id, name: schema.accounts.name })
    .from(schema.accounts)
    .where(eq(schema.accounts.id, params.id));
  if (!row) throw notFound(`Account ${params.id}`);
  return row;
}

let t: TestApp;
let w: TwoWorkspaces;

beforeAll(async () => {
  t = await createTestApp(
    {},
    {
      extraRoutes: (app, state) => {
        handle(app, state, unscopedGetAccount, readUnscoped);
        handle(app, state, unscopedSystemGetAccount, readUnscoped, { path: "system" });
      },
    },
  );
  w = await twoWorkspaces(t);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe("the cross-workspace walker", () => {
  it("reports the one route that reads without the workspace filter on the system path; row-level security answers 404 for the other", async () => {
    const findings = await walkCrossWorkspace({
      t,
      routes: { ...routes, unscopedGetAccount, unscopedSystemGetAccount },
      table: {
        ...contractProbes,
        unscopedGetAccount: { params: { id: a("account") } },
        unscopedSystemGetAccount: { params: { id: a("account") } },
      },
      aObjects: w.aObjects,
      bObjects: w.bObjects,
      aOwner: w.callers.aOwner,
      intruders: { bOwner: w.callers.bOwner, bAdminKey: w.callers.bAdminKey },
      aText: /alpha/i,
      movesWithTheClock,
    });
    expect(new Set(findings.map((f) => f.route))).toEqual(new Set(["unscopedSystemGetAccount"]));
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

  it("under row-level security the unscoped read answers A's owner and is a 404 to B's callers", async () => {
    const url = `/api/v1/test/unscoped-accounts/${w.aObjects.account}`;
    const own = await t.request(w.callers.aOwner, "GET", url);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id: w.aObjects.account, name: expect.stringMatching(/alpha/i) });
    for (const intruder of [w.callers.bOwner, w.callers.bAdminKey]) {
      const res = await t.request(intruder, "GET", url);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    }
  });
});
