import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import type { Job } from "../../src/contract/index.ts";
import { listJobs } from "../../src/domain/jobs/index.ts";
import { flushRollups } from "../../src/domain/usage/index.ts";
import { captureEmail } from "../../src/domain/workflows/index.ts";
import { defineJob, startJobRunner } from "../../src/jobs/index.ts";
import type { Caller, TestApp, TestWorkspace } from "../helpers/test-app.ts";
import type { Objects } from "./route-walker.ts";

/**
 * One object of every kind a route names, created in a workspace the way its users create them:
 * through the API as the workspace's owner, through the Segment endpoint for usage, and through
 * the job runner for a failed job. `letter` keeps natural keys (external ids, group ids, event
 * names) apart between workspaces; `name` goes into display names, so an answer showing another
 * workspace's data can be recognised by it.
 */
export async function createWorkspaceObjects(
  t: TestApp,
  ws: TestWorkspace,
  owner: Caller,
  letter: string,
  name: string,
): Promise<Objects> {
  const call = async <T = { id: string }>(method: string, url: string, body?: unknown): Promise<T> => {
    const res = await t.request(owner, method, url, body);
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  };
  const account = await call("POST", "/api/v1/accounts", { name: `${name} Corp`, externalId: `${letter}-1` });
  const contact = await call("POST", "/api/v1/contacts", {
    accountId: account.id,
    firstName: name,
    email: `ada@${letter.toLowerCase()}.example`,
    externalId: `${letter}-C1`,
  });
  const subscription = await call("POST", "/api/v1/subscriptions", {
    accountId: account.id,
    product: `${name} Platform`,
    mrrMinor: 10000,
    startDate: "2025-01-01",
    externalId: `${letter}-S1`,
  });
  const expansion = await call("POST", "/api/v1/expansion-opportunities", {
    accountId: account.id,
    title: `${name} analytics add-on`,
    arrMinor: 120000,
  });
  const teamMember = await call("POST", `/api/v1/accounts/${account.id}/team`, {
    userId: ws.users.member.id,
    teamRole: "csm",
  });
  const note = await call("POST", `/api/v1/accounts/${account.id}/timeline`, {
    title: `${name} kickoff`,
    contactId: contact.id,
  });
  const outcome = await call("POST", "/api/v1/outcomes", {
    contactId: contact.id,
    kind: "business_outcome",
    title: `${name} closes the books faster`,
  });
  const evidence = await call<{ evidence: { id: string }[] }>(
    "POST",
    `/api/v1/outcomes/${outcome.id}/evidence`,
    {
      note: `${name} closed in 4 days`,
    },
  );
  const outcomeTemplate = await call("POST", "/api/v1/outcome-templates", {
    kind: "personal_win",
    title: `${name} gets promoted`,
  });
  const planTemplate = await call("POST", "/api/v1/success-plan-templates", {
    name: `${name} onboarding`,
    objectives: [{ title: "Go live", milestones: [{ title: "Trained", dueInDays: 30 }] }],
  });
  const plan = await call<{ id: string; items: { id: string }[] }>("POST", "/api/v1/success-plans", {
    accountId: account.id,
    title: `${name} success plan`,
    templateId: planTemplate.id,
  });
  const planLink = await call<{ link: { id: string } }>("POST", `/api/v1/success-plans/${plan.id}/links`, {
    contactId: contact.id,
  });
  const task = await call("POST", "/api/v1/tasks", {
    accountId: account.id,
    title: `${name} kickoff follow-up`,
    dueDate: "2026-01-31",
  });
  const segment = await call("POST", "/api/v1/segments", {
    name: `${name} enterprise`,
    entity: "account",
    filter: { match: "all", conditions: [{ field: "name", op: "contains", value: name }] },
  });
  const rule = await call("POST", "/api/v1/rules", {
    name: `${name} renewal call`,
    trigger: { kind: "renewal", daysBefore: 90 },
    actions: [{ kind: "create_task", type: "lifecycle", priority: "medium", title: "Renewal call" }],
  });
  const ruleRun = await call("POST", `/api/v1/rules/${rule.id}/run`);
  const advocacyAsk = await call("POST", "/api/v1/advocacy/asks", {
    accountId: account.id,
    contactId: contact.id,
    kind: "case_study",
    detail: `${name} finance story`,
  });
  // An approved charter and the draft of its next version, both in the workspace's own words.
  await call("PUT", "/api/v1/charter/draft", {
    vision: `${name} customers succeed`,
    mission: `${name} guides every customer to value`,
    objectives: [{ stage: "adoption", text: `${name} seats active` }],
  });
  const charterVersion = await call("POST", "/api/v1/charter/draft/approve");
  const charterDraft = await call("PUT", "/api/v1/charter/draft", {
    vision: `${name} customers succeed and grow`,
    mission: `${name} guides every customer to value`,
    objectives: [{ stage: "roi", text: `${name} payback in a year` }],
  });
  const playbook = await call("POST", "/api/v1/playbooks", {
    name: `${name} QBR`,
    type: "activity",
    steps: [{ title: "Prepare the QBR", dueInDays: 7, ownerRole: "csm" }],
  });
  const playbookRun = await call("POST", `/api/v1/playbooks/${playbook.id}/runs`, { accountId: account.id });
  const touchpoint = await call("POST", "/api/v1/touchpoints", {
    accountId: account.id,
    channel: "meeting",
    title: `${name} kickoff meeting`,
    decisionStep: "implement",
    contactIds: [contact.id],
    qualityRating: 4,
  });
  // Mail a member sent to the capture address that names no customer: it waits for review.
  const captured = await captureEmail(
    ws.ctx,
    {
      envelopeFrom: null,
      messageId: `<review-${letter}@mail.test>`,
      date: new Date("2026-01-04T09:00:00Z"),
      from: [{ address: ws.users.member.email, name: null }],
      to: [{ address: `someone@${letter.toLowerCase()}-unknown.example`, name: null }],
      cc: [],
      replyTo: [],
      subject: `${name} question`,
      text: `${name} asks something`,
    },
    { captureDomain: "capture.test" },
  );
  const listItem = `${letter.toLowerCase()}_step`;
  await call("POST", "/api/v1/journey/lists/decision/items", { key: listItem, label: `${name} step` });
  const ticket = await call("POST", "/api/v1/tickets", {
    accountId: account.id,
    externalId: `${letter}-T1`,
    openedAt: "2026-01-05T09:00:00Z",
    satisfaction: 2,
  });
  const surveyResponse = await call("POST", "/api/v1/survey-responses", {
    contactId: contact.id,
    kind: "nps",
    score: 3,
    answeredAt: "2026-01-06T09:00:00Z",
    comment: `${name} is unhappy`,
  });
  const sentSurvey = await call<{ survey: { id: string } }>("POST", "/api/v1/surveys", {
    kind: "nps",
    audience: { contactIds: [contact.id] },
    recontactDays: 0,
  });
  const mail = await call<{ data: { id: string }[] }>("GET", "/api/v1/mail");
  const apiKey = await call("POST", "/api/v1/api-keys", { name: `${name} key`, scopes: ["read"] });
  const customField = `segment_${letter.toLowerCase()}`;
  await call("POST", "/api/v1/custom-fields", {
    entity: "account",
    key: customField,
    label: `${name} segment`,
    type: "text",
  });
  await call("PUT", `/api/v1/import-mappings/accounts/mapping-${letter}`, { columns: { Name: "name" } });
  const importRun = await call("POST", "/api/v1/imports/accounts", {
    csv: `externalId,name\n${letter}-2,${name} Two`,
    dryRun: false,
  });
  const sentiment = await call("POST", `/api/v1/accounts/${account.id}/sentiment`, { rating: 4 });

  const source = await call<{ id: string; writeKey: string }>("POST", "/api/v1/sources", {
    name: `${name} app`,
  });
  const feature = `${letter}-feature`;
  const parkedGroup = `${letter}-parked`;
  const ingest = await t.app.inject({
    method: "POST",
    url: "/v1/batch",
    headers: {
      "content-type": "application/json",
      authorization: `Basic ${Buffer.from(`${source.writeKey}:`).toString("base64")}`,
    },
    payload: {
      batch: [
        { type: "identify", userId: "u1", traits: { email: `ada@${letter.toLowerCase()}.example` } },
        { type: "group", userId: "u1", groupId: `${letter}-1` },
        { type: "track", userId: "u1", event: feature, context: { groupId: `${letter}-1` } },
        { type: "track", userId: "u2", event: feature, context: { groupId: parkedGroup } },
        // A rejected event, so the source has a rejection to list.
        { type: "track", userId: "u1" },
      ],
    },
  });
  if (ingest.statusCode !== 200) throw new Error(`ingest: ${ingest.statusCode} ${ingest.body}`);
  await flushRollups(t.database.db);

  const healthModel = await call("POST", "/api/v1/health/models", {
    name: `${name} model`,
    definition: {
      groups: [
        {
          key: "use",
          name: "Use",
          weight: 1,
          measures: [
            {
              key: "mrr",
              name: "MRR trend",
              source: "subscription.mrr_trend",
              rule: { kind: "range", from: 0, to: 1 },
              weight: 1,
            },
          ],
        },
      ],
    },
  });
  const backtest = await call<{ id: string; status: string }>(
    "POST",
    `/api/v1/health/models/${healthModel.id}/backtest`,
    { everyDays: 30 },
  );
  // Finished before the walk, so A's view of it cannot change while the walk runs.
  for (let s = backtest.status; s === "queued" || s === "running"; ) {
    await sleep(100);
    s = (await call<{ status: string }>("GET", `/api/v1/health/backtests/${backtest.id}`)).status;
  }

  return {
    slug: ws.slug,
    account: account.id,
    accountExternalId: `${letter}-1`,
    contact: contact.id,
    contactExternalId: `${letter}-C1`,
    subscription: subscription.id,
    subscriptionExternalId: `${letter}-S1`,
    expansion: expansion.id,
    teamMember: teamMember.id,
    note: note.id,
    outcome: outcome.id,
    evidence: (evidence.evidence[0] as { id: string }).id,
    outcomeTemplate: outcomeTemplate.id,
    plan: plan.id,
    planItem: (plan.items[0] as { id: string }).id,
    planLink: planLink.link.id,
    planTemplate: planTemplate.id,
    task: task.id,
    segment: segment.id,
    rule: rule.id,
    ruleRun: ruleRun.id,
    advocacyAsk: advocacyAsk.id,
    charterVersion: charterVersion.id,
    charterDraft: charterDraft.id,
    playbook: playbook.id,
    playbookRun: playbookRun.id,
    touchpoint: touchpoint.id,
    capturedEmail: captured.capturedEmailId as string,
    listItem,
    ticket: ticket.id,
    ticketExternalId: `${letter}-T1`,
    surveyResponse: surveyResponse.id,
    survey: sentSurvey.survey.id,
    mailMessage: (mail.data[0] as { id: string }).id,
    apiKey: apiKey.id,
    user: ws.users.member.id,
    customField,
    importMapping: `mapping-${letter}`,
    importRun: importRun.id,
    sentiment: sentiment.id,
    source: source.id,
    feature,
    parkedGroup,
    healthModel: healthModel.id,
    backtest: backtest.id,
  };
}

