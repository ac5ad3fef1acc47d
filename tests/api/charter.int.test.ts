import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangesPage, Charter, CharterVersion } from "../../src/contract/index.ts";
import {
  apiSender,
  type Caller,
  createTestApp,
  errorOf,
  type TestApp,
  type TestWorkspace,
} from "../helpers/test-app.ts";

/**
 * The customer-success charter through the API: every member reads it, owners and admins write
 * the draft, approve it and discard it. The charter is one per workspace, so each test works in a
 * workspace of its own and passes alone and in any order.
 */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t.close();
});

type Team = { ws: TestWorkspace; admin: Caller; owner: Caller; member: Caller; viewer: Caller };
let made = 0;

/** A workspace with its owner, an admin, a member and a viewer signed in. */
async function team(): Promise<Team> {
  made += 1;
  const ws = await t.workspace(`charter-${made}`);
  return {
    ws,
    owner: await t.signIn(ws.users.owner.email),
    admin: await t.signIn(ws.users.admin.email),
    member: await t.signIn(ws.users.member.email),
    viewer: await t.signIn(ws.users.viewer.email),
  };
}

const send = apiSender(
  () => t,
  () => {
    throw new Error("say who calls");
  },
);

const text = (n: number) => ({
  vision: `Vision ${n}: every customer reaches the outcomes they bought us for`,
  mission: `Mission ${n}: guide each customer from adoption to advocacy`,
  objectives: [
    { stage: "roi", text: `Payback within 12 months (${n})` },
    { stage: "adoption", text: `80% of seats active by day 60 (${n})` },
    { stage: "adoption", text: `Every admin trained in the first month (${n})` },
  ],
  changeNote: `Draft ${n}`,
});

const charterOf = (who: Caller) => send<Charter>("GET", "/api/v1/charter", undefined, 200, who);
const save = (who: Caller, body: unknown) =>
  send<CharterVersion>("PUT", "/api/v1/charter/draft", body, 200, who);
const approve = (who: Caller) =>
  send<CharterVersion>("POST", "/api/v1/charter/draft/approve", undefined, 200, who);

describe("reading and who may write", () => {
  it("shows every member, viewers included, an empty charter before the first approval", async () => {
    const { viewer, member } = await team();
    expect(await charterOf(viewer)).toEqual({ current: null, draft: null, history: [] });
    expect(await charterOf(member)).toEqual({ current: null, draft: null, history: [] });
  });

  it("refuses a member's and a viewer's writes with 403 and stores nothing", async () => {
    const { admin, member, viewer } = await team();
    await save(admin, text(1));
    for (const who of [member, viewer]) {
      const put = await t.request(who, "PUT", "/api/v1/charter/draft", text(2));
      expect(put.statusCode).toBe(403);
      expect(errorOf(put).code).toBe("FORBIDDEN");
      expect((await t.request(who, "POST", "/api/v1/charter/draft/approve")).statusCode).toBe(403);
      expect((await t.request(who, "DELETE", "/api/v1/charter/draft")).statusCode).toBe(403);
    }
    const after = await charterOf(viewer);
    expect(after.current).toBeNull();
    expect(after.draft?.vision).toBe(text(1).vision);
  });
});

describe("the draft", () => {
  it("creates the draft, then replaces it: one draft, the same version, objectives in the chain's order", async () => {
    const { ws, admin, owner, viewer } = await team();
    const first = await save(admin, text(1));
    expect(first).toMatchObject({
      version: 1,
      status: "draft",
      vision: text(1).vision,
      mission: text(1).mission,
      changeNote: "Draft 1",
      createdBy: { userId: ws.users.admin.id },
      approvedBy: null,
      approvedAt: null,
    });
    expect(first.objectives.map((o) => o.stage)).toEqual(["adoption", "adoption", "roi"]);
    expect(first.objectives[0]?.text).toBe("80% of seats active by day 60 (1)");

    const second = await save(owner, { ...text(2), changeNote: null });
    expect(second).toMatchObject({ id: first.id, version: 1, vision: text(2).vision, changeNote: null });
    const seen = await charterOf(viewer);
    expect(seen.current).toBeNull();
    expect(seen.history).toEqual([]);
    expect(seen.draft).toEqual(second);

    const audit = await send<{ data: { action: string; targetId: string | null }[] }>(
      "GET",
      "/api/v1/audit-log?action=charter.save_draft",
      undefined,
      200,
      owner,
    );
    expect(audit.data.map((e) => e.targetId)).toEqual([first.id, first.id]);
  });

  it("says at the field what is wrong — an empty vision, an unknown stage, no objectives, one written twice — and stores nothing", async () => {
    const { admin, viewer } = await team();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...text(1), vision: "   " }, "vision", "is required"],
      [
        { ...text(1), objectives: [{ stage: "onboarding", text: "Kick-off within a week" }] },
        "objectives.0.stage",
        "must be one of: adoption, outcomes, transformation, roi, advocacy",
      ],
      [{ ...text(1), objectives: [] }, "objectives", "needs at least one objective"],
      [{ ...text(1), mission: "x".repeat(2001) }, "mission", "can be at most 2,000 characters"],
      [
        {
          ...text(1),
          objectives: [
            { stage: "advocacy", text: "Twenty references a year" },
            { stage: "advocacy", text: "twenty references a year." },
          ],
        },
        "objectives.1.text",
        "is the same as an earlier objective of this stage",
      ],
    ];
    for (const [body, path, message] of cases) {
      const res = await t.request(admin, "PUT", "/api/v1/charter/draft", body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const error = errorOf(res);
      expect(error.code).toBe("VALIDATION_FAILED");
      expect(error.message).toContain(path);
      expect(error.details?.issues?.[0]).toEqual(expect.objectContaining({ path, message }));
    }
    expect(await charterOf(viewer)).toEqual({ current: null, draft: null, history: [] });
  });

  it("discards the draft and leaves the current charter as it was; discarding nothing is no error", async () => {
    const { admin, viewer } = await team();
    await save(admin, text(1));
    const current = await approve(admin);
    await save(admin, text(2));
    const gone = await t.request(admin, "DELETE", "/api/v1/charter/draft");
    expect(gone.statusCode).toBe(204);
    expect(await charterOf(viewer)).toEqual({ current, draft: null, history: [current] });
    expect((await t.request(admin, "DELETE", "/api/v1/charter/draft")).statusCode).toBe(204);
    // The number the discarded draft had is the next draft's.
    expect((await save(admin, text(3))).version).toBe(2);
  });
});

