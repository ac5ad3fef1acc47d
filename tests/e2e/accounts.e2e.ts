import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { eventually, shot, tableRows, withSignedInPage } from "./browser.ts";

describe("accounts", () => {
  let page: Page;
  withSignedInPage((p) => {
    page = p;
  });

  test("filtering by tier narrows the list and is kept in the URL", async () => {
    await page.getByRole("link", { name: "Accounts", exact: true }).click();
    const rows = await tableRows(page, "Accounts");
    await rows.first().waitFor();
    const before = await rows.count();
    expect(before).toBeGreaterThan(0);
    await shot(page, "accounts-list");

    await page.getByRole("button", { name: "Filter by tier" }).click();
    const firstTier = page.getByRole("dialog").getByRole("checkbox").first();
    const tier = (await page.getByRole("dialog").locator("label").first().textContent())?.trim() ?? "";
    expect(tier).not.toBe("");
    await firstTier.check();
    await page.waitForURL((url) => url.searchParams.get("tier") === tier);
    await page.keyboard.press("Escape");

    // Every row now shows the chosen tier (column 2).
    const tierCells = page.locator(
      'table[aria-label="Accounts"]:not([aria-busy="true"]) tbody tr td:nth-child(2)',
    );
    await eventually(async () => {
      const cells = await tierCells.allTextContents();
      return cells.length > 0 && cells.every((c) => c.trim() === tier);
    });
    const tiers = await tierCells.allTextContents();
    expect(new Set(tiers.map((t) => t.trim()))).toEqual(new Set([tier]));
    await shot(page, "accounts-filtered");

    // The filtered view can be shared: opening the URL again shows the same filter.
    const url = page.url();
    await page.goto(url);
    await page.getByRole("button", { name: "Filter by tier" }).waitFor();
    expect(await page.getByRole("button", { name: "Filter by tier" }).textContent()).toContain(tier);

    await page.getByRole("button", { name: "Clear filters" }).first().click();
    await page.waitForURL((u) => !u.searchParams.has("tier"));
  });

  test("sorting by ARR puts the largest account first", async () => {
    await page.goto("/accounts");
    await (await tableRows(page, "Accounts")).first().waitFor();
    await page.getByRole("button", { name: /^ARR/ }).click();
    await page.waitForURL((u) => u.searchParams.get("sort") === "-arr");
    const arrCells = page.locator(
      'table[aria-label="Accounts"]:not([aria-busy="true"]) tbody tr td:nth-child(7)',
    );
    const values = async () =>
      (await arrCells.allTextContents()).map((s) => Number(s.replace(/[^0-9.-]/g, "")));
    await eventually(async () => {
      const v = await values();
      return v.length > 1 && v.every((x, i) => i === 0 || (v[i - 1] ?? 0) >= x);
    });
    const v = await values();
    expect(v).toEqual([...v].sort((a, b) => b - a));
  });

  test("opens an account and adds a note that appears at the top of the timeline", async () => {
    await page.goto("/accounts");
    const rows = await tableRows(page, "Accounts");
    const link = rows.first().getByRole("link").first();
    const name = (await link.textContent())?.trim() ?? "";
    await link.click();
    await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { name, level: 2 }).waitFor();
    await page.getByText("Key players").first().waitFor();
    await page.getByText("Subscriptions").first().waitFor();
    await shot(page, "account-360");

    const title = `E2E check-in ${Date.now()}`;
    await page.getByRole("button", { name: "Add note" }).click();
    const form = page.getByRole("form", { name: "Add note" });
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("Note").fill("Talked through the rollout plan; next step is the admin training.");
    await form.getByRole("button", { name: "Save note" }).click();

    const timeline = page.getByTestId("timeline");
    await timeline.getByText(title).waitFor();
    const firstEntry = (await timeline.locator(".mantine-Timeline-item").first().textContent()) ?? "";
    expect(firstEntry).toContain(title);
    await shot(page, "account-note-added");

    // It was stored: a reload still shows it first.
    await page.reload();
    await page.getByTestId("timeline").getByText(title).waitFor();
  });

  test("adds a key player to an account", async () => {
    await page.goto("/accounts");
    await (await tableRows(page, "Accounts")).first().getByRole("link").first().click();
    await page.getByRole("button", { name: "Add contact" }).click();
    const dialog = page.getByRole("dialog");
    const last = `Keyplayer${Date.now()}`;
    await dialog.getByLabel("First name").fill("Riley");
    await dialog.getByLabel("Last name").fill(last);
    await dialog.getByLabel("Email").fill(`riley.${last.toLowerCase()}@example.com`);
    await dialog.getByRole("combobox", { name: "Role in the decision" }).click();
    await page.getByRole("option", { name: "Champion", exact: true }).click();
    await dialog.getByText("4", { exact: true }).click();
    await dialog.getByRole("button", { name: "Add contact" }).click();
    const row = (await tableRows(page, "Key players")).filter({ hasText: last });
    await row.waitFor();
    expect(await row.textContent()).toContain("Champion");
    expect(await row.getByRole("img", { name: "Influence 4 of 5" }).count()).toBe(1);
  });

  test("global search jumps to an account", async () => {
    await page.goto("/accounts");
    const rows = await tableRows(page, "Accounts");
    const name = ((await rows.first().getByRole("link").first().textContent()) ?? "").trim();
    await page.keyboard.press("Control+k");
    const input = page.getByRole("dialog").getByRole("textbox", { name: "Search" });
    await input.fill(name);
    await page.getByRole("dialog").getByRole("option").first().waitFor();
    await shot(page, "search");
    await page.getByRole("dialog").getByRole("option").filter({ hasText: name }).first().click();
    await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { name, level: 2 }).waitFor();
  });
});
