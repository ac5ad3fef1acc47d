import type { Page } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import type { LifecycleSettings } from "../../src/contract/index.ts";
import { chooseField, label, shot, shotOf, tableRows, withSignedInPage } from "./browser.ts";

/** Names no other suite uses, so what this one finds on screen is its own. */
const RENAMED = "Getting going (e2e)";
const OWN = "Expansion ready e2e";
const OWN_KEY = "expansion_ready_e2e";

/** The settings as the API takes them back: every stage as it was, and the milestone. */
const bodyOf = (s: LifecycleSettings) => ({
  stages: s.stages.map(({ builtIn: _b, accounts: _a, ...stage }) => stage),
  firstValueMilestone: s.firstValueMilestone,
});

/** A write through the signed-in session, with its CSRF token, as the web app sends one. */
async function putSettings(page: Page, body: unknown): Promise<number> {
  const session = (await (await page.request.get("/api/v1/auth/session")).json()) as { csrfToken?: string };
  const res = await page.request.put("/api/v1/lifecycle/settings", {
    data: body,
    headers: { "x-csrf-token": session.csrfToken ?? "" },
  });
  return res.status();
}

describe("lifecycle settings", () => {
  let page: Page;
  let before: LifecycleSettings | undefined;
  withSignedInPage((p) => {
    page = p;
  });

  // The demo workspace is shared with other suites: its stages go back to what they were.
  afterAll(async () => {
    if (page && before) expect(await putSettings(page, bodyOf(before))).toBe(200);
  });

  test("an admin renames a stage, adds one of the workspace's own with automatic entry criteria, previews who would move, saves, and the accounts list offers it", async () => {
    before = (await (await page.request.get("/api/v1/lifecycle/settings")).json()) as LifecycleSettings;
    expect(before.stages.map((s) => s.key)).toContain("adoption");

    await page.getByRole("link", { name: "Settings", exact: true }).click();
    await page.getByRole("tab", { name: "Lifecycle" }).click();
    await page.waitForURL(/\/settings\/lifecycle$/);
    const stages = page.getByTestId("lifecycle-stage");
    await expect.poll(() => stages.count()).toBe(before.stages.length);
    const adoption = stages.nth(before.stages.findIndex((s) => s.key === "adoption"));
    await adoption.getByText("Built-in").waitFor();
    await page.getByText(/^First value: the first key-player outcome achieved/).waitFor();

    // A built-in stage is renamed; it cannot be removed, only hidden.
    await adoption.getByLabel(label("Name")).fill(RENAMED);
    expect(await adoption.getByRole("button", { name: `Remove ${RENAMED}` }).count()).toBe(0);
    expect(await adoption.getByRole("button", { name: `Hide ${RENAMED}` }).count()).toBe(1);
    await page.getByText("Unsaved changes").waitFor();

    // A stage of the workspace's own: its key follows its name.
    await page.getByRole("button", { name: "Add stage" }).click();
    await expect.poll(() => stages.count()).toBe(before.stages.length + 1);
    let own = stages.last();
    await own.getByLabel(label("Name")).fill(OWN);
    expect(await own.getByLabel("Key", { exact: true }).inputValue()).toBe(OWN_KEY);
    await own.getByText("Own stage").waitFor();

    // Without criteria it cannot move accounts on its own, and says why.
    const automatic = own.getByRole("switch", { name: "Move accounts in automatically" });
    expect(await automatic.isDisabled()).toBe(true);
    await own.getByText(/Give the stage entry criteria first/).waitFor();
    await own.getByRole("button", { name: "Add entry criteria" }).click();
    const row = own.getByTestId("segment-condition").first();
    await chooseField(page, row, "ARR");
    await row.getByLabel("Value", { exact: true }).fill("0");
    expect(await automatic.isDisabled()).toBe(false);
    await automatic.click();
    expect(await automatic.isChecked()).toBe(true);

    // Before Renewal and Churned: accounts earlier in the journey would move forward into it.
    const n = before.stages.length;
    await stages
      .nth(n)
      .getByRole("button", { name: `Move ${OWN} up` })
      .click();
    await stages
      .nth(n - 1)
      .getByRole("button", { name: `Move ${OWN} up` })
      .click();
    own = stages.nth(n - 2);
    expect(await own.getByLabel(label("Name")).inputValue()).toBe(OWN);
    await shotOf(own, "lifecycle-own-stage");

    // The unsaved draft's preview lists the accounts it would move, by name, with the stages' names.
    expect(await page.getByRole("button", { name: "Apply now" }).isDisabled()).toBe(true);
    await page.getByRole("button", { name: "Preview" }).click();
    const preview = page.getByTestId("transitions-preview");
    await preview.getByText(/would move now/).waitFor();
    const moves = await tableRows(page, "Stage moves");
    expect(await moves.count()).toBeGreaterThan(0);
    const first = moves.first();
    expect(await first.locator("td").nth(2).textContent()).toBe(OWN);
    expect(await first.getByRole("link").getAttribute("href")).toMatch(/^\/accounts\/[0-9a-f-]{36}$/);
    await shot(page, "lifecycle-settings-preview");

    // Saved: the form starts again from what the server holds.
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText(/^Last changed .+ by /).waitFor();
    await expect.poll(() => page.getByText("Unsaved changes").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Apply now" }).isDisabled()).toBe(false);
    const saved = (await (await page.request.get("/api/v1/lifecycle/settings")).json()) as LifecycleSettings;
    expect(saved.stages.find((s) => s.key === "adoption")?.label).toBe(RENAMED);
    expect(saved.stages.find((s) => s.key === OWN_KEY)).toMatchObject({
      label: OWN,
      builtIn: false,
      automatic: true,
      entry: { match: "all", conditions: [{ field: "arr", op: "gt", value: 0 }] },
    });

    // Apply now asks first (not confirmed here: the demo's accounts stay where they are).
    await page.getByRole("button", { name: "Apply now" }).click();
    const ask = page.getByRole("dialog", { name: "Move accounts into their stages now?" });
    await ask.getByText(/Accounts only move forward/).waitFor();
    await ask.getByRole("button", { name: "Cancel" }).click();
    await ask.waitFor({ state: "hidden" });

    // The new names are the workspace's: the accounts list's stage filter offers them.
    await page.goto("/accounts");
    await tableRows(page, "Accounts");
    await page.getByRole("button", { name: "Filter by stage" }).click();
    await page.getByRole("checkbox", { name: OWN }).waitFor();
    await page.getByRole("checkbox", { name: RENAMED }).waitFor();
  });

  test("an account's page shows its stage, how long it has been there, how it got there and its time to first value", async () => {
    type Lifecycle = { stage: string; daysInStage: number; history: unknown[] };
    const list = (await (await page.request.get("/api/v1/accounts?sort=name&limit=200")).json()) as {
      data: { id: string; name: string }[];
    };
    // An account that has moved at least once, as most of the demo's have.
    let found: { id: string; name: string; lifecycle: Lifecycle } | null = null;
    for (const a of list.data) {
      const lifecycle = (await (
        await page.request.get(`/api/v1/accounts/${a.id}/lifecycle`)
      ).json()) as Lifecycle;
      if (lifecycle.history.length > 1) {
        found = { ...a, lifecycle };
        break;
      }
    }
    if (!found) throw new Error("no demo account has a stage history");
    await page.goto(`/accounts/${found.id}`);
    const card = page.getByTestId("account-lifecycle");
    await card.getByText(new RegExp(`for ${found.lifecycle.daysInStage} days?, since`)).waitFor();
    await card
      .getByTestId("time-to-first-value")
      .getByText(/^(First value|No value yet|No contract start)/)
      .waitFor();
    await expect
      .poll(() => card.locator(".mantine-Timeline-item").count())
      .toBe(found.lifecycle.history.length);
    await shotOf(card, "account-lifecycle");
  });
});
