import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import type { AccountRevenue, RevenueMetrics, RevenueSettings } from "../../src/contract/index.ts";
import {
  cents,
  hoverChart,
  label,
  openEnterpriseAccount,
  shot,
  shotOf,
  tableRows,
  withSignedInPage,
} from "./browser.ts";

/** A write through the signed-in session, with its CSRF token, as the web app sends one. */
async function putSettings(page: Page, body: unknown): Promise<number> {
  const session = (await (await page.request.get("/api/v1/auth/session")).json()) as { csrfToken?: string };
  const res = await page.request.put("/api/v1/revenue/settings", {
    data: body,
    headers: { "x-csrf-token": session.csrfToken ?? "" },
  });
  return res.status();
}

describe("revenue", () => {
  let page: Page;
  let before: RevenueSettings | undefined;
  withSignedInPage((p) => {
    page = p;
  });

  // The demo workspace is shared with other suites: its revenue settings go back to what they were.
  afterAll(async () => {
    if (page && before) {
      const { rates, ...rest } = before;
      expect(await putSettings(page, { ...rest, rates })).toBe(200);
    }
  });

  test("the demo's revenue page shows its figures in dollars, the movements and retention by month, lifetime value, cohorts by revenue or customers, exports the movements, and says at the field when a period ends before it starts", async () => {
    await page.getByRole("link", { name: "Revenue", exact: true }).click();
    await page.waitForURL(/\/revenue$/);
    await page.getByRole("heading", { name: "Revenue", level: 2 }).waitFor();

    // The headline figures are the server's, for the last 12 months, in the demo's base currency.
    const api = (await (
      await page.request.get(
        `/api/v1/metrics/revenue?from=${firstOfPeriod()}&to=${new Date().toISOString().slice(0, 10)}`,
      )
    ).json()) as RevenueMetrics;
    expect(api.currency).toBe("USD");
    const f = api.figures;
    if (!f) throw new Error(`no headline figures: ${api.notes.join("; ")}`);
    expect(f.endMrrMinor).toBeGreaterThan(0);
    const mrr = page.getByTestId("stat-mrr");
    await mrr.getByText(/^\$[\d,]+\.\d\d$/).waitFor();
    expect(cents(await mrr.getByText(/^\$[\d,]+\.\d\d$/).textContent())).toBe(f.endMrrMinor);
    expect(
      await page
        .getByTestId("stat-nrr")
        .getByText(/^\d+\.\d%$/)
        .textContent(),
    ).toBe(`${((f.nrr ?? 0) * 100).toFixed(1)}%`);
    await page
      .getByTestId("stat-grr")
      .getByText(/^\d+\.\d%$/)
      .waitFor();
    await page
      .getByTestId("stat-logo-churn")
      .getByText(/^\d+\.\d%$/)
      .waitFor();

    // Lifetime value has a value: the demo reports in USD with a 78% gross margin.
    const ltv = page.getByTestId("revenue-ltv");
    await ltv.getByTestId("ltv-value").waitFor();
    expect(cents(await ltv.getByTestId("ltv-value").textContent())).toBe(f.ltv.valueMinor);
    await ltv.getByTestId("ltv-margin").getByText("78.0%").waitFor();

    // The movements chart draws, and says each month's amounts on hover.
    const chart = page.getByTestId("revenue-movements-chart");
    // Over a month's bars.
    await hoverChart(chart, 0.6, 0.6);
    await chart.getByText(/Net change/).waitFor();
    await shot(page, "revenue-page");

    // Movements by month: a row a month, the same months the server counted.
    const rows = await tableRows(page, "Movements by month");
    expect(await rows.count()).toBe(api.byMonth.length);

    // Cohorts: revenue retention first, then customers; the choice is kept in the URL.
    const cohorts = page.getByTestId("revenue-cohorts");
    await cohorts.getByText(/first-month MRR still paid/).waitFor();
    expect(await cohorts.getByTestId("cohort-cell").count()).toBeGreaterThan(0);
    const firstCell = cohorts.getByTestId("cohort-cell").first();
    await firstCell.hover();
    await page.getByText(/cohort, month 0 .*customers/).waitFor();
    await cohorts.getByText("Logo retention").click();
    await page.waitForURL(/cohorts=logos/);
    await cohorts.getByText(/customers still paying/).waitFor();
    expect(await cohorts.getByTestId("cohort-cell").first().textContent()).toBe("100.0%");
    await shotOf(cohorts, "revenue-cohorts");

    // The CSV holds what the table shows: its columns, a row a month.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("revenue-movements").getByRole("button", { name: "Export CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^revenue-movements-\d{4}-\d{2}-to-\d{4}-\d{2}\.csv$/);
    const lines = readFileSync(await download.path(), "utf8")
      .trim()
      .split("\n");
    expect(lines[0]).toBe(
      "Month,Start MRR (USD),New (USD),Expansion (USD),Reactivation (USD),Contraction (USD),Churn (USD),Net change (USD),End MRR (USD),Customers,NRR (%),GRR (%),Logo churn (%)",
    );
    expect(lines).toHaveLength(api.byMonth.length + 1);
    const last = api.byMonth.at(-1);
    expect(lines.at(-1)?.split(",")[0]).toBe(last?.month);
    expect(Math.round(Number(lines.at(-1)?.split(",")[8]) * 100)).toBe(last?.endMrrMinor);

    // Another period: last year's twelve months, in the URL.
    await page.getByText("Last year", { exact: true }).click();
    await page.waitForURL(/period=last-year/);
    const year = new Date().getUTCFullYear() - 1;
    await page.getByText(new RegExp(`Jan ${year} – Dec ${year}`)).waitFor();
    await expect.poll(async () => (await tableRows(page, "Movements by month")).count()).toBe(12);

    // A custom period that ends before it starts: the server's refusal, at the month it names.
    await page.goto("/revenue?period=custom&from=2026-05&to=2026-02");
    await page.getByText("To must not be before from").waitFor();
    expect(await page.getByLabel("To", { exact: true }).getAttribute("aria-invalid")).toBe("true");
  });

  test("an admin changes the gross margin in Settings → Revenue, a margin over 100% is refused at its field, lifetime value follows, and without a margin the page says what is missing", async () => {
    before = (await (await page.request.get("/api/v1/revenue/settings")).json()) as RevenueSettings;
    expect(before.grossMargin).toBe(0.78);

    await page.goto("/revenue");
    const value = page.getByTestId("revenue-ltv").getByTestId("ltv-value");
    await value.waitFor();
    const ltvBefore = cents(await value.textContent());

    await page.getByRole("link", { name: "Settings", exact: true }).click();
    await page.getByRole("tab", { name: "Revenue" }).click();
    await page.waitForURL(/\/settings\/revenue$/);
    const margin = page.getByLabel(label("Gross margin (%)"));
    expect(await margin.inputValue()).toBe("78%");
    expect(await page.getByTestId("revenue-rate").count()).toBe(before.rates.length);
    expect(await page.getByLabel(label("Base currency")).inputValue()).toBe("USD");

    // 150% is no margin: said at the field, in percent, and nothing is saved.
    await margin.fill("150");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Gross margin must be between 0% and 100%").waitFor();
    expect(await margin.getAttribute("aria-invalid")).toBe("true");
    await shot(page, "revenue-settings-refused");
    const unchanged = (await (await page.request.get("/api/v1/revenue/settings")).json()) as RevenueSettings;
    expect(unchanged.grossMargin).toBe(0.78);

    // Half the margin: saved as a fraction.
    await margin.fill("39");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Revenue settings saved").waitFor();
    const saved = (await (await page.request.get("/api/v1/revenue/settings")).json()) as RevenueSettings;
    expect(saved.grossMargin).toBe(0.39);
    expect(saved.rates).toEqual(before.rates);

    // Lifetime value is ARPA × margin ÷ churn: half the margin, half the value (to the cent's rounding).
    await page.getByRole("link", { name: "Revenue", exact: true }).click();
    await page.getByTestId("revenue-ltv").getByTestId("ltv-margin").getByText("39.0%").waitFor();
    const ltvAfter = cents(await value.textContent());
    expect(Math.abs(ltvAfter - ltvBefore / 2)).toBeLessThanOrEqual(1);

    // No margin at all: no value, the server's reason, and for an admin the way to the setting.
    await page.getByRole("link", { name: "Settings", exact: true }).click();
    await page.getByRole("tab", { name: "Revenue" }).click();
    await page.getByLabel(label("Gross margin (%)")).fill("");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Revenue settings saved").last().waitFor();
    await page.getByRole("link", { name: "Revenue", exact: true }).click();
    const ltv = page.getByTestId("revenue-ltv");
    await ltv.getByText("Set the gross margin in Settings → Revenue").waitFor();
    expect(await ltv.getByTestId("ltv-value").count()).toBe(0);
    await ltv.getByRole("link", { name: "Open Settings → Revenue" }).click();
    await page.waitForURL(/\/settings\/revenue$/);
  });
});

