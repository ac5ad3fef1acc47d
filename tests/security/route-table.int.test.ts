import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RouteDef, routes } from "../../src/contract/index.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/**
 * Walks the whole route table and proves each route refuses the wrong caller: anonymous,
 * an API key without the scope, a viewer writing, a member doing admin work, and a caller
 * from another workspace reaching for this workspace's objects.
 */
let t: TestApp;
let a: TestWorkspace;
let b: TestWorkspace;
let ids: Record<string, string>;
const callers: Record<string, Caller> = {};

beforeAll(async () => {
  t = await createTestApp();
  a = await t.workspace("alpha");
  b = await t.workspace("bravo");
  callers.aOwner = await t.signIn(a.users.owner.email);
  callers.aViewer = await t.signIn(a.users.viewer.email);
  callers.aMember = await t.signIn(a.users.member.email);
  callers.bOwner = await t.signIn(b.users.owner.email);
  callers.bAdminKey = await t.apiKey(b, ["read", "write", "admin", "ingest"]);
  callers.aIngestKey = await t.apiKey(a, ["ingest"]);

  const post = async (url: string, body: unknown) => {
    const res = await t.request(callers.aOwner as Caller, "POST", url, body);
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json<{ id: string }>();
  };
  const account = await post("/api/v1/accounts", { name: "Alpha Corp", externalId: "A-1" });
  const contact = await post("/api/v1/contacts", {
    accountId: account.id,
    firstName: "Ada",
    externalId: "C-1",
  });
  const sub = await post("/api/v1/subscriptions", {
    accountId: account.id,
    product: "Platform",
    mrrMinor: 10000,
    startDate: "2026-01-01",
    externalId: "S-1",
  });
  const team = await post(`/api/v1/accounts/${account.id}/team`, {
    userId: a.users.member.id,
    teamRole: "csm",
  });
  const note = await post(`/api/v1/accounts/${account.id}/timeline`, { title: "Kickoff" });
  const key = await post("/api/v1/api-keys", { name: "k", scopes: ["read"] });
  await post("/api/v1/custom-fields", { entity: "account", key: "segment", label: "Segment", type: "text" });
  // Addressed to a person of workspace bravo, who must still not reach it from there by id alone.
  const invitation = await post("/api/v1/members", {
    email: "outsider@elsewhere.test",
    name: "Outsider",
    role: "member",
    function: "sales",
  });
  ids = {
    accountId: account.id,
    contactId: contact.id,
    subscriptionId: sub.id,
    memberId: team.id,
    entryId: note.id,
    apiKeyId: key.id,
    userId: a.users.member.id,
    invitationId: invitation.id,
  };
}, 60_000);

afterAll(async () => {
  await t?.close();
});

const entries = Object.entries(routes) as [string, RouteDef][];

/** A concrete URL for the route, with workspace alpha's objects in its path. */
function urlFor(name: string, route: RouteDef): string {
  const idFor: Record<string, string | undefined> = {
    getContact: ids.contactId,
    updateContact: ids.contactId,
    deleteContact: ids.contactId,
    getSubscription: ids.subscriptionId,
    updateSubscription: ids.subscriptionId,
    deleteSubscription: ids.subscriptionId,
    updateMember: ids.userId,
    removeMember: ids.userId,
    resetMemberPassword: ids.userId,
    cancelInvitation: ids.invitationId,
    acceptInvitation: ids.invitationId,
    declineInvitation: ids.invitationId,
    revokeApiKey: ids.apiKeyId,
  };
  return route.path
    .replace(":id", idFor[name] ?? ids.accountId ?? "")
    .replace(":accountId", ids.accountId ?? "")
    .replace(":memberId", ids.memberId ?? "")
    .replace(":entryId", ids.entryId ?? "")
    .replace(":externalId", "A-1")
    .replace(":entity", route.path.includes("custom-fields") ? "account" : "accounts")
    .replace(":key", "segment")
    .replace(":name", "default");
}

const protectedRoutes = entries.filter(([, r]) => r.access !== "public");
const bodyFor = (r: RouteDef) => (r.method === "GET" || r.method === "DELETE" ? undefined : {});

