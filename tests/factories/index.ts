import { randomBytes } from "node:crypto";
import { ROLES, type Role, type TeamFunction } from "../../src/common/roles.ts";
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

/** A workspace as `steward workspace create` leaves it: no people yet, only Steward acting. */
export type BareTestWorkspace = {
  workspace: { id: string; slug: string; name: string };
  /** A context acting as Steward itself (no user), as the CLI and jobs do. */
  system: Ctx;
  /** A new member with this role (and function); each call makes another person. */
  addUser(role: Role, fn?: TeamFunction): Promise<TestUser>;
  /** A context acting as a member with this role, created on first use and reused after. */
  ctxFor(role: Role): Promise<Ctx>;
};

export type TestWorkspace = BareTestWorkspace & {
  /** The owner who created the workspace, and a context acting as them. */
  owner: TestUser;
  ctx: Ctx;
};

export type WorkspaceOptions = {
  /** Unique by default; fix it when the test reads it back (two workspaces must not share one). */
  slug?: string;
  /** `Test <slug>` by default. */
  name?: string;
  /** false leaves the workspace without people, for tests that act only as Steward (imports, jobs). */
  withOwner?: boolean;
  /** The label of the `system` context, which the timeline and audit record as the actor. */
  label?: string;
};

const uniqueSlug = () => `t-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;

/**
 * The one way tests get a workspace (provisioned as the CLI does, with the default health models).
 * By default it has an owner who can sign in (email `owner@<slug>.test`, TEST_PASSWORD); a string
 * is the slug.
 */
export async function makeWorkspace(
  db: Db,
  options?: string | (WorkspaceOptions & { withOwner?: true }),
): Promise<TestWorkspace>;
export async function makeWorkspace(
  db: Db,
  options: WorkspaceOptions & { withOwner: false },
): Promise<BareTestWorkspace>;
export async function makeWorkspace(
  db: Db,
  options: string | WorkspaceOptions = {},
): Promise<TestWorkspace | BareTestWorkspace> {
  const {
    slug = uniqueSlug(),
    name,
    withOwner = true,
    label,
  } = typeof options === "string" ? { slug: options } : options;
  const workspace = await provisionWorkspace(db, { slug, name: name ?? `Test ${slug}` });
  const system = systemCtx(db, workspace.id, label);
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
  const byRole = new Map<Role, Promise<TestUser>>();
  const ctxFor = async (role: Role) => {
    let user = byRole.get(role);
    if (!user) {
      user = addUser(role);
      byRole.set(role, user);
    }
    return (await user).ctx;
  };
  if (!withOwner) return { workspace, system, addUser, ctxFor };

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
  byRole.set("owner", Promise.resolve(owner));
  return { workspace, owner, ctx: owner.ctx, system, addUser, ctxFor };
}

/**
 * One person of every role in a workspace made `withOwner: false`: `<role>@<slug>.test`, named
 * `<role> of <slug>`, all in customer success, as the API tests sign in and look them up.
 */
export async function addOnePerRole(
  ws: BareTestWorkspace,
  password: string = TEST_PASSWORD,
): Promise<Record<Role, TestUser>> {
  const users = {} as Record<Role, TestUser>;
  const { id, slug } = ws.workspace;
  for (const role of ROLES) {
    const email = `${role}@${slug}.test`;
    const member = await addMember(ws.system, {
      email,
      name: `${role} of ${slug}`,
      role,
      function: "customer_success",
      password,
    });
    users[role] = { member, email, password, ctx: userCtx(ws.system.db, id, member.userId, role) };
  }
  return users;
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
