import type { Browser, Page } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import {
  baseUrl,
  demoLogin,
  eventually,
  fieldLabel,
  launch,
  literal,
  login,
  newContext,
  pick,
  shot,
  shotOf,
  tableRows,
  withSignedInPage,
} from "./browser.ts";

const RISK = "Risk: health turned poor";

type Definition = {
  appliesTo: { coverage: string[] };
  groups: { measures: { source: string; rule: unknown; missing: string }[] }[];
};
type Model = { id: string; name: string; published: { definition: Definition } | null };
type Target = { id: string; name: string; csm: { name: string; email: string } };

const getJson = async <T>(page: Page, path: string): Promise<T> => {
  const res = await page.request.get(path);
  expect(res.ok(), `GET ${path}`).toBe(true);
  return (await res.json()) as T;
};

const postJson = async <T>(page: Page, csrfToken: string, path: string, data: unknown): Promise<T> => {
  const res = await page.request.post(path, { headers: { "x-csrf-token": csrfToken }, data });
  expect(res.ok(), `POST ${path}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
};

/** The UTC date `days` days from now (negative: in the past). */
const dayFromNow = (days: number): string =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Whether a rule could start the risk playbook on the account now: not while it runs there, nor
 * while a rule's hold-out of the account is still followed.
 */
async function riskCanStart(page: Page, playbookId: string, accountId: string): Promise<boolean> {
  for (const status of ["active", "held_out"]) {
    const runs = await getJson<{ data: unknown[] }>(
      page,
      `/api/v1/playbook-runs?playbookId=${playbookId}&accountId=${accountId}&status=${status}&limit=1`,
    );
    if (runs.data.length > 0) return false;
  }
  return true;
}

const riskPlaybookId = async (page: Page): Promise<string> => {
  const playbooks = (await getJson<{ data: { id: string; name: string }[] }>(page, "/api/v1/playbooks")).data;
  const risk = playbooks.find((p) => p.name === RISK);
  if (!risk) throw new Error(`the demo has no playbook named ${RISK}`);
  return risk.id;
};

/**
 * A high-touch customer of the test's own, set up through the REST API as an admin would: the
 * demo's accounts move with the day they are generated on, and on some days none sits where a
 * CSM's rating can sway it. Half a year into a flat subscription (past the onboarding window, its
 * MRR trend known), with a champion on file, one person last seen in the product a week ago and a
 * rating of 5, the published model that reads the CSM's sentiment puts it in the average band, a
 * few points above poor. The subscription comes last, so its first score is already average: a
 * first score is no change of band, and no rule has anything to start on it.
 *
 * Where it lands is the server's own scoring: its health says average, and the preview scores
 * today's values with the model changed only in its sentiment measure — every rating and none
 * score 0, as a rating of 1 does — and says poor. Nothing of the scoring is repeated here.
 */
async function aHighTouchCustomerNearPoor(page: Page, stamp: number): Promise<Target> {
  const { csrfToken } = await getJson<{ csrfToken: string }>(page, "/api/v1/auth/session");
  const models = (await getJson<{ data: Model[] }>(page, "/api/v1/health/models")).data;
  const reading = (m: Model) =>
    m.published?.definition.groups.some((g) => g.measures.some((x) => x.source === "sentiment.rating"));
  const model = models.find(reading);
  const definition = model?.published?.definition;
  if (!model || !definition) throw new Error("no published health model reads the CSM's sentiment");
  expect(definition.appliesTo.coverage, `${model.name} applies to`).toContain("one_to_one");

  // Its CSM: a customer success manager other than the admin signed in here.
  const members = (
    await getJson<{ data: { userId: string; name: string; email: string }[] }>(
      page,
      "/api/v1/members?function=customer_success&role=member&limit=50",
    )
  ).data;
  const csm = members.find((m) => m.email !== demoLogin.email);
  if (!csm) throw new Error("the demo has no customer success manager besides the admin");

  const name = `Larkspur Freight ${stamp}`;
  const externalId = `larkspur-freight-${stamp}`;
  const account = await postJson<{ id: string }>(page, csrfToken, "/api/v1/accounts", {
    name,
    externalId,
    industry: "Logistics",
    country: "United States",
    lifecycleStage: "adoption",
    coverage: "one_to_one",
    ownerId: csm.userId,
  });
  await postJson(page, csrfToken, `/api/v1/accounts/${account.id}/team`, {
    userId: csm.userId,
    teamRole: "csm",
  });
  await postJson(page, csrfToken, "/api/v1/contacts", {
    accountId: account.id,
    firstName: "Maya",
    lastName: "Lindqvist",
    email: `maya.lindqvist.${stamp}@larkspur-freight.example`,
    title: "Head of Operations",
    decisionRole: "champion",
  });

  // One of their people opened the dashboard a week ago, as the product reports it to a source.
  const source = await postJson<{ writeKey: string }>(page, csrfToken, "/api/v1/sources", {
    name: `Larkspur Freight app ${stamp}`,
    unknownAccounts: "park",
  });
  const lastActive = new Date(Date.now() - 7 * 86_400_000);
  const sent = await fetch(`${baseUrl}/v1/batch`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${source.writeKey}:`).toString("base64")}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({
      batch: [
        {
          type: "page",
          userId: `${externalId}-dispatcher`,
          name: "Dashboard",
          properties: { path: "/dashboard" },
          context: { groupId: externalId },
          timestamp: lastActive.toISOString(),
        },
      ],
    }),
  });
  expect(sent.status).toBe(200);
  expect(((await sent.json()) as { stored: number }).stored).toBe(1);
  // Usage is rolled up a moment after it is stored: scores read the rollups.
  await expect
    .poll(
      async () =>
        (
          await getJson<{ lastActiveOn: string | null }>(
            page,
            `/api/v1/accounts/${account.id}/usage?period=30d`,
          )
        ).lastActiveOn,
    )
    .toBe(lastActive.toISOString().slice(0, 10));

  await postJson(page, csrfToken, `/api/v1/accounts/${account.id}/sentiment`, {
    rating: 5,
    reasons: ["value_realized"],
    comment: "Their dispatch team runs the weekly review in the product now.",
  });
  await postJson(page, csrfToken, "/api/v1/subscriptions", {
    accountId: account.id,
    product: "Northwind Platform",
    plan: "Growth",
    seats: 40,
    mrrMinor: 180_000,
    startDate: dayFromNow(-180),
    renewalDate: dayFromNow(185),
    status: "active",
    billingPeriod: "annual",
  });

  const health = async () => {
    const h = await getJson<{ score: number | null; band: string | null; model: { id: string } | null }>(
      page,
      `/api/v1/accounts/${account.id}/health`,
    );
    return { model: h.model?.id ?? null, band: h.band, score: h.score };
  };
  await expect.poll(health).toMatchObject({ model: model.id, band: "average" });

  const rated = definition.groups.flatMap((g) => g.measures).find((m) => m.source === "sentiment.rating");
  if (!rated) throw new Error(`${model.name} lost its sentiment measure`);
  rated.rule = { kind: "range", from: 5, to: 6 };
  rated.missing = "poor";
  const preview = await postJson<{ accounts: { accountId: string; band: string | null }[] }>(
    page,
    csrfToken,
    "/api/v1/health/preview",
    { definition, accountIds: [account.id] },
  );
  expect(preview.accounts).toEqual([expect.objectContaining({ accountId: account.id, band: "poor" })]);

  // Setting it up started no risk playbook on it.
  expect(await riskCanStart(page, await riskPlaybookId(page), account.id)).toBe(true);
  return { id: account.id, name, csm: { name: csm.name, email: csm.email } };
}