const failing = defineJob({
  name: "security.failing",
  description: "Test job security.failing.",
  payload: z.strictObject({ workspaceId: z.uuid() }),
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  handler: async () => {
    throw new Error("fails on purpose");
  },
});

/** A failed job of each workspace (what `retryJob` acts on): run by a short-lived job runner. */
export async function createFailedJobs(t: TestApp, workspaces: TestWorkspace[]): Promise<string[]> {
  const runner = await startJobRunner(t.database, [failing], { pollingIntervalSeconds: 0.5 });
  try {
    const ids: string[] = [];
    for (const ws of workspaces) {
      const id = await runner.send(failing, { workspaceId: ws.id });
      if (!id) throw new Error("the job was not queued");
      ids.push(id);
    }
    for (let i = 0; i < 200; i++) {
      const failed = await Promise.all(
        workspaces.map(async (ws) => (await listJobs(ws.ctx, { state: "failed", limit: 10 })).data as Job[]),
      );
      if (failed.every((jobs, n) => jobs.some((j) => j.id === ids[n]))) return ids;
      await sleep(100);
    }
    throw new Error("the jobs did not fail in time");
  } finally {
    await runner.stop();
  }
}

export type TwoWorkspaces = {
  a: TestWorkspace;
  b: TestWorkspace;
  aObjects: Objects;
  bObjects: Objects;
  /** A's owner, viewer, member and an ingest-only key; B's owner and an admin key (the intruders). */
  callers: Record<"aOwner" | "aViewer" | "aMember" | "aIngestKey" | "bOwner" | "bAdminKey", Caller>;
};

