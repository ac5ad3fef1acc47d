import type { Locator, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { chooseField, label, shot, tableRows, withSignedInPage } from "./browser.ts";

/** Picks an option of a Mantine select (its list opens in a portal). */
async function choose(page: Page, select: Locator, option: string) {
  await select.click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

type HealthHistory = { history: { day: string; band: string | null }[] };

/**
 * The demo accounts whose health turned poor on some day of the last 90 (before today), read from
 * the API: the accounts a "health turned poor" rule's replay must find.
 */
async function turnedPoorLately(page: Page): Promise<string[]> {
  const today = new Date().toISOString().slice(0, 10);
  const poor = (await (await page.request.get("/api/v1/accounts?healthBand=poor&limit=200")).json()) as {
    data: { id: string; name: string }[];
  };
  const names: string[] = [];
  for (const a of poor.data) {
    const h = (await (
      await page.request.get(`/api/v1/accounts/${a.id}/health?historyDays=91`)
    ).json()) as HealthHistory;
    const days = h.history.filter((d) => d.day < today);
    if (days.some((d, i) => i > 0 && d.band === "poor" && days[i - 1]?.band !== "poor")) names.push(a.name);
  }
  return names;
}

describe("rules", () => {
  let page: Page;
  withSignedInPage((p) => {
    page = p;
  });

  test("an admin builds “Health turned poor → risk alert”, replays and dry-runs it, switches it on, runs it and reads the run", async () => {
    const turnedPoor = await turnedPoorLately(page);
    expect(turnedPoor.length).toBeGreaterThan(0);
    const name = "Health turned poor → risk alert";

    await page.getByRole("link", { name: "Rules", exact: true }).click();
    await page.getByRole("heading", { name: "Rules", level: 2 }).waitFor();
    await page.getByRole("link", { name: "New rule" }).first().click();
    await page.waitForURL(/\/rules\/new$/);
    await page.getByLabel(label("Name")).fill(name);
    const action = page.getByTestId("rule-action").first();
    await action.getByLabel(label("Title")).fill("Health turned poor: call the account");

    // A schedule that is no cron expression is refused, and the server's words show at the field.
    await choose(page, page.getByRole("combobox", { name: "When" }), "On a schedule");
    await page.getByLabel(label("Schedule")).fill("every monday");
    await page.getByRole("button", { name: "Save rule" }).click();
    await page.getByText("Schedule must have five parts", { exact: false }).waitFor();
    await shot(page, "rule-editor-cron-issue");
    expect(page.url()).toMatch(/\/rules\/new$/);

    // Health turns poor, for accounts still poor with a tier; opens a high risk alert for the owner.
    await choose(page, page.getByRole("combobox", { name: "When" }), "Health band changes");
    expect(await page.getByRole("combobox", { name: "Band" }).inputValue()).toBe("Turns poor");
    const conditions = page.getByTestId("rule-conditions");
    await conditions.getByText("every account matches", { exact: false }).waitFor();
    await conditions.getByRole("button", { name: "Add condition" }).click();
    const band = conditions.getByTestId("segment-condition").first();
    await chooseField(page, band, "Health band");
    await band.getByLabel("Values", { exact: true }).click();
    await page.getByRole("option", { name: "Poor" }).click();
    await page.keyboard.press("Escape");
    await conditions.getByRole("button", { name: "Add condition" }).click();
    const tier = conditions.getByTestId("segment-condition").nth(1);
    await chooseField(page, tier, "Tier");
    await choose(page, tier.getByLabel("Operator", { exact: true }), "has a value");
    expect(await action.getByRole("combobox", { name: "Open" }).inputValue()).toBe("An alert");
    await shot(page, "rule-editor");
    await page.getByRole("button", { name: "Save rule" }).click();
    await page.waitForURL(/\/rules\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { name, level: 2 }).waitFor();
    await page.getByTestId("rule-summary").getByText("When health turns poor").waitFor();
    await page.getByRole("switch", { name: `${name} is off` }).waitFor();

    // The replay over 90 days catches accounts whose health really turned poor.
    await page.getByRole("tab", { name: "Replay" }).click();
    expect(await page.getByLabel("Days back").inputValue()).toBe("90");
    await page.getByRole("button", { name: "Replay", exact: true }).click();
    const summary = page.getByTestId("replay-summary");
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(
      /^Over the last 90 days it would have fired \d+ times? for \d+ accounts?; \d+ churned and \d+ contracted since\.$/,
    );
    const caught = await tableRows(page, "Accounts caught");
    expect(await caught.count()).toBeGreaterThan(0);
    const caughtNames = await caught.getByRole("link").allTextContents();
    expect(caughtNames.some((n) => turnedPoor.includes(n))).toBe(true);
    await page
      .getByTestId("replay-flags")
      .getByText('"Tier" has no day-by-day history', { exact: false })
      .waitFor();
    await shot(page, "rule-replay");

    // The dry run lists accounts poor now, why, and what the action would do.
    await page.getByRole("tab", { name: "Dry run" }).click();
    await page.getByRole("button", { name: "Dry run", exact: true }).click();
    const dry = await tableRows(page, "Dry run");
    await expect.poll(() => dry.count()).toBeGreaterThan(0);
    expect(await dry.first().textContent()).toContain("health turned poor");
    expect(await dry.first().textContent()).toContain(
      "would open an alert: Health turned poor: call the account",
    );
    await page.getByTestId("dry-run-notes").waitFor();
    const dryCount = await dry.count();
    await shot(page, "rule-dry-run");

    // Switched on, then run by hand: the run is logged with each account and why.
    // The track over the hidden input takes the pointer; the input is what a screen reader reaches.
    await page.getByRole("switch", { name: `${name} is off` }).click({ force: true });
    await page.getByRole("switch", { name: `${name} is on` }).waitFor();
    await page.getByRole("button", { name: "Run now" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Run now" }).click();
    await page.waitForURL(/tab=runs/);
    const runs = await tableRows(page, "Rule runs");
    await expect.poll(() => runs.count()).toBe(1);
    expect(await runs.first().textContent()).toContain("Run by hand");
    expect(await runs.first().textContent()).toContain("Succeeded");
    const detail = page.getByTestId("rule-run-detail");
    await detail.waitFor();
    const matched = await tableRows(page, "Run accounts");
    await expect.poll(() => matched.count()).toBe(dryCount);
    expect(await matched.first().textContent()).toContain("health turned poor; Health band: Poor, Tier:");
    await matched.first().getByRole("link", { name: "(open in the inbox)" }).waitFor();
    await shot(page, "rule-runs");

    // The list shows the rule on, with its trigger and conditions in words.
    await page.goto("/rules");
    const rules = await tableRows(page, "Rules");
    const row = rules.filter({ hasText: name });
    await row.getByText("When health turns poor").waitFor();
    await row.getByText("Health band is any of Poor and Tier has a value").waitFor();
    expect(await row.getByRole("switch").isChecked()).toBe(true);

    // The task link opens the alert in the inbox.
    await row.getByRole("link", { name }).click();
    await page.getByRole("tab", { name: "Runs" }).click();
    await (await tableRows(page, "Rule runs")).first().click();
    await page
      .getByTestId("rule-run-detail")
      .getByRole("link", { name: "(open in the inbox)" })
      .first()
      .click();
    await page.waitForURL(/\/inbox\?.*task=[0-9a-f-]{36}/);
  });
});
