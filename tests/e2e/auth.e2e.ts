import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { demoLogin, launch, login, newContext, shot } from "./browser.ts";

describe("signing in", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    await context?.close();
    context = await newContext(browser);
    page = await context.newPage();
  });

  test("the bare address leads to sign-in, then to the inbox", async () => {
    await page.goto("/");
    await page.getByLabel("Email").fill(demoLogin.email);
    await page.getByLabel(/^Password/).fill(demoLogin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/inbox");
    await page.getByRole("heading", { name: "Inbox", level: 2 }).waitFor();
    // Signed in, the bare address is the inbox too.
    await page.goto("/");
    await page.waitForURL((url) => url.pathname === "/inbox");
  });

  test("a wrong password says so and signs nobody in", async () => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(demoLogin.email);
    await page.getByLabel(/^Password/).fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/email or password is not right/i);
    expect(new URL(page.url()).pathname).toBe("/login");
    await shot(page, "login-error");
  });

  test("signs in, shows the workspace in the user menu, and signs out", async () => {
    await login(page);
    await page.getByTestId("user-menu").click();
    await page.getByRole("menuitem", { name: "Sign out" }).waitFor();
    // The demo login belongs to one workspace: no switcher, just the workspace's name.
    expect(await page.getByRole("menu").textContent()).toContain("Northwind Cloud (demo)");
    expect(await page.getByText("Switch workspace").count()).toBe(0);
    expect(await page.getByRole("menuitemradio").count()).toBe(0);
    await shot(page, "user-menu");
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await page.waitForURL(/\/login/);
    // The session is gone: the app sends us back to the login page, remembering where we were.
    await page.goto("/contacts");
    await page.waitForURL(/\/login\?next=/);
    expect(decodeURIComponent(page.url())).toContain("next=/contacts");
  });

  test("when the session ends while working, the next request leads to the login page and back", async () => {
    await login(page);
    await context.clearCookies();
    await page.getByRole("link", { name: "Contacts", exact: true }).click();
    await page.waitForURL(/\/login\?next=/);
    expect(decodeURIComponent(page.url())).toContain("next=/contacts");
    await page.getByLabel("Email").fill(demoLogin.email);
    await page.getByLabel(/^Password/).fill(demoLogin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/contacts/);
    await page.getByRole("heading", { name: "Contacts" }).waitFor();
  });

  test("after signing in from a deep link, lands on that page", async () => {
    await page.goto("/settings/members");
    await page.waitForURL(/\/login/);
    await page.getByLabel("Email").fill(demoLogin.email);
    await page.getByLabel(/^Password/).fill(demoLogin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/settings\/members/);
    await page.getByRole("heading", { name: "Settings" }).waitFor();
  });
});
