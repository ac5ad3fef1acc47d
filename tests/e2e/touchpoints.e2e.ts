import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { openEnterpriseAccount, shot, withSignedInPage } from "./browser.ts";

describe("touchpoints and the journey", () => {
  let page: Page;
  withSignedInPage((p) => {
    page = p;
  });

  test("a CSM quick-logs a touchpoint from the account page by keyboard, sees it in the list and on the timeline, and opens the journey", async () => {
    await openEnterpriseAccount(page);
    await page.getByRole("button", { name: "Log touchpoint" }).click();
    const form = page.getByRole("form", { name: "Log a touchpoint" });
    const title = form.getByLabel("What happened");
    // Enter with nothing written: said at the field, in plain words, and nothing is sent.
    await title.focus();
    await page.keyboard.press("Enter");
    await form.getByText("What happened is required").waitFor();

    const text = `Rollout review ${Date.now()}`;
    await form.getByLabel("Customer's decision step").click();
    await page.getByRole("option", { name: "Implement" }).click();
    await form.getByLabel("Our performance").click();
    await page.getByRole("option", { name: "4 — good" }).click();
    await form.getByLabel("Key players present").click();
    await page.getByRole("option").first().click();
    await page.keyboard.press("Escape");
    await title.fill(text);
    await title.press("Enter");
    await form.waitFor({ state: "hidden" });

    const list = page.getByRole("list", { name: "Touchpoints" });
    const item = list.getByRole("listitem").filter({ hasText: text });
    await item.waitFor();
    await item.getByText(/Performance 4\/5 \(self-assessed\)/).waitFor();
    await item.getByText(/^With /).waitFor();
    await page.getByText(`Meeting: ${text}`).first().waitFor();
    await shot(page, "account-touchpoints");

    await page.getByRole("link", { name: "Journey of this account" }).click();
    await page.waitForURL(/\/journey\?accountId=/);
    await page.getByRole("heading", { name: /^Journey of / }).waitFor();
    const matrix = page.getByRole("table", { name: "Touchpoints by decision step and function" });
    const implement = matrix
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: /Implement/ }) });
    await implement.waitFor();
    // The new touchpoint counts in its step's row ("–" marks an empty cell, a number a count).
    expect(await implement.textContent()).toMatch(/[1-9]/);
    await page.getByRole("heading", { name: "Gaps" }).waitFor();
    await page.getByRole("table", { name: "Touchpoints per employee" }).waitFor();
    await shot(page, "account-journey");

    // The workspace's journey from the left navigation.
    await page.getByRole("link", { name: "Journey", exact: true }).click();
    await page.waitForURL(/\/journey$/);
    await page.getByRole("heading", { name: "Journey", exact: true }).waitFor();
    await page.getByRole("table", { name: "Touchpoints by decision step and function" }).waitFor();
  });

  test("an admin sees the workspace's journey steps in settings and can add one", async () => {
    await page.goto("/settings/journey-lists");
    const steps = page.getByRole("table", { name: "Customer decision steps" });
    await steps.getByText("Evaluate and select").waitFor();
    const label = `Hand-over ${Date.now()}`;
    await page.getByRole("textbox", { name: "New item for Customer decision steps" }).fill(label);
    await page.keyboard.press("Enter");
    await steps.getByText(label).waitFor();
    await shot(page, "journey-lists");
    await page.getByRole("button", { name: `Delete ${label}` }).click();
    await steps.getByText(label).waitFor({ state: "detached" });
  });
});
