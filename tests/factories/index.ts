import { randomBytes } from "node:crypto";
import type { Role, TeamFunction } from "../../src/common/roles.ts";
import type { TeamMember } from "../../src/contract/account-team.ts";
import type { AccountCreate } from "../../src/contract/accounts.ts";
import type { ContactCreate } from "../../src/contract/contacts.ts";
import type { SubscriptionCreate } from "../../src/contract/subscriptions.ts";
import type { Member } from "../../src/contract/workspace.ts";
import type { Db } from "../../src/db/index.ts";
import { addTeamMember } from "../../src/domain/account-team/index.ts";
import { createAccount } from "../../src/domain/accounts/index.ts";
import { createContact } from "../../src/domain/contacts/index.ts";
import type { Ctx } from "../../src/domain/context.ts";
import {
  accountInput,
  contactInput,
  createRng,
  type Rng,
  subscriptionInput,
  type Tier,
} from "../../src/domain/demo/index.ts";
import { addMember } from "../../src/domain/members/index.ts";
import { createSubscription } from "../../src/domain/subscriptions/index.ts";
import { provisionWorkspace } from "../../src/domain/workflows/index.ts";

export * from "../../src/domain/demo/index.ts";

/** Every user the factories create signs in with this password. */
export const TEST_PASSWORD = "factory-password-123";

let rng: Rng = createRng("steward-tests");
/** The stream the factories draw from; reseed to make a test file's data independent of test order. */
export const factoryRng = (): Rng => rng;
export const reseedFactories = (seed: number | string = "steward-tests"): void => {
  rng = createRng(seed);
};

const FUNCTION_FOR_ROLE: Record<Role, TeamFunction> = {
  owner: "customer_success",
  admin: "customer_success",
  leader: "executive",
  manager: "customer_success",
  member: "customer_success",
  viewer: "finance",
};

export const systemCtx = (db: Db, workspaceId: string, label = "tests"): Ctx => ({
  db,
  workspaceId,
  actor: { kind: "system", label },
});

export const userCtx = (db: Db, workspaceId: string, userId: string, role: Role): Ctx => ({
  db,
  workspaceId,
  actor: { kind: "user", userId, role },
});

export type TestUser = { member: Member; ctx: Ctx; email: string; password: string };

export type TestWorkspace = {
  workspace: { id: string; slug: string; name: string };
  /** The owner who created the workspace, and a context acting as them. */
  owner: TestUser;
  ctx: Ctx;
  /** A context acting as Steward itself (no user), as the CLI and jobs do. */
  system: Ctx;
  /** A new member with this role (and function); each call makes another person. */
  addUser(role: Role, fn?: TeamFunction): Promise<TestUser>;
  /** A context acting as a member with this role, created on first use and reused after. */
  ctxFor(role: Role): Promise<Ctx>;
};

const uniqueSlug = () => `t-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;

/** A fresh workspace with an owner who can sign in (email `owner@<slug>.test`, TEST_PASSWORD). */
export async function makeWorkspace(db: Db, slug: string = uniqueSlug()): Promise<TestWorkspace> {
  const workspace = await provisionWorkspace(db, { slug, name: `Test ${slug}` });
  const system = systemCtx(db, workspace.id);
  let n = 0;
  const addUser = async (role: Role, fn: TeamFunction = FUNCTION_FOR_ROLE[role]): Promise<TestUser> => {
    n += 1;
    const email = `${role}-${n}@${slug}.test`;
    const member = await addMember(system, {
      email,
      name: `${role[0]?.toUpperCase()}${role.slice(1)} ${n}`,
      role,
      function: fn,
      password: TEST_PASSWORD,
    });
    return { member, email, password: TEST_PASSWORD, ctx: userCtx(db, workspace.id, member.userId, role) };
  };
  const ownerMember = await addMember(system, {
    email: `owner@${slug}.test`,
    name: "Owner",
    role: "owner",
    function: "customer_success",
    title: "Head of Customer Success",
    password: TEST_PASSWORD,
  });
  const owner: TestUser = {
    member: ownerMember,
    email: `owner@${slug}.test`,
    password: TEST_PASSWORD,
    ctx: userCtx(db, workspace.id, ownerMember.userId, "owner"),
  };
  const byRole = new Map<Role, Promise<TestUser>>([["owner", Promise.resolve(owner)]]);
  return {
    workspace,
    owner,
    ctx: owner.ctx,
    system,
    addUser,
    ctxFor: async (role) => {
      let user = byRole.get(role);
      if (!user) {
        user = addUser(role);
        byRole.set(role, user);
      }
      return (await user).ctx;
    },
  };
}

/** An account through createAccount, so validation, checks and the timeline entry are real. */
export const makeAccount = (ctx: Ctx, overrides: Partial<AccountCreate> = {}) =>
  createAccount(ctx, accountInput(rng, overrides));

/** A contact through createContact; the email is at `domain` when given. */
export const makeContact = (
  ctx: Ctx,
  accountId: string,
  overrides: Partial<ContactCreate> = {},
  domain?: string,
) => createContact(ctx, contactInput(rng, accountId, overrides, { domain }));

/** A live subscription through createSubscription (account revenue is refreshed by the domain). */
export const makeSubscription = (
  ctx: Ctx,
  accountId: string,
  overrides: Partial<SubscriptionCreate> = {},
  tier: Tier = "Mid-Market",
) => createSubscription(ctx, subscriptionInput(rng, accountId, overrides, { tier }));

/** Puts a workspace member on the account team through addTeamMember. */
export const makeTeamMember = (
  ctx: Ctx,
  accountId: string,
  userId: string,
  teamRole: TeamMember["teamRole"] = "csm",
) => addTeamMember(ctx, accountId, { userId, teamRole });
