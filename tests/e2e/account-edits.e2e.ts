import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TEAM_ROLES } from "../../src/contract/index.ts";
import { TEAM_ROLE_LABELS } from "../../src/web/lib/labels.ts";
import { demoLogin, launch, login, newContext, openEnterpriseAccount, shot } from "./browser.ts";

type TeamRole = (typeof TEAM_ROLES)[number];
type TeamRow = { id: string; userId: string; userName: string; teamRole: TeamRole };

/** The demo's read-only colleague; every demo login shares the password. */
const viewerLogin = { email: "nora.lindqvist@steward.local", password: demoLogin.password };

/** Calls the API with the page's session (and its CSRF token for writes). */
const apiCall = async (page: Page, method: "GET" | "POST", path: string, data?: unknown) => {
  const session = await (await page.request.get("/api/v1/auth/session")).json();
  const res = await page.request.fetch(path, {
    method,
    data,
    headers: method === "GET" ? {} : { "x-csrf-token": session.csrfToken },
  });
  return { status: res.status(), body: await res.json() };
};

const openFirstAccount = async (page: Page): Promise<string> => {
  const name = await openEnterpriseAccount(page);
  await page.getByTestId("timeline").waitFor();
  return name;
};

const noteItem = (page: Page, title: string) =>
  page.getByTestId("timeline").locator('.mantine-Timeline-item[data-kind="note"]').filter({ hasText: title });

const addNote = async (page: Page, title: string, body: string) => {
  await page.getByRole("button", { name: "Add note" }).click();
  const form = page.getByRole("form", { name: "Add note" });
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Note").fill(body);
  await form.getByRole("button", { name: "Save note" }).click();
  await noteItem(page, title).waitFor();
};

