import { addDays, utcToday } from "../../common/dates.ts";
import { newId } from "../../common/ids.ts";
import { type Db, withTx } from "../../db/transaction.ts";
import { detectNonUsage } from "../adoption/index.ts";
import { backfillChurnHistory, retrainWorkspace } from "../churn/index.ts";
import { recordSuccessHistory } from "../outcomes/index.ts";
import { hashPassword } from "../passwords/index.ts";
import { refreshAccountRevenue } from "../subscriptions/index.ts";
import { provisionWorkspace } from "../workflows/index.ts";
import { addDemoAdvocacy } from "./add-advocacy.ts";
import { addDemoAutomation } from "./add-automation.ts";
import { addDemoCharter } from "./add-charter.ts";
import { addDemoCoverage } from "./add-coverage.ts";
import { addDemoLifecycle } from "./add-lifecycle.ts";
import { addDemoRenewals } from "./add-renewals.ts";
import { addDemoRevenue } from "./add-revenue.ts";
import { addDemoStageHistory } from "./add-stages.ts";
import { atOffset } from "./dates.ts";
import {
  countWorkspace,
  type DemoCounts,
  deleteWorkspaceById,
  findWorkspaceIdBySlug,
  insertDemoRows,
  insertMemberships,
  insertUsers,
  renameWorkspace,
  usersByEmail,
} from "./demo.queries.ts";
import { type DemoProgress, DemoProgressMeter } from "./demo-progress.ts";
import { generateDemo } from "./generate.ts";
import { loadDemoHealth } from "./load-health.ts";
import { type DemoUsageSummary, ensureDemoPartitions, loadDemoUsage } from "./load-usage.ts";
import { DEMO_LOGIN, DEMO_MEMBERS, DEMO_WORKSPACE_NAME, type MemberIds } from "./roster.ts";
import { deleteUsage } from "./usage.queries.ts";

/**
 * The slug the demo is built under until its last step renames it to `demo`. The rename is the
 * marker that the demo is complete: a load stopped half-way (a kill, a crash) leaves a workspace
 * under this slug, which nobody can sign in to (its members are added in the last step) and the
 * next load deletes. No user can create it: the tilde is outside the slugs workspaces accept.
 */
export const DEMO_STAGING_SLUG = "~demo-loading";

