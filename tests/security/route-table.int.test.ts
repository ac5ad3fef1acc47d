import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RouteDef, routes } from "../../src/contract/index.ts";
import { type Caller, createTestApp, type TestApp } from "../helpers/test-app.ts";
import { contractProbes, movesWithTheClock } from "./contract-probes.ts";
import {
  buildCall,
  type Probe,
  resolverFor,
  unmappedParameters,
  walkCrossWorkspace,
} from "./route-walker.ts";
import { type TwoWorkspaces, twoWorkspaces } from "./workspace-objects.ts";

/**
 * Walks the whole route table and proves each route refuses the wrong caller: anonymous,
 * an API key without the scope, a viewer writing, a member doing admin work, and a caller
 * from another workspace reaching for this workspace's real objects (see route-walker.ts).
 */
let t: TestApp;
let w: TwoWorkspaces;
/** A's admin, signed in with the temporary password A's owner gave them. */
let temporary: Caller;

beforeAll(async () => {
  t = await createTestApp();
  w = await twoWorkspaces(t);
  const admin = w.a.users.admin;
  const reset = await t.request(w.callers.aOwner, "POST", `/api/v1/members/${admin.id}/password`, {
    password: "lantern-quartz-river-58",
  });
  if (reset.statusCode !== 204) throw new Error(`reset: ${reset.statusCode} ${reset.body}`);
  temporary = await t.signIn(admin.email, "lantern-quartz-river-58");
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const entries = Object.entries(routes) as [string, RouteDef][];

/** The route's first probe, with workspace alpha's objects in its path, query and body. */
function callFor(name: string, route: RouteDef) {
  const probe = [contractProbes[name] ?? []].flat()[0] as Probe | undefined;
  return buildCall(route, probe ?? {}, resolverFor(w.aObjects, w.bObjects, false));
}

const protectedRoutes = entries.filter(([, r]) => r.access !== "public");
const send = (caller: Caller | null, name: string, r: RouteDef) => {
  const c = callFor(name, r);
  return t.request(caller, c.method, c.url, c.body);
};

describe("route table", () => {
  it("registers every contract route", () => {
    for (const [name, r] of entries) {
      expect(t.app.hasRoute({ method: r.method, url: r.path }), `${name} ${r.method} ${r.path}`).toBe(true);
    }
  });

  it("opens to anonymous callers only sign-in and the setup status", () => {
    expect(entries.filter(([, r]) => r.access === "public").map(([name]) => name)).toEqual([
      "login",
      "setupStatus",
    ]);
  });

  it("tells an anonymous caller the demo's state and nothing more", async () => {
    const res = await t.request(null, "GET", routes.setupStatus.path);
    expect(res.statusCode).toBe(200);
    // No demo in this database and none loading: the state alone.
    expect(res.json()).toEqual({ demo: { state: "none" } });
  });

  it("maps every path parameter, and every object id in a query or body, to a real object", () => {
    expect(unmappedParameters(routes, contractProbes)).toEqual([]);
  });

  it.each(protectedRoutes)("%s refuses an anonymous caller with 401", async (name, r) => {
    const res = await send(null, name, r);
    expect(res.statusCode).toBe(401);
    expect(res.json<{ error: { code: string } }>().error.code).toBe("UNAUTHENTICATED");
  });

  it.each(protectedRoutes)("%s refuses an API key without the scope with 403", async (name, r) => {
    const res = await send(w.callers.aIngestKey, name, r);
    expect(res.statusCode).toBe(403);
  });

  it.each(entries.filter(([, r]) => r.access === "write" || r.access === "admin"))(
    "%s refuses a viewer with 403",
    async (name, r) => {
      const res = await send(w.callers.aViewer, name, r);
      expect(res.statusCode).toBe(403);
      expect(res.json<{ error: { code: string } }>().error.code).toBe("FORBIDDEN");
    },
  );

  it.each(entries.filter(([, r]) => r.access === "admin"))(
    "%s refuses a member with 403",
    async (name, r) => {
      const res = await send(w.callers.aMember, name, r);
      expect(res.statusCode).toBe(403);
    },
  );

  // An admin, so the role never refuses first: only the temporary password can.
  it.each(protectedRoutes.filter(([, r]) => !r.beforePasswordChange))(
    "%s refuses a session signed in with a temporary password with 403",
    async (name, r) => {
      const res = await send(temporary, name, r);
      expect(res.statusCode).toBe(403);
      expect(res.json<{ error: { code: string } }>().error.code).toBe("PASSWORD_CHANGE_REQUIRED");
    },
  );

  it("shows and changes nothing of another workspace's, on any route", async () => {
    const findings = await walkCrossWorkspace({
      t,
      routes,
      table: contractProbes,
      aObjects: w.aObjects,
      bObjects: w.bObjects,
      aOwner: w.callers.aOwner,
      intruders: { bOwner: w.callers.bOwner, bAdminKey: w.callers.bAdminKey },
      aText: /alpha/i,
      movesWithTheClock,
    });
    expect(findings.map((f) => `${f.route} (${f.caller}): ${f.problem}`)).toEqual([]);
  }, 120_000);

  it("refuses a cookie-authenticated write without the CSRF token", async () => {
    const cookie = w.callers.aOwner.headers.cookie ?? "";
    const res = await t.request({ headers: { cookie } }, "POST", "/api/v1/accounts", { name: "X" });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ error: { code: string } }>().error.code).toBe("CSRF_FAILED");
  });

  it("keeps other workspaces' rows out of lists", async () => {
    const { bOwner } = w.callers;
    for (const url of ["/api/v1/accounts", "/api/v1/contacts", "/api/v1/subscriptions"]) {
      const res = await t.request(bOwner, "GET", url);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(w.aObjects.account);
      expect(res.body).not.toMatch(/alpha/i);
    }
    const keys = await t.request(bOwner, "GET", "/api/v1/api-keys");
    expect(keys.body).not.toContain(w.aObjects.apiKey);
    const cross = await t.request(bOwner, "GET", `/api/v1/contacts?accountId=${w.aObjects.account}`);
    expect(cross.json<{ data: unknown[] }>().data).toEqual([]);
  });
});