type Rule = {
  name: string;
  enabled: boolean;
  actions: { kind: string; playbookId?: string; holdOutPercent?: number }[];
};

/** Rules switched on that start the risk playbook: one would start it before the rule built here. */
async function rulesStartingRisk(page: Page): Promise<string[]> {
  const risk = await riskPlaybookId(page);
  const rules = (await getJson<{ data: Rule[] }>(page, "/api/v1/rules")).data;
  return rules
    .filter((r) => r.enabled && r.actions.some((a) => a.kind === "start_playbook" && a.playbookId === risk))
    .map((r) => r.name);
}

/** The rule's runs with what each did on the account, and the account's runs: a failure's evidence. */
async function whatTheRuleDid(page: Page, name: string, accountId: string): Promise<string> {
  const rules = (await getJson<{ data: (Rule & { id: string })[] }>(page, "/api/v1/rules")).data;
  const rule = rules.find((r) => r.name === name);
  if (!rule) return `no rule named ${name}`;
  const runs = (await getJson<{ data: { id: string }[] }>(page, `/api/v1/rules/${rule.id}/runs`)).data;
  const details = await Promise.all(
    runs.map((r) => getJson<unknown>(page, `/api/v1/rules/${rule.id}/runs/${r.id}`)),
  );
  const account = await getJson<unknown>(page, `/api/v1/playbook-runs?accountId=${accountId}`);
  return JSON.stringify({ enabled: rule.enabled, runs: details, accountRuns: account });
}