describe("an account's revenue", () => {
  let page: Page;
  withSignedInPage((p) => {
    page = p;
  });

  test("an account's page lists its MRR movements newest first, with the MRR after each", async () => {
    await openEnterpriseAccount(page);
    const id = page.url().split("/").pop() ?? "";
    const api = (await (await page.request.get(`/api/v1/accounts/${id}/revenue`)).json()) as AccountRevenue;
    expect(api.months.length).toBeGreaterThan(0);
    const card = page.getByTestId("account-revenue");
    await card.scrollIntoViewIfNeeded();
    const rows = await tableRows(page, "Revenue history");
    await expect.poll(() => rows.count()).toBe(Math.min(10, api.months.length));
    const newest = [...api.months].sort((a, b) => b.month.localeCompare(a.month))[0];
    if (!newest) throw new Error("no movement");
    const cells = rows.first().locator("td");
    expect(await cells.nth(1).textContent()).toBe(newest.kind.charAt(0).toUpperCase() + newest.kind.slice(1));
    expect(cents(await cells.nth(3).textContent())).toBe(newest.mrrMinor);
    await shotOf(card, "account-revenue-history");
  });
});

/** The first day of the Revenue page's default period: the month 11 months before this one. */
function firstOfPeriod(): string {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
  return first.toISOString().slice(0, 10);
}
