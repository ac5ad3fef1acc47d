import type { Locator, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { demoLogin, openEnterpriseAccount, shot, shotOf, tableRows, withSignedInPage } from "./browser.ts";

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** A field by its whole label, the asterisk of a required one aside. */
const label = (text: string) => new RegExp(`^${literal(text)}\\s*\\*?$`);

/** Picks an option of a Mantine select (its options open in a portal), typing to narrow it first. */
async function pick(page: Page, input: Locator, option: RegExp | string, type?: string) {
  await input.click();
  if (type) await page.keyboard.type(type);
  await page.getByRole("option", { name: option }).first().click();
}

/** The signed-in demo user's name, as pickers and reasons show it. */
async function myName(page: Page): Promise<string> {
  const session = await (await page.request.get("/api/v1/auth/session")).json();
  expect(session.user.email).toBe(demoLogin.email);
  return session.user.name as string;
}

/**
 * Gives a task from the account page's "Open tasks" section, owned by `owner` (the account's own
 * owner may be someone else), and waits for it in that section.
 */
async function giveTask(page: Page, title: string, owner: string) {
  const section = page.getByTestId("account-tasks");
  await section.getByRole("button", { name: "New task" }).click();
  const dialog = page.getByRole("dialog", { name: "New task" });
  await dialog.getByLabel(label("Title")).fill(title);
  await dialog.getByRole("textbox", { name: "Description" }).fill("Ask what changed since the kickoff.");
  await pick(page, dialog.getByLabel(label("Priority")), "High");
  await pick(page, dialog.getByLabel(label("Owner")), new RegExp(`^${literal(owner)} \\(`), owner);
  await dialog.getByLabel("Due date").fill(inDays(3));
  await dialog.getByRole("button", { name: "Create task" }).click();
  await dialog.waitFor({ state: "hidden" });
  return section.getByTestId("account-task").filter({ hasText: title });
}

describe("task inbox", () => {
  let page: Page;
  withSignedInPage((p) => {
    page = p;
  });

  test("a task given on an account shows in the inbox under Mine with its reason; snoozed, it leaves Open and waits under Snoozed", async () => {
    const stamp = Date.now();
    const me = await myName(page);
    const account = await openEnterpriseAccount(page);
    // The account preset in the new task's form.
    await page.getByTestId("account-tasks").getByRole("button", { name: "New task" }).click();
    const form = page.getByRole("dialog", { name: "New task" });
    expect(await form.getByLabel(label("Account")).inputValue()).toBe(account);
    // Without a title the form says so at the field, in words.
    await form.getByRole("button", { name: "Create task" }).click();
    await form.getByText("Title is required").waitFor();
    await page.keyboard.press("Escape");
    await form.waitFor({ state: "hidden" });

    const title = `Call the new CFO ${stamp}`;
    const item = await giveTask(page, title, me);
    await item.getByText(`Created by ${me}`).waitFor();
    await shotOf(page.getByTestId("account-tasks"), "account-tasks");

    // The navigation leads to the inbox, Mine first: the item with why it is here.
    await page.getByRole("link", { name: /^Inbox/ }).click();
    await page.waitForURL((url) => url.pathname === "/inbox");
    expect(await page.getByRole("tab", { name: /^Mine/ }).getAttribute("aria-selected")).toBe("true");
    const row = (await tableRows(page, "Inbox")).filter({ hasText: title });
    await row.waitFor();
    expect(await row.getByTestId("task-reason").textContent()).toBe(`Created by ${me}`);
    expect(await row.getByTestId("task-priority").textContent()).toBe("High");
    expect(await row.getByRole("link", { name: account }).count()).toBe(1);
    await shot(page, "inbox-mine");

    // The drawer holds the description and the history.
    await row.getByText(title).click();
    await page.waitForURL((url) => url.searchParams.has("task"));
    const drawer = page.getByRole("dialog", { name: "Inbox item" });
    await drawer.getByText("Ask what changed since the kickoff.").waitFor();
    await drawer.getByTestId("task-reason-details").getByText("Given by hand").waitFor();
    await shotOf(drawer, "inbox-drawer");
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "hidden" });

    // Snoozed until tomorrow morning, it leaves the open inbox…
    await row.getByRole("button", { name: `Snooze ${title}` }).click();
    await page.getByRole("menuitem", { name: /^Tomorrow at 9:00/ }).click();
    await expect.poll(() => row.count()).toBe(0);

    // …and waits under Snoozed, saying until when.
    // The status switch's radios are hidden behind their labels, which take the click.
    await page.getByText("Snoozed", { exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("status") === "snoozed");
    const snoozed = (await tableRows(page, "Inbox")).filter({ hasText: title });
    await snoozed.getByText(/^Snoozed until /).waitFor();
    await shot(page, "inbox-snoozed");
  });

  test("closing with “Didn't work out” needs a note; the closed item is on the account's timeline and under Closed", async () => {
    const stamp = Date.now();
    const me = await myName(page);
    const account = await openEnterpriseAccount(page);
    const title = `Win back the champion ${stamp}`;
    const item = await giveTask(page, title, me);

    await item.getByRole("button", { name: `Close ${title}` }).click();
    const dialog = page.getByRole("dialog", { name: "Close item" });
    await pick(page, dialog.getByLabel(label("Outcome")), "Didn't work out");
    // Without a note the form refuses, at the note, in words.
    await dialog.getByRole("button", { name: "Close item" }).click();
    await dialog.getByText("Note is required when it did not work out").waitFor();
    await shotOf(dialog, "inbox-close-note-required");
    const note = `She has left for a competitor ${stamp}`;
    await dialog.getByRole("textbox", { name: "Note" }).fill(note);
    await dialog.getByRole("button", { name: "Close item" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => item.count()).toBe(0);

    // The account's timeline keeps what came of it, with the note.
    const timeline = page.getByTestId("timeline");
    await timeline.getByText(`${title} — closed: did not work out`).waitFor();
    await timeline.getByText(note).waitFor();
    await shotOf(timeline, "inbox-closed-on-timeline");

    // The account's items in the inbox, under Closed with the outcome; the drawer shows who closed
    // it and the note.
    await page
      .getByTestId("account-tasks")
      .getByRole("link", { name: /in the inbox$/ })
      .click();
    await page.waitForURL((url) => url.pathname === "/inbox" && url.searchParams.has("account"));
    await page.getByText(`Account: ${account}`).waitFor();
    await page.getByText("Closed", { exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("status") === "closed");
    const row = (await tableRows(page, "Inbox")).filter({ hasText: title });
    await row.getByText("Closed: Didn't work out").waitFor();
    await row.getByText(title).click();
    const drawer = page.getByRole("dialog", { name: "Inbox item" });
    await drawer.getByText(new RegExp(`by ${literal(me)} — Didn't work out`)).waitFor();
    expect(await drawer.getByTestId("task-outcome-note").textContent()).toBe(`“${note}”`);
    await drawer.getByRole("button", { name: "Reopen" }).waitFor();
    await shot(page, "inbox-closed");
  });
});
