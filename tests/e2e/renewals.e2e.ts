import { readFileSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import type { ExpansionList, ForecastBacktest, Renewal, RenewalPipeline } from "../../src/contract/index.ts";
import { cents, hoverChart, label, pick, shot, shotOf, tableRows, withSignedInPage } from "./browser.ts";

const pipeline = async (page: Page, days: number) =>
  (await (await page.request.get(`/api/v1/renewals?days=${days}`)).json()) as RenewalPipeline;

/** The renewal of a subscription as the server has it now. */
const renewalNow = async (page: Page, days: number, subscriptionId: string) =>
  (await pipeline(page, days)).data.find((r) => r.subscriptionId === subscriptionId);

/**
 * The row of a paged table holding all of `texts`, turning its pages ("Next") until one shows it;
 * null when no page does.
 */
async function findRow(
  page: Page,
  section: Locator,
  tableLabel: string,
  texts: string[],
): Promise<Locator | null> {
  for (let turn = 0; turn < 40; turn++) {
    let rows = (await tableRows(page, tableLabel)).filter({ hasText: texts[0] as string });
    for (const t of texts.slice(1)) rows = rows.filter({ hasText: t });
    if ((await rows.count()) > 0) return rows.first();
    const next = section.getByRole("button", { name: "Next" });
    if ((await next.count()) === 0 || (await next.isDisabled())) return null;
    await next.click();
  }
  return null;
}

describe("renewals", () => {
  let page: Page;
  withSignedInPage((p) => {
    page = p;
  });

  test("the pipeline shows the window's forecast and renewals, follows a longer window in the URL, and a renewal recorded as churned — refused at the field without a reason — shows in the table and among the outcomes", async () => {
    await page.getByRole("link", { name: "Renewals", exact: true }).click();
    await page.waitForURL(/\/renewals$/);
    await page.getByRole("heading", { name: "Renewals", level: 2 }).waitFor();

    // The forecast is the server's: expected ARR in the headline currency, or one per currency.
    const soon = await pipeline(page, 90);
    if (soon.data.length === 0) throw new Error("the demo has no renewals in the next 90 days");
    const expected = page.getByTestId("forecast-expected");
    await expected.first().waitFor();
    if (soon.forecast.headline) {
      expect(await expected.count()).toBe(1);
      const value = expected.getByText(/^\D*[\d,]+\.\d\d$/);
      expect(cents(await value.textContent())).toBe(soon.forecast.headline.expectedArrMinor);
    } else {
      expect(await expected.count()).toBe(soon.forecast.byCurrency.length);
    }
    await page.getByTestId("forecast-categories").first().getByText("The CSMs' calls").waitFor();
    for (const note of soon.forecast.notes)
      await page.getByTestId("renewals-notes").getByText(note).waitFor();
    const rows = await tableRows(page, "Renewals");
    expect(await rows.count()).toBe(Math.min(50, soon.data.length));

    // How the forecast is worked out: the calibration's method, and the reliability chart on hover.
    const calibration = page.getByTestId("renewals-calibration");
    await calibration.getByRole("button", { name: "How this is calculated" }).click();
    await calibration
      .getByTestId("calibration-method")
      .getByText(soon.forecast.calibration.method === "platt" ? /Platt scaling/ : /Uncalibrated/)
      .waitFor();
    await hoverChart(calibration, 0.5, 0.6);
    await calibration.getByText(/Churn probability \d+–\d+%: \d+ past renewals?/).waitFor();
    await shot(page, "renewals-pipeline");

    // A longer window: in the URL, and the rows the server has for it.
    await page.getByText("180 days", { exact: true }).click();
    await page.waitForURL(/days=180/);
    const longer = await pipeline(page, 180);
    await page
      .getByTestId("renewals-window")
      .getByText(/Renewals due/)
      .waitFor();
    await expect
      .poll(async () => (await tableRows(page, "Renewals")).count())
      .toBe(Math.min(50, longer.data.length));

    // An open renewal of the first page, picked from what the page shows.
    const index = longer.data.slice(0, 50).findIndex((r) => r.outcome === null);
    if (index < 0) throw new Error("every renewal on the first page is decided already");
    const open = longer.data[index] as Renewal;
    const row = (await tableRows(page, "Renewals")).nth(index);
    await row.getByText(open.accountName, { exact: true }).waitFor();
    await row.getByRole("button", { name: `Work on the renewal of ${open.accountName}` }).click();
    const drawer = page.getByRole("dialog", { name: "Work on the renewal" });
    await drawer.getByText(open.accountName).first().waitFor();

    // Churned without a reason: the form closes the renewal by itself and asks why, at the field.
    await pick(page, drawer.getByLabel(label("Outcome")), "Churned");
    expect(await drawer.getByLabel(label("Stage")).inputValue()).toBe("Closed");
    await drawer.getByRole("button", { name: "Save", exact: true }).click();
    await drawer
      .getByText("Reason is required when the customer churned: pick why, or type another reason")
      .waitFor();
    expect(await drawer.getByLabel(label("Reason")).getAttribute("aria-invalid")).toBe("true");
    await shotOf(drawer, "renewals-reason-required");
    expect((await renewalNow(page, 180, open.subscriptionId))?.outcome).toBeNull();

    // With a reason it is recorded, and the row says so.
    await pick(page, drawer.getByLabel(label("Reason")), "Competitor");
    await drawer.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Outcome recorded: churned").waitFor();
    await drawer.waitFor({ state: "hidden" });
    const saved = await renewalNow(page, 180, open.subscriptionId);
    expect(saved).toMatchObject({ outcome: "churned", reasonCode: "competitor", stage: "closed" });
    const after = (await tableRows(page, "Renewals"))
      .filter({ hasText: open.accountName })
      .filter({ hasText: "Competitor" });
    await after.getByText("Churned", { exact: true }).waitFor();
    await after.getByText("Competitor", { exact: true }).waitFor();
    await after.getByText("Closed", { exact: true }).waitFor();

    // Among the outcomes: recorded ahead of its date, so in the next 12 months, with its reason.
    await page.getByRole("tab", { name: "Outcomes" }).click();
    await page.waitForURL(/tab=outcomes/);
    await page.getByTestId("outcomes-rate").waitFor();
    await page.getByText("Next 12 months", { exact: true }).click();
    await page.waitForURL(/period=next-12m/);
    const outcomes = page.getByTestId("outcomes-table");
    await outcomes.getByRole("button", { name: "Filter by outcome" }).click();
    await page.getByRole("radio", { name: "Churned" }).click();
    await page.waitForURL(/outcome=churned/);
    await page.keyboard.press("Escape");
    const recorded = await findRow(page, outcomes, "Renewal outcomes", [
      open.accountName,
      "Competitor",
      "Recorded",
    ]);
    if (!recorded) throw new Error(`${open.accountName}'s churn is not among the next 12 months' outcomes`);
    await recorded.getByText("Churned", { exact: true }).waitFor();
    expect(
      Number(
        await page
          .getByTestId("outcomes-churned")
          .getByText(/^\d[\d,]*$/)
          .textContent(),
      ),
    ).toBeGreaterThan(0);

    // The CSV holds what the table lists.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      outcomes.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^renewal-outcomes-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const lines = readFileSync(await download.path(), "utf8")
      .trim()
      .split("\n");
    expect(lines[0]).toBe("Account,Product,Renewal date,Outcome,Reason,Currency,ARR,ARR after,Source,Note");
    expect(lines.some((l) => l.includes(open.accountName) && l.includes("churned,competitor"))).toBe(true);
    await shot(page, "renewals-outcomes");
  });

  test("the backtest explains itself and shows each quarter's expected against renewed ARR", async () => {
    await page.goto("/renewals?tab=backtest");
    await page
      .getByTestId("backtest-explained")
      .getByText(/as it would have been made on the quarter's first day/)
      .waitFor();
    const api = (await (
      await page.request.get("/api/v1/renewals/backtest?quarters=8")
    ).json()) as ForecastBacktest;
    expect(api.quarters).toHaveLength(8);
    if (!api.quarters.some((q) => q.renewals > 0)) {
      await page.getByTestId("backtest-empty").waitFor();
      return;
    }
    const rows = await tableRows(page, "Backtest by quarter");
    await expect.poll(() => rows.count()).toBe(8);
    for (const [i, q] of api.quarters.entries())
      await rows.nth(i).getByText(q.quarter, { exact: true }).waitFor();
    expect(await (await tableRows(page, "Backtest by category")).count()).toBe(3);

    const chart = page.getByTestId("backtest-chart");
    await hoverChart(chart, 0.9, 0.6);
    await chart.getByText(/forecast as of/).waitFor();
    await shot(page, "renewals-backtest");

    // Four quarters: in the URL, four rows.
    await page.getByText("4 quarters", { exact: true }).click();
    await page.waitForURL(/quarters=4/);
    await expect.poll(async () => (await tableRows(page, "Backtest by quarter")).count()).toBe(4);
  });

  test("an expansion opportunity started from the model's suggestion — refused without an amount — is recorded and marked won", async () => {
    await page.goto("/renewals?tab=expansion");
    const before = (await (
      await page.request.get("/api/v1/expansion-opportunities")
    ).json()) as ExpansionList;
    const suggestion = before.suggestions[0];
    if (!suggestion) throw new Error("the demo's expansion model suggests no customer");
    const row = (await tableRows(page, "Expansion suggestions")).filter({ hasText: suggestion.accountName });
    await row.getByRole("button", { name: "Create opportunity" }).click();
    const dialog = page.getByRole("dialog", { name: "New expansion opportunity" });
    await dialog.getByLabel(label("Title")).fill("Analytics for the finance team");
    await dialog.getByRole("button", { name: "Record opportunity" }).click();
    await dialog.getByText("ARR it would add is required").waitFor();
    await dialog.getByLabel(/^ARR it would add/).fill("18000");
    await dialog.getByRole("button", { name: "Record opportunity" }).click();
    await dialog.waitFor({ state: "hidden" });

    const mine = (await tableRows(page, "Expansion opportunities")).filter({
      hasText: "Analytics for the finance team",
    });
    await mine.getByText(suggestion.accountName).waitFor();
    const after = (await (await page.request.get("/api/v1/expansion-opportunities")).json()) as ExpansionList;
    const saved = after.data.find((o) => o.title === "Analytics for the finance team");
    expect(saved).toMatchObject({ accountId: suggestion.accountId, arrMinor: 1_800_000, stage: "open" });
    // Now it has an open opportunity, the account is no longer a suggestion.
    expect(after.suggestions.some((x) => x.accountId === suggestion.accountId)).toBe(false);

    await mine.getByRole("button", { name: /^Actions for/ }).click();
    await page.getByRole("menuitem", { name: "Mark won" }).click();
    await mine.getByText("won", { exact: true }).waitFor();
    await shot(page, "renewals-expansion");
  });
});
