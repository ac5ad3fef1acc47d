import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { eventually, shot, tableRows, withSignedInPage } from "./browser.ts";

/** Health on the demo: scores on the accounts list, the account's health panel, the models page. */
describe("health", () => {
  let page: Page;
  withSignedInPage((p) => {
    page = p;
  });

  const healthScores = async () =>
    (await tableRows(page, "Accounts")).evaluateAll((trs) =>
      trs.map((tr) => {
        const cell = tr.querySelector('[data-testid="health-cell"]');
        return cell ? Number(cell.querySelector("span")?.textContent) : null;
      }),
    );

  test("the accounts list shows each customer's health with its band and sorts by it", async () => {
    await page.goto("/accounts");
    await (await tableRows(page, "Accounts")).first().waitFor();
    await page.getByRole("columnheader", { name: "Health" }).getByRole("button").click();
    await page.waitForURL((url) => url.searchParams.get("sort") === "-health");
    await eventually(async () => {
      const scores = (await healthScores()).filter((s): s is number => s !== null);
      return scores.length >= 10 && scores.every((s, i) => i === 0 || (scores[i - 1] as number) >= s);
    });
    // The band is named, not only coloured.
    const badge = page.locator('[data-testid="health-cell"] [data-band]').first();
    expect(await badge.textContent()).toMatch(/^(Good|Average|Poor)$/);

    await page.getByRole("button", { name: "Filter by health" }).click();
    // New customers without enough data are a choice of their own, not poor.
    await page.getByRole("dialog").getByRole("checkbox", { name: "Not enough data yet" }).waitFor();
    await page.getByRole("dialog").getByRole("checkbox", { name: "Poor" }).check();
    await page.waitForURL((url) => url.searchParams.get("healthBand") === "poor");
    await page.keyboard.press("Escape");
    await eventually(async () => {
      const bands = await page
        .locator(
          'table[aria-label="Accounts"]:not([aria-busy="true"]) [data-testid="health-cell"] [data-band]',
        )
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-band")));
      return bands.length > 0 && bands.every((b) => b === "poor");
    });
    await shot(page, "health-accounts");
  });

  test("an account's health panel explains the score, and a new sentiment updates it", async () => {
    await page.goto("/accounts?sort=-health&healthBand=poor");
    const link = (await tableRows(page, "Accounts")).first().getByRole("link");
    const name = (await link.textContent()) ?? "";
    await link.click();
    await page.getByRole("heading", { name }).waitFor();
    const panel = page.getByTestId("health-panel");
    await panel.getByTestId("health-score").waitFor();
    expect(await panel.getByTestId("health-score").textContent()).toMatch(/^\d+(\.\d)?$/);
    expect(
      await panel.getByRole("table", { name: "Score explanation" }).getByTestId("measure-row").count(),
    ).toBeGreaterThan(2);
    expect(await panel.getByTestId("health-changes").textContent()).toContain("vs 7 days ago");

    const comment = `E2E rating ${Date.now()}`;
    await panel.getByRole("button", { name: "Rate sentiment" }).click();
    const dialog = page.getByRole("dialog", { name: "Rate this customer's sentiment" });
    await dialog.getByRole("button", { name: "Save rating" }).click();
    await dialog.getByText("Pick a rating from 1 to 5").waitFor();
    const five = await dialog.locator('[data-testid="sentiment-rating"] input[value="5"]').getAttribute("id");
    await dialog.locator(`label[for="${five}"]`).click();
    await dialog.getByText("Relationship", { exact: true }).click();
    await dialog.getByLabel("Comment").fill(comment);
    await dialog.getByRole("button", { name: "Save rating" }).click();
    await dialog.waitFor({ state: "hidden" });
    const sentiment = panel.getByTestId("health-sentiment");
    await sentiment.getByText(comment).waitFor();
    expect(await sentiment.getByTestId("sentiment-value").textContent()).toBe("5 / 5");
    expect(await sentiment.textContent()).toContain("Relationship");
    // Where the account's model has a sentiment measure, it now reads the new rating.
    await eventually(async () =>
      (await panel.getByTestId("measure-row").allTextContents())
        .filter((t) => t.startsWith("CSM sentiment"))
        .every((t) => t.includes("5 / 5")),
    );
    await shot(page, "health-account");
  });

  test("the Health page lists the default models and previews a model on sample accounts", async () => {
    await page.goto("/accounts");
    await page.getByRole("link", { name: "Health", exact: true }).click();
    await page.waitForURL(/\/health$/);
    const rows = await tableRows(page, "Health models");
    await eventually(async () => {
      const text = (await rows.allTextContents()).join(" ");
      return text.includes("High touch") && text.includes("Digital");
    });
    await page.getByRole("link", { name: "High touch" }).click();
    await page.getByRole("heading", { name: "High touch" }).waitFor();
    expect(await page.getByTestId("group-editor").count()).toBeGreaterThan(1);
    await page.getByRole("button", { name: "Preview", exact: true }).click();
    const preview = await tableRows(page, "Preview scores");
    await preview.first().waitFor();
    expect(await preview.count()).toBeGreaterThan(0);
    await shot(page, "health-model");
  });

  test("the Health page shows the health settings with the onboarding window", async () => {
    await page.goto("/health");
    const settings = page.getByRole("form", { name: "Health settings" });
    await settings.waitFor();
    expect(await settings.getByLabel("Onboarding window (days)").inputValue()).toBe("30");
  });

  test("a backtest runs with progress and reports its AUC, ROC curve and band lift", async () => {
    await page.getByRole("link", { name: "High touch" }).click();
    await page.getByRole("heading", { name: "High touch" }).waitFor();
    const runs = page.getByRole("table", { name: "Previous backtests" }).locator("tbody tr");
    const runOnce = async () => {
      const before = await runs.count();
      await page.getByRole("button", { name: "Run backtest" }).click();
      // The new run is listed first and reported once done (polled every second, with progress meanwhile).
      await eventually(
        async () =>
          (await runs.count()) === before + 1 &&
          (await runs.first().textContent())?.includes("done") === true,
        90_000,
      );
    };
    await runOnce();
    const report = page.getByTestId("backtest-report");
    await report.waitFor();
    expect(await page.getByTestId("backtest-auc").textContent()).toMatch(/\d\.\d{3}|—/);
    await report.locator("canvas").first().waitFor();
    expect(await (await tableRows(page, "Churn rate by band")).count()).toBe(3);
    expect(await page.getByTestId("backtest-params").textContent()).toContain("Dates scored");
    // Each run is compared with the one before it and says what differs. Other suites add usage to
    // the demo workspace (which moves the dates a run can score), so the same form run twice is
    // what must read as comparable.
    const comparison = page.getByTestId("backtest-comparison");
    await comparison.waitFor();
    expect(await comparison.textContent()).toMatch(/Compared with the run of /);
    await runOnce();
    await eventually(
      async () => /Same version, dates, horizon/.test((await comparison.textContent()) ?? ""),
      30_000,
    );
    await shot(page, "health-backtest");
  }, 120_000);
});
