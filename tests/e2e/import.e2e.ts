import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { shot, withSignedInPage } from "./browser.ts";

/** The page's `window`, as far as these checks need it (the tests compile without the DOM types). */
type StyleView = { getComputedStyle: (el: unknown) => { opacity: string } };

const stamp = Date.now();
// Row 2 has a lifecycle stage Steward does not know: the dry run must reject it and name the row.
const csv = [
  "Name,Tier,Industry,Lifecycle stage,External ID",
  `E2E Import Alpha ${stamp},Growth,Software,adoption,e2e-alpha-${stamp}`,
  `E2E Import Beta ${stamp},Growth,Retail,sideways,e2e-beta-${stamp}`,
  `E2E Import Gamma ${stamp},Enterprise,Banking,onboarding,e2e-gamma-${stamp}`,
].join("\n");

describe("CSV import", () => {
  let page: Page;
  withSignedInPage((p) => {
    page = p;
  });

  test("a dry run names the row with an error and keeps Import off", async () => {
    await page.goto("/import");
    await page.getByRole("radio", { name: "Accounts" }).check();
    await page.locator('input[type="file"]').setInputFiles({
      name: "accounts.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv, "utf8"),
    });
    await page.getByText("accounts.csv ·").waitFor();
    await shot(page, "import-choose");
    await page.getByRole("button", { name: "Next: map columns" }).click();

    const mapping = page.getByRole("table", { name: "Column mapping" });
    await mapping.waitFor();
    const nameField = page.getByRole("combobox", { name: "Field for column Name" });
    expect(await nameField.inputValue()).toMatch(/name/i);
    await shot(page, "import-mapping");
    await page.getByRole("button", { name: "Validate (dry run)" }).click();

    const errors = page.getByRole("table", { name: "Import errors" });
    await errors.waitFor();
    // The stepper says where we are, as soon as the report shows: choosing and mapping are done
    // (check marks drawn, not still fading in), validating is under way.
    const steps = page.locator(".mantine-Stepper-step");
    for (const done of [0, 1]) {
      expect(await steps.nth(done).getAttribute("data-completed")).toBe("true");
      expect(await steps.nth(done).getAttribute("data-progress")).toBeNull();
      const check = steps.nth(done).locator(".mantine-Stepper-stepCompletedIcon");
      // The painted opacity: during the fade-in the inline style already says 1.
      const opacity = await check.evaluate(
        (el) => (globalThis as unknown as StyleView).getComputedStyle(el).opacity,
      );
      expect(opacity).toBe("1");
    }
    expect(await steps.nth(2).getAttribute("data-progress")).toBe("true");
    expect(await steps.nth(2).getAttribute("data-completed")).toBeNull();
    const firstRow = errors.locator("tbody tr").first();
    expect(((await firstRow.locator("td").first().textContent()) ?? "").trim()).toBe("2");
    const totals = (await page.getByTestId("import-totals").textContent()) ?? "";
    expect(totals).toMatch(/Rows3/);
    expect(totals).toMatch(/Rows with errors1/);
    const importButton = page.getByRole("button", { name: /^Import \d+ rows$/ });
    expect(await importButton.isDisabled()).toBe(true);
    await page.getByTestId("import-blocked-reason").waitFor();
    await shot(page, "import-report");
  });

  test("a clean file imports, and the accounts appear", async () => {
    await page.goto("/import");
    await page.getByRole("radio", { name: "Accounts" }).check();
    const clean = csv
      .split("\n")
      .filter((l) => !l.includes("sideways"))
      .join("\n");
    await page.locator('input[type="file"]').setInputFiles({
      name: "accounts-clean.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(clean, "utf8"),
    });
    await page.getByText("accounts-clean.csv ·").waitFor();
    await page.getByRole("button", { name: "Next: map columns" }).click();
    await page.getByRole("button", { name: "Validate (dry run)" }).click();
    await page.getByText("Every row is valid").waitFor();
    await page.getByRole("button", { name: "Import 2 rows" }).click();
    await page.getByText("Import complete").waitFor();
    await shot(page, "import-done");
    await page.getByRole("link", { name: "View accounts" }).click();
    await page.getByRole("textbox", { name: "Search accounts" }).fill(`E2E Import Alpha ${stamp}`);
    await page.getByRole("link", { name: `E2E Import Alpha ${stamp}` }).waitFor();
  });

  test("usage imports on the accounts above; a repeated event id is listed with its rows and skipped", async () => {
    const usage = [
      "usage_id,account_id,usage_date,feature_name,usage_count,error_count",
      `e2e-u1-${stamp},e2e-alpha-${stamp},2024-05-01,reports,3,0`,
      `e2e-u2-${stamp},e2e-gamma-${stamp},2024-05-02,export,1,2`,
      `e2e-u1-${stamp},e2e-gamma-${stamp},2024-05-03,reports,9,1`,
    ].join("\n");
    await page.goto("/import");
    await page.getByRole("radio", { name: "Usage" }).check();
    await page.locator('input[type="file"]').setInputFiles({
      name: "usage.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(usage, "utf8"),
    });
    await page.getByText("usage.csv ·").waitFor();
    await page.getByRole("button", { name: "Next: map columns" }).click();
    const eventField = page.getByRole("combobox", { name: "Field for column feature_name" });
    expect(await eventField.inputValue()).toMatch(/feature or event/i);
    await page.getByRole("button", { name: "Validate (dry run)" }).click();
    await page.getByText("Every row is valid").waitFor();
    const totals = (await page.getByTestId("import-totals").textContent()) ?? "";
    expect(totals).toMatch(/Would store2/);
    expect(totals).toMatch(/Skipped as duplicates1/);
    const repeated = page.getByRole("table", { name: "Repeated event ids" });
    expect(((await repeated.locator("tbody tr").first().textContent()) ?? "").trim()).toBe(
      `e2e-u1-${stamp}1, 3`,
    );
    await shot(page, "import-usage-report");
    await page.getByRole("button", { name: "Import 3 rows" }).click();
    await page.getByText("Import complete").waitFor();
    await page.getByText(/2 usage events stored from usage\.csv, 1 row skipped as duplicates/).waitFor();
  });
});