/**
 * Switches a rule on or off from the rules list. A click that lands while the list is drawn again
 * (it refreshes after loading) is lost: the switch is clicked again until it shows the new state.
 */
async function switchRule(page: Page, name: string, to: "on" | "off"): Promise<void> {
  await page.goto("/rules");
  const row = (await tableRows(page, "Rules")).filter({ hasText: name });
  const done = page.getByRole("switch", { name: `${name} is ${to}` });
  const saved = async () =>
    (await getJson<{ data: Rule[] }>(page, "/api/v1/rules")).data.find((r) => r.name === name)?.enabled ===
    (to === "on");
  for (let attempt = 0; attempt < 3 && !(await done.isVisible()); attempt++) {
    // Clicked only while the server still has the old state: a slow save is waited for, not undone.
    if (await saved()) {
      await page.reload();
      break;
    }
    await row
      .getByRole("switch", { name: `${name} is ${to === "on" ? "off" : "on"}` })
      .click({ force: true });
    await done.waitFor({ timeout: 10_000 }).catch(() => {});
  }
  await done.waitFor();
}

/** Builds a rule in the editor: "health band turns poor" (the default trigger) → start the risk playbook. */
async function buildRiskRule(page: Page, name: string): Promise<void> {
  await page.goto("/rules");
  await page.getByRole("link", { name: "New rule" }).first().click();
  await page.waitForURL(/\/rules\/new$/);
  await page.getByLabel(fieldLabel("Name")).fill(name);
  expect(await page.getByRole("combobox", { name: "When" }).inputValue()).toBe("Health band changes");
  expect(await page.getByRole("combobox", { name: "Band" }).inputValue()).toBe("Turns poor");
  const action = page.getByTestId("rule-action").first();
  await pick(page, action.getByRole("combobox", { name: "Action 1" }), "Start a playbook");
  await pick(page, action.getByLabel(fieldLabel("Playbook")), RISK);
  // Every account it catches gets the playbook: the story needs this one treated, not held out.
  await action.getByLabel("Hold out").fill("0");
  await page.getByRole("button", { name: "Save rule" }).click();
  await page.waitForURL(/\/rules\/[0-9a-f-]{36}$/);
  await page.getByRole("heading", { name, level: 2 }).waitFor();
  await page.getByTestId("rule-summary").getByText(`Start the ${RISK} playbook`).waitFor();
  // Saved without a hold-out: with one, the account could be held out at random and get no tasks.
  const saved = (await getJson<{ data: Rule[] }>(page, "/api/v1/rules")).data.find((r) => r.name === name);
  expect(saved?.actions).toEqual([expect.objectContaining({ kind: "start_playbook", holdOutPercent: 0 })]);
}