describe("approving", () => {
  it("makes the draft the current charter, approved by the caller, in the history, with its event", async () => {
    const { ws, admin, viewer } = await team();
    const draft = await save(admin, text(1));
    const approved = await approve(admin);
    expect(approved).toMatchObject({
      id: draft.id,
      version: 1,
      status: "approved",
      vision: text(1).vision,
      approvedBy: { userId: ws.users.admin.id, name: expect.any(String) },
    });
    expect(Date.parse(approved.approvedAt ?? "")).toBeGreaterThan(Date.now() - 60_000);
    expect(await charterOf(viewer)).toEqual({ current: approved, draft: null, history: [approved] });

    const changes = await send<ChangesPage>("GET", "/api/v1/changes?limit=1000", undefined, 200, viewer);
    expect(changes.data.filter((e) => e.type.startsWith("charter."))).toEqual([
      expect.objectContaining({
        type: "charter.approved",
        accountId: null,
        actor: expect.objectContaining({ userId: ws.users.admin.id }),
        data: { charterVersionId: approved.id, version: 1 },
      }),
    ]);
  });

  it("refuses with 409 when there is no draft, before the first version and after one", async () => {
    const { admin, viewer } = await team();
    const none = await t.request(admin, "POST", "/api/v1/charter/draft/approve");
    expect(none.statusCode).toBe(409);
    expect(errorOf(none)).toMatchObject({
      code: "CONFLICT",
      message: "There is no draft charter to approve: save a draft first",
      details: { reason: "no_draft" },
    });
    await save(admin, text(1));
    const current = await approve(admin);
    expect((await t.request(admin, "POST", "/api/v1/charter/draft/approve")).statusCode).toBe(409);
    expect(await charterOf(viewer)).toEqual({ current, draft: null, history: [current] });
  });

  it("numbers versions upwards, keeps approved ones unchanged, and lists them newest first with their approvers", async () => {
    const { ws, admin, owner, viewer } = await team();
    await save(admin, text(1));
    const v1 = await approve(admin);
    await save(owner, text(2));
    const v2 = await approve(owner);
    expect([v1.version, v2.version]).toEqual([1, 2]);
    const v3 = await save(admin, text(3));
    expect(v3.version).toBe(3);

    const seen = await charterOf(viewer);
    expect(seen.current).toEqual(v2);
    expect(seen.draft).toEqual(v3);
    expect(seen.history).toEqual([v2, v1]);
    expect(seen.history.map((v) => v.approvedBy?.userId)).toEqual([ws.users.owner.id, ws.users.admin.id]);
    // Version 1 still says what it said when it was approved.
    expect(seen.history[1]?.vision).toBe(text(1).vision);
  });
});

describe("workspaces", () => {
  it("shows another workspace nothing of this one's charter, and its writes leave this one alone", async () => {
    const mine = await team();
    const other = await team();
    await save(mine.admin, text(1));
    const current = await approve(mine.admin);
    const draft = await save(mine.admin, text(2));

    const theirs = await t.request(other.viewer, "GET", "/api/v1/charter");
    expect(theirs.json()).toEqual({ current: null, draft: null, history: [] });
    expect(theirs.body).not.toContain(current.id);
    expect((await t.request(other.admin, "POST", "/api/v1/charter/draft/approve")).statusCode).toBe(409);
    expect((await t.request(other.admin, "DELETE", "/api/v1/charter/draft")).statusCode).toBe(204);
    expect(await charterOf(mine.viewer)).toEqual({ current, draft, history: [current] });
  });
});
