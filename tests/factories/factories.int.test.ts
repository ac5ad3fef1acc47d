import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/index.ts";
import { login } from "../../src/domain/auth/index.ts";
import { createTestDb } from "../helpers/test-db.ts";
import {
  makeAccount,
  makeContact,
  makeSubscription,
  makeTeamMember,
  makeWorkspace,
  TEST_PASSWORD,
} from "./index.ts";

let database: Database;

beforeAll(async () => {
  database = await createTestDb();
}, 60_000);

afterAll(async () => {
  await database?.close();
});

describe("test factories", () => {
  it("make a workspace whose owner and role users can sign in and act", async () => {
    const t = await makeWorkspace(database.db);
    const session = await login(database.db, {
      email: t.owner.email,
      password: TEST_PASSWORD,
      workspace: t.workspace.slug,
      ip: null,
      userAgent: null,
    });
    expect(session.info.role).toBe("owner");

    const viewer = await t.ctxFor("viewer");
    expect(viewer.actor).toMatchObject({ kind: "user", role: "viewer" });
    expect(await t.ctxFor("viewer")).toBe(viewer);
    const manager = await t.addUser("manager", "support");
    expect(manager.member).toMatchObject({ role: "manager", function: "support" });
  }, 30_000);

  it("make accounts, contacts, subscriptions and team members through the domain", async () => {
    const t = await makeWorkspace(database.db);
    const csm = await t.addUser("member");
    const account = await makeAccount(t.ctx, { tier: "Enterprise", ownerId: csm.member.userId });
    expect(account).toMatchObject({
      tier: "Enterprise",
      ownerId: csm.member.userId,
      lifecycleStage: "adoption",
    });

    const contact = await makeContact(
      t.ctx,
      account.id,
      { decisionRole: "economic_buyer" },
      account.domain ?? undefined,
    );
    expect(contact).toMatchObject({ accountId: account.id, decisionRole: "economic_buyer", influence: 5 });
    expect(contact.email?.endsWith(`@${account.domain}`)).toBe(true);

    const sub = await makeSubscription(t.ctx, account.id, { mrrMinor: 123_400, currency: "EUR" });
    expect(sub).toMatchObject({
      accountId: account.id,
      mrrMinor: 123_400,
      currency: "EUR",
      status: "active",
    });

    const member = await makeTeamMember(t.ctx, account.id, csm.member.userId, "csm");
    expect(member).toMatchObject({ teamRole: "csm", userId: csm.member.userId });
  }, 30_000);
});
