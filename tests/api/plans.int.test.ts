import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, utcToday } from "../../src/common/dates.ts";
import type {
  Account,
  Contact,
  Outcome,
  Plan,
  PlanTemplate,
  TimelineEntry,
} from "../../src/contract/index.ts";
import { queryRows } from "../../src/db/index.ts";
import { type Caller, createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/** Success plans through the API, and their shared page as a customer's key player sees it. */
let t: TestApp;
let ws: TestWorkspace;
let member: Caller;
let viewer: Caller;
let acme: Account;
let other: Account;
let bea: Contact;
let cy: Contact;
let beaOutcome: Outcome;
let beaWin: Outcome;
let cyWin: Outcome;
let otherOutcome: Outcome;

type ErrorBody = { error: { code: string; message: string; details?: { issues?: { path: string }[] } } };
const errorOf = (res: LightMyRequestResponse) => res.json<ErrorBody>().error;

async function send<T>(method: string, url: string, body?: unknown, status = 200, who = member): Promise<T> {
  const res = await t.request(who, method, url, body);
  if (res.statusCode !== status) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}
const outcome = (body: Record<string, unknown>) => send<Outcome>("POST", "/api/v1/outcomes", body, 201);
const page = (token: string) => t.app.inject({ method: "GET", url: `/p/${token}` });
const post = (token: string, form: Record<string, string>) =>
  t.app.inject({
    method: "POST",
    url: `/p/${token}`,
    payload: new URLSearchParams(form).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

beforeAll(async () => {
  t = await createTestApp({ STEWARD_PUBLIC_URL: "https://steward.example.com/" });
  ws = await t.workspace("plans");
  member = await t.signIn(ws.users.member.email);
  viewer = await t.signIn(ws.users.viewer.email);
  acme = await send<Account>("POST", "/api/v1/accounts", { name: "Acme" }, 201);
  other = await send<Account>("POST", "/api/v1/accounts", { name: "Globex" }, 201);
  bea = await send<Contact>(
    "POST",
    "/api/v1/contacts",
    { accountId: acme.id, firstName: "Bea", lastName: "Stone", decisionRole: "economic_buyer", influence: 5 },
    201,
  );
  cy = await send<Contact>(
    "POST",
    "/api/v1/contacts",
    { accountId: acme.id, firstName: "Cy", lastName: "Park", decisionRole: "champion", influence: 4 },
    201,
  );
  const gus = await send<Contact>(
    "POST",
    "/api/v1/contacts",
    { accountId: other.id, firstName: "Gus", decisionRole: "champion" },
    201,
  );
  beaOutcome = await outcome({
    contactId: bea.id,
    kind: "business_outcome",
    title: "Close the books in 4 days",
  });
  beaWin = await outcome({
    contactId: bea.id,
    kind: "personal_win",
    title: "Bea is seen as the one who fixed close",
  });
  cyWin = await outcome({ contactId: cy.id, kind: "personal_win", title: "Cy gets promoted" });
  otherOutcome = await outcome({ contactId: gus.id, kind: "business_outcome", title: "Globex goal" });
});

afterAll(async () => {
  await t?.close();
});

describe("plans, objectives and milestones", () => {
  it("starts a new workspace with plan templates and makes a plan from one, due dates counted from its start", async () => {
    const templates = await send<{ data: PlanTemplate[] }>("GET", "/api/v1/success-plan-templates");
    const onboarding = templates.data.find((x) => x.name === "Onboarding to first value");
    expect(onboarding?.objectives.length).toBe(3);
    const plan = await send<Plan>(
      "POST",
      "/api/v1/success-plans",
      { accountId: acme.id, title: "Acme onboarding", templateId: onboarding?.id, startDate: "2026-01-01" },
      201,
    );
    const objectives = plan.items.filter((i) => i.kind === "objective");
    expect(objectives.map((o) => o.title)).toEqual(onboarding?.objectives.map((o) => o.title));
    expect(objectives[0]).toMatchObject({ dueDate: "2026-01-15", shared: true, status: "not_started" });
    // Each objective is followed by its own milestones.
    expect(plan.items[1]).toMatchObject({
      kind: "milestone",
      parentId: objectives[0]?.id,
      dueDate: "2026-01-08",
    });
    expect(plan).toMatchObject({
      progress: 0,
      objectives: 3,
      milestones: 7,
      shared: false,
      accountName: "Acme",
    });
    const timeline = await send<{ data: TimelineEntry[] }>("GET", `/api/v1/accounts/${acme.id}/timeline`);
    expect(
      timeline.data.some((e) => e.kind === "plan" && e.title === "Success plan started: Acme onboarding"),
    ).toBe(true);
  });

  it("links items to the account's key players' outcomes and measures progress by milestones done", async () => {
    const plan = await send<Plan>(
      "POST",
      "/api/v1/success-plans",
      { accountId: acme.id, title: "Close faster" },
      201,
    );
    const withObjective = await send<Plan>(
      "POST",
      `/api/v1/success-plans/${plan.id}/items`,
      {
        kind: "objective",
        title: "Automate reconciliations",
        outcomeIds: [beaOutcome.id],
        ownerId: ws.users.member.id,
        customerOwnerId: bea.id,
        dueDate: addDays(utcToday(), -1),
      },
      201,
    );
    const objective = withObjective.items[0];
    expect(objective).toMatchObject({
      overdue: true,
      owner: { id: ws.users.member.id },
      customerOwner: { id: bea.id, name: "Bea Stone" },
      outcomes: [
        { id: beaOutcome.id, contactName: "Bea Stone", status: "planned", customerConfirmation: null },
      ],
    });
    for (const title of ["Connect the bank feeds", "Train the team"]) {
      await send<Plan>(
        "POST",
        `/api/v1/success-plans/${plan.id}/items`,
        { kind: "milestone", parentId: objective?.id, title },
        201,
      );
    }
    const current = await send<Plan>("GET", `/api/v1/success-plans/${plan.id}`);
    const first = current.items.find((i) => i.title === "Connect the bank feeds");
    const done = await send<Plan>("PATCH", `/api/v1/success-plans/${plan.id}/items/${first?.id}`, {
      status: "done",
    });
    expect(done.items.find((i) => i.id === objective?.id)?.progress).toBe(0.5);
    expect(done.progress).toBe(0.5);
    expect(done.items.find((i) => i.id === first?.id)?.completedAt).not.toBeNull();
    // Moving the second milestone first.
    const second = done.items.find((i) => i.title === "Train the team");
    const moved = await send<Plan>("PATCH", `/api/v1/success-plans/${plan.id}/items/${second?.id}`, {
      position: 0,
    });
    expect(moved.items.filter((i) => i.kind === "milestone").map((i) => i.title)).toEqual([
      "Train the team",
      "Connect the bank feeds",
    ]);
  });

  it("refuses items that would break the plan's shape or reach past its account, storing nothing", async () => {
    const plan = await send<Plan>(
      "POST",
      "/api/v1/success-plans",
      { accountId: acme.id, title: "Shape" },
      201,
    );
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: "milestone", title: "Orphan" }, "parentId"],
      [{ kind: "milestone", title: "Wrong parent", parentId: plan.id }, "parentId"],
      [{ kind: "objective", title: "Other account", outcomeIds: [otherOutcome.id] }, "outcomeIds.0"],
      [{ kind: "objective", title: "Stranger", customerOwnerId: otherOutcome.contactId }, "customerOwnerId"],
    ];
    for (const [body, path] of cases) {
      const res = await t.request(member, "POST", `/api/v1/success-plans/${plan.id}/items`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorOf(res).details?.issues?.[0]?.path).toBe(path);
    }
    const dates = await t.request(member, "PATCH", `/api/v1/success-plans/${plan.id}`, {
      startDate: "2026-03-01",
      dueDate: "2026-02-01",
    });
    expect(dates.statusCode).toBe(400);
    expect(errorOf(dates).message).toContain("on or after the start date");
    expect((await send<Plan>("GET", `/api/v1/success-plans/${plan.id}`)).items).toEqual([]);
    // Viewers read plans but do not write them.
    expect((await t.request(viewer, "GET", `/api/v1/success-plans/${plan.id}`)).statusCode).toBe(200);
    expect(
      (
        await t.request(viewer, "POST", `/api/v1/success-plans/${plan.id}/items`, {
          kind: "objective",
          title: "x",
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe("the shared page", () => {
  let plan: Plan;
  let beaToken: string;
  let viewToken: string;

  beforeAll(async () => {
    plan = await send<Plan>(
      "POST",
      "/api/v1/success-plans",
      { accountId: acme.id, title: "Acme and us, 2027", summary: "What we will achieve together" },
      201,
    );
    const withObjective = await send<Plan>(
      "POST",
      `/api/v1/success-plans/${plan.id}/items`,
      {
        kind: "objective",
        title: "Faster close",
        description: "Close the books in four days",
        internalNotes: "Bea is sceptical of the rollout",
        shared: true,
        outcomeIds: [beaOutcome.id, beaWin.id, cyWin.id],
      },
      201,
    );
    const objectiveId = withObjective.items[0]?.id;
    await send(
      "POST",
      `/api/v1/success-plans/${plan.id}/items`,
      { kind: "objective", title: "Upsell analytics" },
      201,
    );
    await send(
      "POST",
      `/api/v1/success-plans/${plan.id}/items`,
      { kind: "milestone", parentId: objectiveId, title: "Bank feeds live", shared: true },
      201,
    );
    const beaLink = await send<{ url: string; link: { contact: { id: string } | null; expiresAt: string } }>(
      "POST",
      `/api/v1/success-plans/${plan.id}/links`,
      { contactId: bea.id },
      201,
    );
    expect(beaLink.url.startsWith("https://steward.example.com/p/")).toBe(true);
    expect(beaLink.link.contact?.id).toBe(bea.id);
    // 90 days by default.
    const days = (Date.parse(beaLink.link.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThan(90.1);
    beaToken = tokenOf(beaLink.url);
    viewToken = tokenOf(
      (
        await send<{ url: string }>(
          "POST",
          `/api/v1/success-plans/${plan.id}/links`,
          { expiresInDays: null },
          201,
        )
      ).url,
    );
  });

  it("keeps only the token's hash", async () => {
    const rows = await queryRows<{ token_hash: string }>(
      t.database.db,
      sql`select token_hash from success_plan_links where plan_id = ${plan.id}`,
    );
    expect(rows.map((r) => r.token_hash)).toContain(createHash("sha256").update(beaToken).digest("hex"));
    expect(rows.some((r) => r.token_hash.includes(beaToken))).toBe(false);
  });

  it("shows only what is shared, without a cookie, with no-referrer and noindex, and changes nothing", async () => {
    const res = await page(beaToken);
    expect(res.statusCode).toBe(200);
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    expect(res.headers["x-robots-tag"]).toContain("noindex");
    expect(res.headers["set-cookie"]).toBeUndefined();
    expect(res.body).toContain("Acme and us, 2027");
    expect(res.body).toContain("Close the books in four days");
    expect(res.body).toContain("Bank feeds live");
    expect(res.body).toContain("Close the books in 4 days");
    // Bea's own personal win is hers to see; Cy's is not; internal notes and unshared items never.
    expect(res.body).toContain("Bea is seen as the one who fixed close");
    expect(res.body).not.toContain("Cy gets promoted");
    expect(res.body).not.toContain("sceptical");
    expect(res.body).not.toContain("Upsell analytics");
    expect(res.body.match(/name="outcomeId"/g)).toHaveLength(2);

    const view = await page(viewToken);
    expect(view.statusCode).toBe(200);
    expect(view.body).not.toContain("Bea is seen as the one who fixed close");
    expect(view.body).not.toContain('name="outcomeId"');

    const after = await send<Outcome>("GET", `/api/v1/outcomes/${beaOutcome.id}`);
    expect(after.evidence).toEqual([]);
  });

  it("records the key player's confirmation as customer-confirmed evidence and marks the outcome achieved", async () => {
    const res = await post(beaToken, {
      outcomeId: beaOutcome.id,
      verdict: "achieved",
      comment: "Closed in 3 days in May",
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("your answer is recorded");
    const o = await send<Outcome>("GET", `/api/v1/outcomes/${beaOutcome.id}`);
    expect(o.status).toBe("achieved");
    expect(o.evidence[0]).toMatchObject({
      source: "customer_confirmed",
      verdict: "achieved",
      note: "Closed in 3 days in May",
      confirmedBy: { contactId: bea.id, name: "Bea Stone" },
      authorId: null,
    });
    const shown = await send<Plan>("GET", `/api/v1/success-plans/${plan.id}`);
    expect(shown.items[0]?.outcomes.find((x) => x.id === beaOutcome.id)?.customerConfirmation).toMatchObject({
      verdict: "achieved",
      comment: "Closed in 3 days in May",
    });
    const timeline = await send<{ data: TimelineEntry[] }>("GET", `/api/v1/accounts/${acme.id}/timeline`);
    // One entry in the customer's words, not a second "achieved" one from the status change.
    const entries = timeline.data.filter((e) => e.title.includes("Close the books in 4 days"));
    expect(entries.map((e) => e.title)).toEqual([
      "Outcome confirmed achieved by Bea Stone: Close the books in 4 days",
      "Outcome added: Close the books in 4 days",
    ]);
    expect(entries[0]).toMatchObject({ kind: "outcome", contactId: bea.id, body: "Closed in 3 days in May" });
  });

  it("asks for a comment with not yet, and lets no one confirm another's outcome or through a view-only link", async () => {
    const noComment = await post(beaToken, { outcomeId: beaWin.id, verdict: "not_yet" });
    expect(noComment.statusCode).toBe(422);
    expect(noComment.body).toContain("what is still missing");
    const notYet = await post(beaToken, {
      outcomeId: beaWin.id,
      verdict: "not_yet",
      comment: "The board has not seen it",
    });
    expect(notYet.statusCode).toBe(200);
    const win = await send<Outcome>("GET", `/api/v1/outcomes/${beaWin.id}`);
    expect(win.status).toBe("planned");
    expect(win.evidence[0]).toMatchObject({ verdict: "not_yet", note: "The board has not seen it" });

    const others = await post(beaToken, { outcomeId: cyWin.id, verdict: "achieved" });
    expect(others.statusCode).toBe(422);
    const viewOnly = await post(viewToken, { outcomeId: beaOutcome.id, verdict: "achieved" });
    expect(viewOnly.statusCode).toBe(422);
    expect(viewOnly.body).toContain("ask for your own link");
    expect((await send<Outcome>("GET", `/api/v1/outcomes/${cyWin.id}`)).evidence).toEqual([]);
  });

  it("stops working once revoked or expired, and a made-up token is not found", async () => {
    const current = await send<Plan>("GET", `/api/v1/success-plans/${plan.id}`);
    const viewLink = current.links.find((l) => l.contact === null);
    const revoke = await t.request(
      member,
      "DELETE",
      `/api/v1/success-plans/${plan.id}/links/${viewLink?.id}`,
    );
    expect(revoke.statusCode).toBe(204);
    const revoked = await page(viewToken);
    expect(revoked.statusCode).toBe(410);
    expect(revoked.body).toContain("This link no longer works");
    expect(revoked.body).not.toContain("Acme");
    expect((await post(viewToken, { outcomeId: beaOutcome.id, verdict: "achieved" })).statusCode).toBe(410);

    await t.database.db.execute(
      sql`update success_plan_links set expires_at = now() - interval '1 minute' where plan_id = ${plan.id} and contact_id is not null`,
    );
    expect((await page(beaToken)).statusCode).toBe(410);
    const links = (await send<Plan>("GET", `/api/v1/success-plans/${plan.id}`)).links;
    expect(links.map((l) => l.state).sort()).toEqual(["expired", "revoked"]);
    expect((await page("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).statusCode).toBe(404);
  });
});