describe("route table", () => {
  it("registers every contract route", () => {
    for (const [name, r] of entries) {
      expect(t.app.hasRoute({ method: r.method, url: r.path }), `${name} ${r.method} ${r.path}`).toBe(true);
    }
  });

  it.each(protectedRoutes)("%s refuses an anonymous caller with 401", async (name, r) => {
    const res = await t.request(null, r.method, urlFor(name, r), bodyFor(r));
    expect(res.statusCode).toBe(401);
    expect(res.json<{ error: { code: string } }>().error.code).toBe("UNAUTHENTICATED");
  });

  it.each(protectedRoutes)("%s refuses an API key without the scope with 403", async (name, r) => {
    const res = await t.request(callers.aIngestKey as Caller, r.method, urlFor(name, r), bodyFor(r));
    expect(res.statusCode).toBe(403);
  });

  it.each(entries.filter(([, r]) => r.access === "write" || r.access === "admin"))(
    "%s refuses a viewer with 403",
    async (name, r) => {
      const res = await t.request(callers.aViewer as Caller, r.method, urlFor(name, r), bodyFor(r));
      expect(res.statusCode).toBe(403);
      expect(res.json<{ error: { code: string } }>().error.code).toBe("FORBIDDEN");
    },
  );

  it.each(entries.filter(([, r]) => r.access === "admin"))(
    "%s refuses a member with 403",
    async (name, r) => {
      const res = await t.request(callers.aMember as Caller, r.method, urlFor(name, r), bodyFor(r));
      expect(res.statusCode).toBe(403);
    },
  );

  it.each(entries.filter(([, r]) => /:(id|accountId)\b/.test(r.path)))(
    "%s answers 404 to another workspace reaching for this workspace's object",
    async (name, r) => {
      // Keys never reach `session` routes (refused above, before any lookup): only people try.
      const cross = r.access === "session" ? [callers.bOwner] : [callers.bOwner, callers.bAdminKey];
      for (const caller of cross as Caller[]) {
        const res = await t.request(caller, r.method, urlFor(name, r), validBody(name) ?? bodyFor(r));
        expect(res.statusCode, `${name}: ${res.body}`).toBe(404);
      }
    },
  );

  it("refuses a cookie-authenticated write without the CSRF token", async () => {
    const cookie = (callers.aOwner as Caller).headers.cookie ?? "";
    const res = await t.request({ headers: { cookie } }, "POST", "/api/v1/accounts", { name: "X" });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ error: { code: string } }>().error.code).toBe("CSRF_FAILED");
  });

  it("keeps other workspaces' rows out of lists", async () => {
    for (const url of ["/api/v1/accounts", "/api/v1/contacts", "/api/v1/subscriptions"]) {
      const res = await t.request(callers.bOwner as Caller, "GET", url);
      expect(res.statusCode).toBe(200);
      expect(res.json<{ data: unknown[] }>().data).toEqual([]);
    }
    const keys = await t.request(callers.bOwner as Caller, "GET", "/api/v1/api-keys");
    expect(keys.body).not.toContain(ids.apiKeyId);
    const cross = await t.request(
      callers.bOwner as Caller,
      "GET",
      `/api/v1/contacts?accountId=${ids.accountId}`,
    );
    expect(cross.json<{ data: unknown[] }>().data).toEqual([]);
  });
});

/** Bodies that would succeed in the caller's own workspace, so only the workspace boundary refuses them. */
function validBody(name: string): unknown {
  const bodies: Record<string, unknown> = {
    updateAccount: { name: "Taken over" },
    updateContact: { title: "Taken over" },
    updateSubscription: { mrrMinor: 1 },
    addTeamMember: { userId: b.users.member.id, teamRole: "csm" },
    updateTeamMember: { teamRole: "marketing" },
    addNote: { title: "Sneaky" },
    updateNote: { title: "Sneaky" },
    updateMember: { role: "viewer" },
    resetMemberPassword: { password: "temporary-lantern-77" },
    createSentiment: { rating: 3 },
  };
  return bodies[name];
}
