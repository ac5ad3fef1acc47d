import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { baseUrl, eventually, launch, login, newContext, shot, tableRows } from "./browser.ts";

type AccountRef = { id: string; name: string; externalId: string; hadUsage: boolean };

describe("usage", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const run = Date.now();
  const sourceName = `E2E source ${run}`;
  const eventName = `E2E Report Exported ${run}`;
  const parkedGroup = `e2e-unknown-${run}`;
  let writeKey = "";
  let account: AccountRef;

  /** Sends a Segment batch to the Tracking API with the write key as the Basic-auth user name. */
  const sendBatch = async (batch: object[]) => {
    const res = await fetch(`${baseUrl}/v1/batch`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ batch }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { stored: number; rejected?: { message: string }[] };
  };

  beforeAll(async () => {
    browser = await launch();
    context = await newContext(browser);
    page = await context.newPage();
    await login(page);
    // An account with an external id (the group id events are attributed by), preferably one without
    // usage yet, so the event sent here is the one its Usage tab shows.
    account = await page.evaluate(async () => {
      const res = await fetch("/api/v1/accounts?limit=100&sort=name");
      const body = (await res.json()) as { data: { id: string; name: string; externalId: string | null }[] };
      const candidates = body.data.filter((x) => x.externalId);
      if (candidates.length === 0) throw new Error("no demo account has an external id");
      for (const a of candidates.slice(0, 40)) {
        const u = await fetch(`/api/v1/accounts/${a.id}/usage?period=90d`);
        const usage = (await u.json()) as { lastActiveOn: string | null };
        if (u.ok && usage.lastActiveOn === null) {
          return { id: a.id, name: a.name, externalId: a.externalId as string, hadUsage: false };
        }
      }
      const a = candidates[0] as { id: string; name: string; externalId: string };
      return { id: a.id, name: a.name, externalId: a.externalId, hadUsage: true };
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("creates a source and shows its write key once, with the snippet", async () => {
    await page.goto("/settings/sources");
    await page.getByRole("button", { name: "Create source" }).click();
    const dialog = page.getByRole("dialog", { name: "Create a source" });
    await dialog.getByLabel(/^Name/).fill(sourceName);
    await dialog.getByRole("radio", { name: /Park the events/ }).check();
    await dialog.getByRole("button", { name: "Create source" }).click();

    const keyBox = page.getByTestId("new-write-key");
    await keyBox.waitFor();
    writeKey = ((await keyBox.textContent()) ?? "").trim();
    expect(writeKey.length).toBeGreaterThanOrEqual(20);
    const snippet = page.getByRole("dialog").getByTestId("source-snippet");
    const code = (await snippet.getByLabel("Snippet").textContent()) ?? "";
    expect(code).toContain(`writeKey: '${writeKey}'`);
    expect(code).toContain(`host: '${baseUrl}'`);
    expect(code).toContain("path: '/v1/batch'");
    await page.waitForTimeout(300);
    await shot(page, "usage-source-created");
    await page.getByRole("button", { name: "I have copied the key" }).click();
    await keyBox.waitFor({ state: "detached" });

    const row = (await tableRows(page, "Sources")).filter({ hasText: sourceName });
    await row.waitFor();
    expect(writeKey.startsWith(((await row.locator("code").textContent()) ?? "").replace("…", ""))).toBe(
      true,
    );
    await row.getByText("Park for review").waitFor();
    await page.reload();
    await (await tableRows(page, "Sources")).filter({ hasText: sourceName }).waitFor();
    expect(await page.content()).not.toContain(writeKey);
  });

  test("events sent with the key appear in the live tail", async () => {
    await page.goto("/usage?tab=live");
    await page.getByRole("combobox", { name: "Source" }).click();
    await page.getByRole("option", { name: sourceName }).click();
    await page.getByText("Waiting for events…").waitFor();

    const result = await sendBatch([
      {
        type: "identify",
        userId: `e2e-user-${run}`,
        traits: { email: `ana-${run}@example.com`, name: "Ana Ruiz", title: "Ops lead" },
      },
      {
        type: "group",
        userId: `e2e-user-${run}`,
        groupId: account.externalId,
        traits: { name: account.name },
      },
      { type: "track", userId: `e2e-user-${run}`, event: eventName, properties: { format: "csv" } },
      { type: "group", userId: `e2e-other-${run}`, groupId: parkedGroup, traits: { name: "Mystery Co" } },
      { type: "track", userId: `e2e-user-${run}` },
    ]);
    expect(result.stored).toBe(4);
    expect(result.rejected?.length).toBe(1);

    // The tail polls every 2 s: the track call shows up on top of the others, with its account.
    const row = (await tableRows(page, "Live events")).filter({ hasText: eventName });
    await row.waitFor({ timeout: 10_000 });
    await row.getByRole("link", { name: account.name }).waitFor();
    expect(await (await tableRows(page, "Live events")).filter({ hasText: "Parked" }).count()).toBe(1);
    await row.click();
    const details = page.getByTestId("event-details");
    await details.waitFor();
    expect(await details.textContent()).toContain('"format": "csv"');
    await shot(page, "usage-live-tail");

    await page.getByRole("button", { name: "Pause" }).click();
    await page.getByText("Paused", { exact: true }).waitFor();
  });

  test("the source lists its rejections", async () => {
    await page.goto("/settings/sources");
    const row = (await tableRows(page, "Sources")).filter({ hasText: sourceName });
    const rejected = row.getByRole("button", { name: `Rejections of ${sourceName}` });
    await eventually(async () => ((await rejected.textContent()) ?? "").trim() === "1");
    await rejected.click();
    const drawer = page.getByRole("dialog", { name: `Rejected by “${sourceName}”` });
    await (await tableRows(page, "Rejections")).first().waitFor();
    expect(await drawer.textContent()).toContain("event name");
    await page.waitForTimeout(400); // the drawer slides in
    await shot(page, "usage-source-rejections");
  });

  test("rotating the key shows the new one once; the old key stops working", async () => {
    await page.goto("/settings/sources");
    const row = (await tableRows(page, "Sources")).filter({ hasText: sourceName });
    await row.getByRole("button", { name: `Actions for ${sourceName}` }).click();
    await page.getByRole("menuitem", { name: "Rotate write key" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Rotate key" }).click();
    const keyBox = page.getByTestId("new-write-key");
    await keyBox.waitFor();
    const oldKey = writeKey;
    writeKey = ((await keyBox.textContent()) ?? "").trim();
    expect(writeKey).not.toBe(oldKey);
    await page.getByRole("button", { name: "I have copied the key" }).click();

    const refused = await fetch(`${baseUrl}/v1/track`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${oldKey}:`).toString("base64")}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ userId: `e2e-user-${run}`, event: "Signed In" }),
    });
    expect(refused.status).toBe(401);
    expect((await sendBatch([{ type: "track", userId: `e2e-user-${run}`, event: "Signed In" }])).stored).toBe(
      1,
    );
  });

  test("the account's Usage tab shows the event", async () => {
    await page.goto(`/accounts/${account.id}?tab=usage&period=7d`);
    const features = await tableRows(page, "Top features");
    // Without earlier usage the event sent above is the account's top feature; with demo history, one of many.
    await (account.hadUsage ? features.first() : features.filter({ hasText: eventName })).waitFor();
    const active = (await page.getByTestId("usage-active-users").textContent()) ?? "";
    expect(active).toMatch(/MAU [1-9]/);
    await page.locator("canvas").first().waitFor();
    await shot(page, "usage-account-tab");
  });

  test("the Usage page renders its tables", async () => {
    await page.goto("/usage");
    await (await tableRows(page, "Most engaged accounts")).first().getByRole("link").waitFor();
    await (await tableRows(page, "Least engaged accounts")).first().waitFor();
    await shot(page, "usage-overview");

    await page.getByRole("tab", { name: "Features" }).click();
    await page.getByRole("textbox", { name: "Find a feature" }).fill(String(run));
    await (await tableRows(page, "Feature adoption")).filter({ hasText: eventName }).waitFor();
    await eventually(async () => (await (await tableRows(page, "Feature adoption")).count()) === 1);
    await page.getByRole("button", { name: "Clear search" }).click();
    await shot(page, "usage-features");

    await page.getByRole("tab", { name: "Quiet" }).click();
    await page.getByLabel("Account quiet after (days)").waitFor();
    await tableRows(page, "Quiet accounts and key players");
    await shot(page, "usage-quiet");
  });

  test("an admin creates an account for a parked group", async () => {
    await page.goto("/usage?tab=parked");
    const row = (await tableRows(page, "Parked groups")).filter({ hasText: parkedGroup });
    await row.waitFor();
    await shot(page, "usage-parked");
    await row.getByRole("button", { name: `Resolve ${parkedGroup}` }).click();
    await page.getByRole("menuitem", { name: "Create account" }).click();
    const dialog = page.getByRole("dialog", { name: "Create an account for this group" });
    expect(await dialog.getByLabel(/^Account name/).inputValue()).toBe("Mystery Co");
    await dialog.getByRole("button", { name: "Create account" }).click();
    await dialog.waitFor({ state: "detached" });
    await row.waitFor({ state: "detached" });
  });

  test("a viewer sees the sources and usage without admin actions", async () => {
    const email = `usage-viewer-${run}@example.com`;
    const password = "viewer-password-123";
    await page.evaluate(
      async ({ email, password }) => {
        const session = (await (await fetch("/api/v1/auth/session")).json()) as { csrfToken: string };
        const res = await fetch("/api/v1/members", {
          method: "POST",
          headers: { "content-type": "application/json", "x-csrf-token": session.csrfToken },
          body: JSON.stringify({ email, name: "Una Viewer", role: "viewer", function: "sales", password }),
        });
        if (!res.ok) throw new Error(await res.text());
      },
      { email, password },
    );
    const viewerContext = await newContext(browser);
    const viewer = await viewerContext.newPage();
    await login(viewer, { email, password });
    await viewer.goto("/settings/sources");
    await (await tableRows(viewer, "Sources")).filter({ hasText: sourceName }).waitFor();
    expect(await viewer.getByRole("button", { name: "Create source" }).count()).toBe(0);
    expect(await viewer.getByRole("button", { name: `Actions for ${sourceName}` }).count()).toBe(0);
    await viewer.getByTestId("source-snippet").waitFor();

    await viewer.goto("/usage?tab=features");
    await (await tableRows(viewer, "Feature adoption")).first().waitFor();
    expect(await viewer.getByRole("button", { name: /^Edit / }).count()).toBe(0);
    await viewer.goto("/usage?tab=quiet");
    await viewer.getByLabel("Account quiet after (days)").waitFor();
    expect(await viewer.getByRole("button", { name: "Save thresholds" }).count()).toBe(0);
    await shot(viewer, "usage-viewer-quiet");
    await viewerContext.close();
  });
});
