import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launch, login, newContext, shot, tableRows } from "./browser.ts";

describe("settings", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    context = await newContext(browser);
    page = await context.newPage();
    await login(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("lists the members", async () => {
    await page.goto("/settings/members");
    const rows = await tableRows(page, "Members");
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    await shot(page, "settings-members");
  });

  test("creates an API key and shows the secret only once", async () => {
    await page.goto("/settings/api-keys");
    await page.getByRole("button", { name: "Create API key" }).click();
    const name = `E2E key ${Date.now()}`;
    const dialog = page.getByRole("dialog", { name: "Create an API key" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByRole("checkbox", { name: /^write/ }).check();
    await dialog.getByRole("button", { name: "Create key" }).click();

    const keyBox = page.getByTestId("new-api-key");
    await keyBox.waitFor();
    const secret = ((await keyBox.textContent()) ?? "").trim();
    expect(secret.length).toBeGreaterThan(20);
    expect(await page.getByText("This is the only time Steward shows it").count()).toBe(1);
    await page.getByRole("button", { name: "Copy" }).waitFor();
    await page.waitForTimeout(300);
    await shot(page, "api-key-created");
    await page.getByRole("button", { name: "I have copied the key" }).click();
    await keyBox.waitFor({ state: "detached" });

    // The list shows the key's name and prefix, never the secret.
    const rows = await tableRows(page, "API keys");
    const row = rows.filter({ hasText: name });
    await row.waitFor();
    expect(secret.startsWith(((await row.locator("code").textContent()) ?? "").replace("…", ""))).toBe(true);
    await page.reload();
    await (await tableRows(page, "API keys")).filter({ hasText: name }).waitFor();
    expect(await page.content()).not.toContain(secret);
    await shot(page, "settings-api-keys");

    // Revoke it with confirmation.
    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
    await (await tableRows(page, "API keys")).filter({ hasText: name }).getByText("Revoked").waitFor();
  });

  test("an admin invites a viewer, who signs in and then sees no write actions", async () => {
    const email = `viewer-${Date.now()}@example.com`;
    const password = "viewer-password-123";
    await page.goto("/settings/members");
    await page.getByRole("button", { name: "Invite member" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite a member" });
    await dialog.getByLabel(/^Name/).fill("Vera Viewer");
    await dialog.getByLabel(/^Email/).fill(email);
    await dialog.getByRole("combobox", { name: /^Role/ }).click();
    await page.getByRole("option", { name: "Viewer", exact: true }).click();
    await dialog.getByLabel(/^Initial password/).fill(password);
    await dialog.getByRole("button", { name: "Send invitation" }).click();
    // A new login joins with its first sign-in; until then the invitation is pending.
    await (await tableRows(page, "Pending invitations")).filter({ hasText: email }).waitFor();

    const viewerContext = await newContext(browser);
    const viewer = await viewerContext.newPage();
    await login(viewer, { email, password });
    // A viewer lands on the inbox too, with no New task; the accounts list has no New account.
    expect(await viewer.getByRole("button", { name: "New task" }).count()).toBe(0);
    await viewer.getByRole("link", { name: "Accounts", exact: true }).click();
    await (await tableRows(viewer, "Accounts")).first().waitFor();
    expect(await viewer.getByRole("button", { name: "New account" }).count()).toBe(0);
    expect(await viewer.getByRole("link", { name: "Import", exact: true }).count()).toBe(0);
    await (await tableRows(viewer, "Accounts")).first().getByRole("link").first().click();
    await viewer.getByText("Key players").first().waitFor();
    expect(await viewer.getByRole("button", { name: "Edit" }).count()).toBe(0);
    expect(await viewer.getByRole("button", { name: "Add note" }).count()).toBe(0);
    expect(await viewer.getByRole("button", { name: "Add contact" }).count()).toBe(0);
    await shot(viewer, "viewer-account");
    await viewerContext.close();
  });

  test("shows the audit log", async () => {
    await page.goto("/settings/audit-log");
    const rows = await tableRows(page, "Audit log");
    await rows.first().waitFor();
    await shot(page, "settings-audit-log");
  });
});