/** Workspace A ("alpha", whose names say Alpha) and workspace B ("bravo"), each with every kind of object. */
export async function twoWorkspaces(t: TestApp): Promise<TwoWorkspaces> {
  const a = await t.workspace("alpha");
  const b = await t.workspace("bravo");
  const callers: TwoWorkspaces["callers"] = {
    aOwner: await t.signIn(a.users.owner.email),
    aViewer: await t.signIn(a.users.viewer.email),
    aMember: await t.signIn(a.users.member.email),
    aIngestKey: await t.apiKey(a, ["ingest"]),
    bOwner: await t.signIn(b.users.owner.email),
    bAdminKey: await t.apiKey(b, ["read", "write", "admin", "ingest"]),
  };
  const aObjects = await createWorkspaceObjects(t, a, callers.aOwner, "A", "Alpha");
  const bObjects = await createWorkspaceObjects(t, b, callers.bOwner, "B", "Bravo");
  const [aJob, bJob] = await createFailedJobs(t, [a, b]);
  // A invites a person of B: what B's owner must not cancel, accept or decline in their place.
  const invited = await t.request(callers.aOwner, "POST", "/api/v1/members", {
    email: b.users.member.email,
    name: "Alpha guest",
    role: "member",
    function: "customer_success",
  });
  if (invited.statusCode !== 201) throw new Error(`invite: ${invited.statusCode} ${invited.body}`);
  return {
    a,
    b,
    aObjects: { ...aObjects, job: aJob as string, invitation: invited.json<{ id: string }>().id },
    bObjects: { ...bObjects, job: bJob as string },
    callers,
  };
}