describe("playbooks", () => {
  let page: Page;
  withSignedInPage((p) => {
    page = p;
  });
  let csmBrowser: Browser | undefined;
  afterAll(async () => {
    await csmBrowser?.close();
  });

  test("a rule turns a health drop into the risk playbook, whose tasks land in the CSM's inbox; the CSM closes one; the rule's log says why; a new rule's replay lists the accounts it would have caught", async () => {
    const stamp = Date.now();
    const target = await aHighTouchCustomerNearPoor(page, stamp);
    // The demo's own band rule would start the playbook first: the admin switches it off for now.
    const others = await rulesStartingRisk(page);
    for (const other of others) await switchRule(page, other, "off");
    const ruleName = `Health turned poor → risk playbook ${stamp}`;

    // An admin builds the rule in the editor and switches it on.
    await buildRiskRule(page, ruleName);
    await shot(page, "playbook-rule");
    await page.getByRole("switch", { name: `${ruleName} is off` }).click({ force: true });
    await page.getByRole("switch", { name: `${ruleName} is on` }).waitFor();

    // The account's CSM signs in and rates the customer's sentiment 1: its health turns poor.
    csmBrowser = await launch();
    const csm = await (await newContext(csmBrowser)).newPage();
    await login(csm, { email: target.csm.email, password: demoLogin.password });
    await csm.goto(`/accounts/${target.id}`);
    await csm.getByRole("heading", { name: target.name, level: 2 }).waitFor();
    const panel = csm.getByTestId("health-panel");
    await panel.getByRole("button", { name: "Rate sentiment" }).click();
    const dialog = csm.getByRole("dialog", { name: "Rate this customer's sentiment" });
    // The first star's label lies under the rating's "none" label, which would take a pointer's click.
    const one = await dialog.locator('[data-testid="sentiment-rating"] input[value="1"]').getAttribute("id");
    await dialog.locator(`label[for="${one}"]`).dispatchEvent("click");
    await dialog.getByText("1 — at risk", { exact: true }).waitFor();
    await dialog.getByText("Relationship", { exact: true }).click();
    await dialog.getByLabel("Comment").fill(`Their champion stopped answering ${stamp}`);
    await dialog.getByRole("button", { name: "Save rating" }).click();
    await dialog.waitFor({ state: "hidden" });
    await eventually(async () => {
      if ((await panel.locator('[data-band="poor"]').count()) > 0) return true;
      await csm.reload();
      return false;
    }, 30_000);

    // The rule started the risk playbook on the account: its card shows the run, by the rule.
    const card = csm.getByTestId("account-playbooks");
    const run = card.getByTestId("account-playbook-run").filter({ hasText: `Rule “${ruleName}”` });
    await eventually(
      async () => {
        if ((await run.count()) > 0) return true;
        await csm.reload();
        return false;
      },
      30_000,
      () => whatTheRuleDid(page, ruleName, target.id),
    );
    await run.getByRole("link", { name: RISK }).waitFor();
    expect(await run.getByTestId("run-progress").textContent()).toBe("0 of 5 steps closed");
    await run.getByRole("button", { name: "Show steps" }).click();
    await run.getByRole("table", { name: `Steps of ${RISK} on ${target.name}` }).waitFor();
    expect(await run.getByTestId("run-step").count()).toBe(5);
    expect(await run.getByTestId("run-step").first().textContent()).toContain(target.csm.name);
    await shotOf(card, "playbook-account-card");

    // In the CSM's inbox (Mine, this account's items) are the steps the CSM holds, each saying which
    // step of what and why.
    await csm.goto(`/inbox?account=${target.id}`);
    expect(await csm.getByRole("tab", { name: /^Mine/ }).getAttribute("aria-selected")).toBe("true");
    const mine = (await tableRows(csm, "Inbox")).filter({ hasText: target.name });
    const step2 = mine.filter({ hasText: `Step 2 of 5 · ${RISK}` });
    await step2.waitFor();
    expect(await mine.getByTestId("task-playbook-step").count()).toBeGreaterThanOrEqual(2);
    const reason = (await step2.getByTestId("task-reason").textContent()) ?? "";
    expect(reason).toContain(`started by rule "${ruleName}"`);
    expect(reason).toContain("health turned poor");
    const title = "Call the champion";
    await step2.getByText(title).waitFor();
    await shot(csm, "playbook-inbox");

    // The drawer names the step's role and links to the run.
    await step2.getByText(title).click();
    const drawer = csm.getByRole("dialog", { name: "Inbox item" });
    const details = drawer.getByTestId("task-reason-details");
    await details.getByTestId("task-playbook-step").getByText(`Step 2 of 5 · ${RISK}`).waitFor();
    await details.getByText("CSM", { exact: true }).waitFor();
    await shotOf(drawer, "playbook-inbox-drawer");
    await csm.keyboard.press("Escape");
    await drawer.waitFor({ state: "hidden" });

    // The CSM closes it with an outcome; it leaves the open inbox.
    await step2.getByRole("button", { name: `Close ${title}` }).click();
    const close = csm.getByRole("dialog", { name: "Close item" });
    await pick(csm, close.getByLabel(fieldLabel("Outcome")), /^Done/);
    await close
      .getByRole("textbox", { name: "Note" })
      .fill("Champion reached: a new project took the team away.");
    await close.getByRole("button", { name: "Close item" }).click();
    await close.waitFor({ state: "hidden" });
    await expect.poll(() => step2.count()).toBe(0);

    // The step's link opens the run on the playbook's page: one of five closed, with the outcome.
    await mine.getByTestId("task-playbook-step").first().click();
    await csm.waitForURL(/\/playbooks\/[0-9a-f-]{36}\?run=/);
    await csm.getByRole("heading", { name: RISK, level: 2 }).waitFor();
    const runs = await tableRows(csm, "Playbook runs");
    const runRow = runs.filter({ hasText: target.name }).first();
    await eventually(
      async () => (await runRow.getByTestId("run-progress").textContent()) === "1 of 5 steps closed",
    );
    const closed = csm.getByTestId("run-step").filter({ hasText: title });
    await closed.getByText("Done", { exact: true }).waitFor();
    await shot(csm, "playbook-runs");

    // The admin opens the rule's runs: the event's run, the account, why it fired and what it did.
    await page.goto("/rules");
    await (await tableRows(page, "Rules"))
      .filter({ hasText: ruleName })
      .getByRole("link", { name: ruleName })
      .click();
    await page.getByRole("tab", { name: "Runs" }).click();
    const ruleRuns = await tableRows(page, "Rule runs");
    await expect.poll(() => ruleRuns.count()).toBeGreaterThan(0);
    const fired = ruleRuns.filter({ hasText: "An event" }).first();
    expect(await fired.textContent()).toContain("Succeeded");
    await fired.click();
    const matched = (await tableRows(page, "Run accounts")).filter({ hasText: target.name });
    await matched.waitFor();
    expect(await matched.textContent()).toContain("health turned poor");
    expect(await matched.textContent()).toContain("started the playbook (5 tasks)");
    await shot(page, "playbook-rule-runs");

    // A second rule, left off, replayed over 90 days: the accounts it would have caught.
    const replayed = `Poor health, replayed ${stamp}`;
    await buildRiskRule(page, replayed);
    await page.getByRole("switch", { name: `${replayed} is off` }).waitFor();
    await page.getByRole("tab", { name: "Replay" }).click();
    await page.getByRole("button", { name: "Replay", exact: true }).click();
    await page.getByTestId("replay-summary").waitFor();
    const caught = await tableRows(page, "Accounts caught");
    await expect.poll(() => caught.count()).toBeGreaterThan(0);
    await shot(page, "playbook-rule-replay");

    // The first rule switched off again, so other suites' health changes start no playbook, and
    // the demo's own rules back on.
    await switchRule(page, ruleName, "off");
    for (const other of others) await switchRule(page, other, "on");
  });

  test("an admin keeps the library: a new playbook's steps checked at their fields and reordered, defaults restored, a started playbook archived rather than deleted", async () => {
    const stamp = Date.now();
    const name = `Executive escalation ${stamp}`;
    await page.goto("/playbooks");
    await page.getByRole("heading", { name: "Playbooks", level: 2 }).waitFor();
    await (await tableRows(page, "Playbooks")).filter({ hasText: RISK }).waitFor();

    // Nothing is missing from the defaults, and the page says so.
    await page.getByRole("button", { name: "Restore defaults" }).click();
    await page
      .getByTestId("playbooks-restored")
      .getByText("Nothing was missing: every default playbook is here.")
      .waitFor();

    await page.getByRole("link", { name: "New playbook" }).click();
    await page.waitForURL(/\/playbooks\/new$/);
    await page.getByLabel(fieldLabel("Name")).fill(name);
    const steps = page.getByTestId("playbook-step");
    await steps.nth(0).getByLabel(fieldLabel("Title")).fill("Brief the sponsor");
    await page.getByRole("button", { name: "Add step" }).click();
    await steps.nth(1).getByLabel(fieldLabel("Title")).fill("Sponsor call");
    await steps.nth(1).getByLabel(fieldLabel("Due in")).fill("400");
    await pick(page, steps.nth(1).getByRole("combobox", { name: "Owner" }), "Executive sponsor");
    // A step due past a year is refused at its own field, in words.
    await page.getByRole("button", { name: "Save playbook" }).click();
    await steps.nth(1).getByText("Due in is at most a year").waitFor();
    await shot(page, "playbook-editor-issue");
    await steps.nth(1).getByLabel(fieldLabel("Due in")).fill("10");
    // Moved up, the sponsor call becomes step 1.
    await page.getByRole("button", { name: "Move step 2 up" }).click();
    expect(await steps.nth(0).getByLabel(fieldLabel("Title")).inputValue()).toBe("Sponsor call");
    await page.getByRole("button", { name: "Save playbook" }).click();
    await page.waitForURL(/\/playbooks\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { name, level: 2 }).waitFor();
    const saved = page.getByTestId("playbook-steps").locator("tbody tr");
    expect(await saved.first().textContent()).toContain("Sponsor call");
    expect(await saved.first().textContent()).toContain("Executive sponsor");

    // The report has nothing to compare: no rule holds accounts out of it.
    await page.getByRole("tab", { name: "Report" }).click();
    await page.getByTestId("playbook-report-empty").getByText("Nothing to compare yet").waitFor();

    // Started on an account, it can no longer be deleted: the server's reason shows, and it is archived.
    const account = (
      await getJson<{ data: { id: string; name: string }[] }>(page, "/api/v1/accounts?limit=1")
    ).data[0];
    if (!account) throw new Error("the demo has no account");
    await page.goto(`/accounts/${account.id}`);
    const card = page.getByTestId("account-playbooks");
    await card.getByRole("button", { name: "Start a playbook" }).click();
    const start = page.getByRole("dialog", { name: "Start a playbook" });
    await pick(page, start.getByLabel(fieldLabel("Playbook")), name, name);
    await start
      .getByTestId("start-playbook-steps")
      .getByText("Sponsor call (Executive sponsor, day 10)", { exact: false })
      .waitFor();
    await start.getByRole("button", { name: "Start playbook" }).click();
    await start.waitFor({ state: "hidden" });
    const run = card.getByTestId("account-playbook-run").filter({ hasText: name });
    await run.getByTestId("run-progress").getByText("0 of 2 steps closed").waitFor();

    // Started again while it runs, the server refuses, in its words.
    await card.getByRole("button", { name: "Start a playbook" }).click();
    await pick(page, start.getByLabel(fieldLabel("Playbook")), name, name);
    await start.getByRole("button", { name: "Start playbook" }).click();
    await start.getByText(new RegExp(`is already running on ${literal(account.name)}`)).waitFor();
    await page.keyboard.press("Escape");
    await start.waitFor({ state: "hidden" });

    // Stopped after asking: its steps close as not needed.
    await run.getByRole("button", { name: "Stop" }).click();
    await page
      .getByRole("dialog", { name: `Stop ${name}?` })
      .getByRole("button", { name: "Stop playbook" })
      .click();
    await run.getByText("Stopped", { exact: true }).waitFor();

    await run.getByRole("link", { name }).click();
    await page.getByRole("heading", { name, level: 2 }).waitFor();
    await page.getByRole("button", { name: "More actions" }).click();
    await page.getByRole("menuitem", { name: "Delete playbook" }).click();
    const confirm = page.getByRole("dialog", { name: `Delete “${name}”?` });
    await confirm.getByRole("button", { name: "Delete playbook" }).click();
    await confirm.getByText("archive it instead of deleting it", { exact: false }).waitFor();
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("button", { name: "Archive", exact: true }).click();
    await page.getByRole("button", { name: "Unarchive", exact: true }).waitFor();
    await page.goto("/playbooks");
    await page.getByText("Archived", { exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("show") === "archived");
    await (await tableRows(page, "Playbooks")).filter({ hasText: name }).waitFor();
  });
});
