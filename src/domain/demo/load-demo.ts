import { utcToday } from "../../common/dates.ts";
import { newId } from "../../common/ids.ts";

import { type Db, withTx } from "../../db/transaction.ts";

import { detectNonUsage } from "../adoption/index.ts";
import { retrainWorkspace } from "../churn/index.ts";
import { hashPassword } from "../passwords/index.ts";

import { refreshAccountRevenue } from "../subscriptions/index.ts";

import { provisionWorkspace } from "../workflows/index.ts";

import { atOffset } from "./dates.ts";
import {
  countWorkspace,
  type DemoCounts,
  deleteWorkspaceById,
  findWorkspaceIdBySlug,
  insertDemoRows,
  insertMemberships,
  insertUsers,
  usersByEmail,
} from "./demo.queries.ts";

import { generateDemo } from "./generate.ts";

import { loadDemoHealth } from "./load-health.ts";

import { type DemoUsageSummary, ensureDemoPartitions, loadDemoUsage } from "./load-usage.ts";

import { DEMO_LOGIN, DEMO_MEMBERS, DEMO_WORKSPACE_NAME, type MemberIds } from "./roster.ts";

import { deleteUsage } from "./usage.queries.ts";

export type LoadDemoOptions = {
  /** Delete the demo workspace (and everything in it) first, then load it again. */
  reset?: boolean;
  /** The moment the demo is loaded at: dates follow its day; no usage event is later. */
  now?: Date;
};

export type LoadDemoResult = {
  workspaceSlug: string;
  email: string;
  password: string;
  /** False when the demo workspace was already there and left untouched. */
  created: boolean;
  /** What the demo workspace holds now. */
  counts: DemoCounts;
  /** The product usage loaded with the workspace (absent when it was left untouched). */
  usage?: DemoUsageSummary;
  elapsedMs: number;
};

/**
 * Loads the demo workspace "Northwind Cloud (demo)": colleagues, ~200 accounts with contacts,
 * subscriptions, account teams, two years of timeline and 200 days of product usage, the same every
 * time except that dates follow today. Does nothing when the workspace exists, unless `reset`. One
 * transaction (the usage partitions it needs are made before it).
 *
 * Demo logins are installation-wide users: a reset keeps them (and any password changed since).
 */
export async function loadDemo(db: Db, options: LoadDemoOptions = {}): Promise<LoadDemoResult> {
  const started = performance.now();
  const result = (created: boolean, counts: DemoCounts, usage?: DemoUsageSummary): LoadDemoResult => ({
    workspaceSlug: DEMO_LOGIN.workspace,
    email: DEMO_LOGIN.email,
    password: DEMO_LOGIN.password,
    created,
    counts,
    ...(usage ? { usage } : {}),
    elapsedMs: Math.round(performance.now() - started),
  });

  const existingId = await findWorkspaceIdBySlug(db, DEMO_LOGIN.workspace);
  if (existingId && !options.reset) return result(false, await countWorkspace(db, existingId));

  const emails = DEMO_MEMBERS.map((m) => m.email.toLowerCase());
  // Hashing is the slow part of adding people: do it once, outside the transaction, and only if needed.
  const known = await usersByEmail(db, emails);
  const passwordHash = known.size < emails.length ? await hashPassword(DEMO_LOGIN.password) : null;

  const now = options.now ?? new Date();
  const today = utcToday(now);
  await ensureDemoPartitions(db, today);
  let usage: DemoUsageSummary | undefined;
  const counts = await withTx(db, async (tx) => {
    if (existingId) {
      await deleteUsage(tx, existingId);
      await deleteWorkspaceById(tx, existingId);
    }
    const workspace = await provisionWorkspace(tx, { slug: DEMO_LOGIN.workspace, name: DEMO_WORKSPACE_NAME });
    const memberIds = await addDemoMembers(tx, workspace.id, today, passwordHash);
    const rows = generateDemo({ workspaceId: workspace.id, today, memberIds });
    await insertDemoRows(tx, rows);
    await refreshAccountRevenue(tx, workspace.id);
    usage = await loadDemoUsage(tx, { workspaceId: workspace.id, today, now, accounts: rows.usage });
    // The quiet accounts and key players the history ends with are on their timelines from the
    // start, not only after the hourly non-usage job first runs.
    const quiet = await detectNonUsage(tx, today);
    // Scores for every day of the usage history, with sentiment where CSMs gave it.
    await loadDemoHealth(tx, { workspaceId: workspace.id, today });
    // Churn and expansion models trained on that history, so the Risk page shows real figures.
    const actor = { kind: "system", label: "demo loader" } as const;
    await retrainWorkspace({ db: tx, workspaceId: workspace.id, actor }, { afterBulkLoad: true });
    return {
      members: DEMO_MEMBERS.length,
      accounts: rows.accounts.length,
      contacts: rows.contacts.length,
      subscriptions: rows.subscriptions.length,
      teamMembers: rows.teamMembers.length,
      timelineEntries: rows.timeline.length + quiet.accounts + quiet.keyPlayers,
      customFieldDefs: rows.customFieldDefs.length,
      usageEvents: usage.events,
      productUsers: usage.productUsers,
    };
  });
  return result(true, counts, usage);
}

/** Creates the demo logins that do not exist yet and makes everyone a member; returns user ids by roster key. */
async function addDemoMembers(
  db: Db,
  workspaceId: string,
  today: string,
  passwordHash: string | null,
): Promise<MemberIds> {
  const emails = DEMO_MEMBERS.map((m) => m.email.toLowerCase());
  const known = await usersByEmail(db, emails);
  const missing = DEMO_MEMBERS.filter((m) => !known.has(m.email.toLowerCase()));
  if (missing.length > 0) {
    const hash = passwordHash ?? (await hashPassword(DEMO_LOGIN.password));
    await insertUsers(
      db,
      missing.map((m) => ({ id: newId(), email: m.email.toLowerCase(), name: m.name, passwordHash: hash })),
    );
  }
  const ids = await usersByEmail(db, emails);
  const memberIds: MemberIds = {};
  for (const m of DEMO_MEMBERS) {
    const id = ids.get(m.email.toLowerCase());
    if (!id) throw new Error(`demo user ${m.email} was not created`);
    memberIds[m.key] = id;
  }
  // The team "joined" two years ago, before the oldest customer.
  const joined = atOffset(today, -760, 9, 0);
  await insertMemberships(
    db,
    DEMO_MEMBERS.map((m) => ({
      workspaceId,
      userId: memberIds[m.key] as string,
      role: m.role,
      function: m.function,
      title: m.title,
      createdAt: joined,
    })),
  );
  return memberIds;
}