export type LoadDemoOptions = {
  /** Delete the demo workspace (and everything in it) first, then load it again. */
  reset?: boolean;
  /** The moment the demo is loaded at: dates follow its day; no usage event is later. */
  now?: Date;
  /** Told the step and how far the load is, as it goes (the sign-in page shows it). */
  onProgress?: (progress: DemoProgress) => void;
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
 * time except that dates follow today. Does nothing when the workspace exists, unless `reset`.
 *
 * The load is many short transactions, not one long one, so that a server loading it in the
 * background keeps answering (on the embedded database a transaction holds the only connection).
 * It is built under DEMO_STAGING_SLUG and becomes `demo` — with its members, and replacing the old
 * demo on a reset — in one last transaction; what a stopped load left is deleted by the next one.
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

  const meter = new DemoProgressMeter(options.onProgress);
  meter.start("accounts");
  await deleteUnfinishedDemo(db);
  const now = options.now ?? new Date();
  const today = utcToday(now);
  const memberIds = await addDemoUsers(db);
  await ensureDemoPartitions(db, today);
  const workspace = await withTx(db, async (tx) => {
    const ws = await provisionWorkspace(tx, {
      slug: `demo-${newId().slice(-12)}`,
      name: DEMO_WORKSPACE_NAME,
    });
    await renameWorkspace(tx, ws.id, DEMO_STAGING_SLUG);
    return ws;
  });
  const rows = generateDemo({ workspaceId: workspace.id, today, memberIds });
  await insertDemoRows(db, rows, (f) => meter.within(f));
  await refreshAccountRevenue(db, workspace.id);

  meter.start("usage");
  const usage = await loadDemoUsage(
    db,
    { workspaceId: workspace.id, today, now, accounts: rows.usage },
    undefined,
    (f) => meter.within(f),
  );
  // The quiet accounts and key players the history ends with are on their timelines from the
  // start, not only after the hourly non-usage job first runs.
  const quiet = await detectNonUsage(db, today);

  // Today's success index of every account, as the daily job records it, so the index's history
  // (a health measure source) starts with the demo.
  await recordSuccessHistory({
    db,
    workspaceId: workspace.id,
    actor: { kind: "system", label: "demo loader" },
  });

  meter.start("health");
  // Scores for every day of the usage history, with sentiment where CSMs gave it.
  await loadDemoHealth(db, { workspaceId: workspace.id, today }, undefined, (f) => meter.within(f));

  meter.start("churn");
  // Churn and expansion models trained on that history, so the Risk page shows real figures.
  const actor = { kind: "system", label: "demo loader" } as const;
  await retrainWorkspace({ db, workspaceId: workspace.id, actor }, { afterBulkLoad: true });
  // What the model would have said each month of the history (trained on what was known then),
  // as the daily job would have kept it: renewal calibration and backtests read these.
  await backfillChurnHistory(
    { db, workspaceId: workspace.id, actor },
    Array.from({ length: 24 }, (_, k) => addDays(today, -30 * (24 - k))),
  );

  meter.start("finish");
  // How each account moved through the lifecycle, then segments with their membership history,
  // and the team's rules with a first log.
  await addDemoStageHistory(db, workspace.id, today);
  const automation = await addDemoAutomation(db, workspace.id, today);
  const finished = await withTx(db, async (tx) => {
    if (existingId) await deleteDemoWorkspace(tx, existingId);
    await addDemoMemberships(tx, workspace.id, today, memberIds);
    await addDemoCoverage({ db: tx, workspaceId: workspace.id, actor });
    await addDemoLifecycle({ db: tx, workspaceId: workspace.id, actor });
    await addDemoRevenue({ db: tx, workspaceId: workspace.id, actor }, today);
    const renewals = await addDemoRenewals({ db: tx, workspaceId: workspace.id, actor }, today);
    const asked = await addDemoAdvocacy({ db: tx, workspaceId: workspace.id, actor }, today);
    const charterVersions = await addDemoCharter(
      { db: tx, workspaceId: workspace.id, actor },
      today,
      memberIds,
    );
    await renameWorkspace(tx, workspace.id, DEMO_LOGIN.workspace);
    return {
      asks: asked.asks,
      charterVersions,
      timelineEntries: renewals.timelineEntries + asked.timelineEntries,
    };
  });
  meter.done();
  const counts: DemoCounts = {
    members: DEMO_MEMBERS.length,
    accounts: rows.accounts.length,
    contacts: rows.contacts.length,
    subscriptions: rows.subscriptions.length,
    teamMembers: rows.teamMembers.length,
    timelineEntries: rows.timeline.length + quiet.accounts + quiet.keyPlayers + finished.timelineEntries,
    customFieldDefs: rows.customFieldDefs.length,
    outcomes: rows.outcomes.length,
    tickets: rows.tickets.length,
    surveyResponses: rows.surveyResponses.length,
    touchpoints: rows.touchpoints.length,
    surveys: rows.surveys.length,
    surveyRecipients: rows.surveyRecipients.length,
    mailMessages: rows.mailMessages.length,
    // The inbox as generated, with what the rules added (playbooks aside: see DemoCounts.tasks).
    tasks: automation.tasks,
    usageEvents: usage.events,
    productUsers: usage.productUsers,
    advocacyAsks: finished.asks,
    charterVersions: finished.charterVersions,
  };
  return result(true, counts, usage);
}

/** True when a demo load was stopped before its end (its staging workspace is still there). */
export const hasUnfinishedDemo = async (db: Db): Promise<boolean> =>
  (await findWorkspaceIdBySlug(db, DEMO_STAGING_SLUG)) !== null;

async function deleteUnfinishedDemo(db: Db) {
  const staging = await findWorkspaceIdBySlug(db, DEMO_STAGING_SLUG);
  if (staging) await withTx(db, (tx) => deleteDemoWorkspace(tx, staging));
}

async function deleteDemoWorkspace(db: Db, workspaceId: string) {
  await deleteUsage(db, workspaceId);
  await deleteWorkspaceById(db, workspaceId);
}

/** Creates the demo logins that do not exist yet; returns user ids by roster key. */
async function addDemoUsers(db: Db): Promise<MemberIds> {
  const emails = DEMO_MEMBERS.map((m) => m.email.toLowerCase());
  const known = await usersByEmail(db, emails);
  const missing = DEMO_MEMBERS.filter((m) => !known.has(m.email.toLowerCase()));
  if (missing.length > 0) {
    // Hashing is the slow part of adding people: once for all of them, who share the password.
    const hash = await hashPassword(DEMO_LOGIN.password);
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
  return memberIds;
}

/** Everyone on the roster becomes a member: the last step, so no one signs in to half a demo. */
async function addDemoMemberships(db: Db, workspaceId: string, today: string, memberIds: MemberIds) {
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
      // One statement: a manager's own membership is checked at its end.
      managerId: m.manager ? (memberIds[m.manager] as string) : null,
      team: m.team ?? null,
      createdAt: joined,
    })),
  );
}