describe("editing an account", () => {
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

  test("edits a note in place and keeps the change", async () => {
    await openFirstAccount(page);
    const stamp = Date.now();
    const before = `E2E call ${stamp}`;
    const after = `E2E call with the CFO ${stamp}`;
    await addNote(page, before, "First draft.");

    // Entries Steward recorded offer no actions; notes do.
    const timeline = page.getByTestId("timeline");
    expect(await timeline.locator('.mantine-Timeline-item:not([data-kind="note"])').count()).toBeGreaterThan(
      0,
    );
    expect(
      await timeline
        .locator('.mantine-Timeline-item:not([data-kind="note"])')
        .getByRole("button", { name: /^Actions for note/ })
        .count(),
    ).toBe(0);

    await page.getByRole("button", { name: `Actions for note ${before}` }).click();
    await page.getByRole("menuitem", { name: "Edit note" }).click();
    const form = page.getByRole("form", { name: "Edit note" });
    expect(await form.getByLabel("Title").inputValue()).toBe(before);
    expect(await form.getByLabel("Note").inputValue()).toBe("First draft.");
    await form.getByLabel("Title").fill(after);
    await form.getByLabel("Note").fill("Agreed on the rollout plan; admin training next week.");
    await shot(page, "account-note-editing");
    await form.getByRole("button", { name: "Save changes" }).click();

    const edited = noteItem(page, after);
    await edited.waitFor();
    await form.waitFor({ state: "detached" });
    expect(await edited.textContent()).toContain("Agreed on the rollout plan; admin training next week.");
    expect(await edited.textContent()).toContain("edited");
    expect(await noteItem(page, before).count()).toBe(0);
    await shot(page, "account-note-edited");

    // It was stored.
    await page.reload();
    await noteItem(page, after).waitFor();
    expect(await noteItem(page, after).textContent()).toContain("admin training next week");
  });

  test("deletes a note only after confirming", async () => {
    await openFirstAccount(page);
    const title = `E2E note to delete ${Date.now()}`;
    await addNote(page, title, "Logged on the wrong account.");

    await page.getByRole("button", { name: `Actions for note ${title}` }).click();
    await page.getByRole("menuitem", { name: "Delete note" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete this note?" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(title);
    await shot(page, "account-note-delete-confirm");

    // Cancel keeps it.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await noteItem(page, title).count()).toBe(1);

    await page.getByRole("button", { name: `Actions for note ${title}` }).click();
    await page.getByRole("menuitem", { name: "Delete note" }).click();
    await dialog.getByRole("button", { name: "Delete note" }).click();
    await noteItem(page, title).waitFor({ state: "detached" });
    await page.reload();
    await page.getByTestId("timeline").waitFor();
    expect(await noteItem(page, title).count()).toBe(0);
  });

  test("a note over the length limit is refused at its field in plain words", async () => {
    await openFirstAccount(page);
    await page.getByRole("button", { name: "Add note" }).click();
    const form = page.getByRole("form", { name: "Add note" });
    await form.getByLabel("Title").fill(`E2E long note ${Date.now()}`);
    await form.getByLabel("Note").fill("x".repeat(20_001));
    await form.getByRole("button", { name: "Save note" }).click();
    await form.getByText("Note can be at most 20,000 characters").waitFor();
    expect(await form.textContent()).not.toMatch(/Too big|expected string|Invalid body/);
    await shot(page, "account-note-too-long");
    await form.getByRole("button", { name: "Cancel" }).click();
  });

  test("a contact without name or email is refused at the first-name field", async () => {
    await openFirstAccount(page);
    const accountId = new URL(page.url()).pathname.split("/").pop() ?? "";
    const contact = await apiCall(page, "POST", "/api/v1/contacts", {
      accountId,
      firstName: "Edith",
      lastName: `E2E ${Date.now()}`,
    });
    expect(contact.status).toBe(201);
    await page.goto(`/contacts/${contact.body.id}`);
    await page.getByRole("button", { name: "Edit" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("First name").fill("");
    await dialog.getByLabel("Last name").fill("");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.getByText("A contact needs a first name, a last name or an email").waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
  });

  test("many custom fields sit in their own section, the empty ones folded away", async () => {
    const stamp = Date.now();
    const keys = Array.from({ length: 8 }, (_, n) => `e2eField${stamp}x${n}`);
    await openFirstAccount(page);
    for (const [n, key] of keys.entries()) {
      const made = await apiCall(page, "POST", "/api/v1/custom-fields", {
        entity: "account",
        key,
        label: `E2E field ${n}`,
        type: "text",
      });
      expect(made.status).toBe(201);
    }
    try {
      await page.reload();
      await page.getByRole("button", { name: "Edit" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByText("Custom fields").waitFor();
      const more = dialog.getByRole("button", { name: /^Show \d+ more fields?$/ });
      await more.waitFor();
      expect(await dialog.getByLabel("E2E field 7").count()).toBe(0);
      await shot(page, "account-custom-fields-folded");
      await more.click();
      await dialog.getByLabel("E2E field 7").waitFor();
      await dialog.getByRole("button", { name: "Cancel" }).click();
    } finally {
      const session = await (await page.request.get("/api/v1/auth/session")).json();
      for (const key of keys) {
        await page.request.delete(`/api/v1/custom-fields/account/${key}`, {
          headers: { "x-csrf-token": session.csrfToken },
        });
      }
    }
  });

  test("changes a team member's role, and says so when the person already holds that role", async () => {
    await openFirstAccount(page);
    const accountId = new URL(page.url()).pathname.split("/").pop() ?? "";
    const team = (await apiCall(page, "GET", `/api/v1/accounts/${accountId}/team?limit=200`)).body
      .data as TeamRow[];
    const member = team[0];
    if (!member) throw new Error("the demo account has no team");
    const held = new Set(team.filter((m) => m.userId === member.userId).map((m) => m.teamRole));
    const [target, alsoHeld] = TEAM_ROLES.filter((r) => !held.has(r));
    if (!target || !alsoHeld) throw new Error("no free roles left for the test");
    const label = (r: TeamRole) => TEAM_ROLE_LABELS[r] ?? r;

    await page
      .getByRole("button", {
        name: `Change ${member.userName}'s role (now ${label(member.teamRole)})`,
      })
      .click();
    const current = page.getByRole("menuitemradio", { name: label(member.teamRole), exact: true });
    expect(await current.getAttribute("aria-checked")).toBe("true");
    await shot(page, "account-team-role-menu");
    await page.getByRole("menuitemradio", { name: label(target), exact: true }).click();

    await page.getByText(`${member.userName} is now ${label(target)}`).waitFor();
    const changed = page.getByRole("button", {
      name: `Change ${member.userName}'s role (now ${label(target)})`,
    });
    await changed.waitFor();
    await shot(page, "account-team-role-changed");
    await page.reload();
    await changed.waitFor();

    // The same person also joins in another role (through the API: the form offers only people not
    // on the team yet); asking for that role again is refused with the server's reason.
    const added = await apiCall(page, "POST", `/api/v1/accounts/${accountId}/team`, {
      userId: member.userId,
      teamRole: alsoHeld,
    });
    expect(added.status).toBe(201);
    await page.reload();
    await changed.click();
    await page.getByRole("menuitemradio", { name: label(alsoHeld), exact: true }).click();
    const error = page.getByText(`That person already holds the role ${label(alsoHeld)} on this account`);
    await error.waitFor();
    await shot(page, "account-team-role-conflict");
    // Nothing changed.
    expect(await changed.count()).toBe(1);
  });

  test("a viewer sees the notes and the team but cannot change them", async () => {
    const viewerContext = await newContext(browser);
    try {
      const viewer = await viewerContext.newPage();
      await login(viewer, viewerLogin);
      await openFirstAccount(viewer);
      const accountId = new URL(viewer.url()).pathname.split("/").pop() ?? "";
      const team = (await apiCall(viewer, "GET", `/api/v1/accounts/${accountId}/team`)).body
        .data as TeamRow[];
      const someone = team[0];
      if (!someone) throw new Error("the demo account has no team");
      // Both cards have loaded: a note, and the team member with their role as plain text.
      await viewer.locator('.mantine-Timeline-item[data-kind="note"]').first().waitFor();
      await viewer.getByText(someone.userName, { exact: true }).first().waitFor();
      expect(await viewer.getByRole("button", { name: /^Actions for note/ }).count()).toBe(0);
      expect(await viewer.getByRole("button", { name: "Add note" }).count()).toBe(0);
      expect(await viewer.getByRole("button", { name: /^Change .*'s role/ }).count()).toBe(0);
      await shot(viewer, "account-viewer");
    } finally {
      await viewerContext.close();
    }
  });
});
