import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { eventually, shot, tableRows, withSignedInPage } from "./browser.ts";

/** The Risk page on the demo, whose churn and expansion models are trained when it is loaded. */
describe("risk", () => {
  let page: Page;
  withSignedInPage((p) => {
    page = p;
  });

  test("lists customers by churn probability with their drivers, ARR at risk and the model's evaluation", async () => {
    await page.getByRole("link", { name: "Risk", exact: true }).click();
    await page.waitForURL(/\/risk/);
    const rows = await tableRows(page, "Churn predictions");
    expect(await rows.count()).toBe(25);
    const first = rows.first();
    expect(await first.getByRole("link").textContent()).toBeTruthy();
    // Readable drivers with a direction: "Days since last activity = 46", raising the risk.
    const drivers = first.getByTestId("risk-drivers");
    expect(await drivers.textContent()).toMatch(/ = |is missing/);
    expect(await drivers.locator("[data-sign]").count()).toBeGreaterThan(0);
    // Highest probability first.
    const percents = await rows.evaluateAll((trs) =>
      trs.map((tr) => Number((tr.querySelectorAll("td")[1]?.textContent ?? "").replace(/[^\d]/g, ""))),
    );
    expect(percents).toEqual([...percents].sort((a, b) => b - a));
    expect(await page.getByTestId("risk-total-at-risk").textContent()).toMatch(/\$[\d,]+/);
    expect(Number(await page.getByTestId("risk-auc").textContent())).toBeGreaterThan(0.7);
    expect(await page.getByTestId("risk-fold-aucs").locator("span").count()).toBeGreaterThanOrEqual(5);
    await shot(page, "risk-churn");
  });

  test("filters by tier in the URL and switches to expansion", async () => {
    await page.goto("/risk");
    await (await tableRows(page, "Churn predictions")).first().waitFor();
    await page.getByRole("button", { name: "Filter by tier" }).click();
    await page.getByRole("dialog").getByRole("checkbox", { name: "SMB" }).check();
    await page.waitForURL((url) => url.searchParams.get("tier") === "SMB");
    await page.keyboard.press("Escape");
    // Every row now shows the tier (column 7).
    const tierCells = page.locator(
      'table[aria-label="Churn predictions"]:not([aria-busy="true"]) tbody tr td:nth-child(7)',
    );
    await eventually(async () => {
      const cells = await tierCells.allTextContents();
      return cells.length > 0 && cells.every((c) => c.trim() === "SMB");
    });

    await page.getByRole("tab", { name: "Expansion" }).click();
    await page.waitForURL(/kind=expansion/);
    expect(await (await tableRows(page, "Expansion predictions")).count()).toBeGreaterThan(0);
    await page.getByText("Expansion model", { exact: true }).waitFor();
  });

  test("the account page shows the account's churn and expansion probability", async () => {
    await page.goto("/risk");
    const link = (await tableRows(page, "Churn predictions")).first().getByRole("link");
    const name = (await link.textContent()) ?? "";
    await link.click();
    await page.getByRole("heading", { name }).waitFor();
    const churn = page.getByTestId("account-churn");
    await churn.waitFor();
    expect(await churn.textContent()).toMatch(/Churn probability\d+%/);
    await churn.getByTestId("risk-drivers").waitFor();
  });
});
