import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { shot, tableRows, withSignedInPage } from "./browser.ts";

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

// The first 25 Telco customers (8 of them churned), and the CLI's mapping for their subscriptions.
const telcoLines = readFileSync(
  new URL("../fixtures/telco/Telco-Customer-Churn.csv", import.meta.url),
  "utf8",
)
  .split(/\r?\n/)
  .slice(0, 26);
const telcoIds = telcoLines.slice(1).map((l) => l.split(",")[0]);
const cliMapping = JSON.parse(
  readFileSync(new URL("../../docs/examples/telco-subscriptions.mapping.json", import.meta.url), "utf8"),
) as { columns: Record<string, string> };
/** The option each mapping target is picked by in the wizard. */
const optionFor = (target: string): RegExp =>
  target.startsWith("custom:")
    ? /^Custom field…$/
    : ({
        accountExternalId: /^Account external id/,
        mrr: /^MRR \(major units/,
        plan: /^Plan$/,
        status: /^Status$/,
        ignore: /^Ignore this column$/,
      }[target] ?? new RegExp(`^${target}$`));

async function pick(page: Page, combobox: string, option: RegExp | string): Promise<void> {
  await page.getByRole("combobox", { name: combobox, exact: true }).click();
  await page
    .getByRole("option", { name: option, exact: typeof option === "string" })
    .first()
    .click();
}

async function chooseFile(page: Page, entity: string, name: string, text: string): Promise<void> {
  await page.goto("/import");
  await page.getByRole("radio", { name: entity }).check();
  await page.locator('input[type="file"]').setInputFiles({
    name,
    mimeType: "text/csv",
    buffer: Buffer.from(text, "utf8"),
  });
  await page.getByText(`${name} ·`).waitFor();
  await page.getByRole("button", { name: "Next: map columns" }).click();
  await page.getByRole("table", { name: "Column mapping" }).waitFor();
}

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

  test("a required field without a column blocks the dry run and says which", async () => {
    await chooseFile(page, "Accounts", "no-names.csv", "Tier,Industry\nGold,Retail\n");
    const alert = page.getByTestId("mapping-missing-required");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Name or External id");
    expect(await page.getByRole("button", { name: "Validate (dry run)" }).isDisabled()).toBe(true);
    await shot(page, "import-missing-required");
    // A value for every row fills it as a column would.
    await pick(page, "Add a value for every row", /^Name/);
    await page.getByRole("textbox", { name: "Value of Name for every row" }).fill("E2E No-name");
    await alert.waitFor({ state: "detached" });
    expect(await page.getByRole("button", { name: "Validate (dry run)" }).isDisabled()).toBe(false);
  });

  test("Telco subscriptions import through the wizard as with the CLI's mapping file", async () => {
    // The customers first, by id only: no name column is needed then, and none is reported missing.
    await chooseFile(page, "Accounts", "telco-customers.csv", ["customerID", ...telcoIds].join("\n"));
    expect(await page.getByTestId("mapping-missing-required").count()).toBe(0);
    await page.getByRole("button", { name: "Validate (dry run)" }).click();
    await page.getByText("Every row is valid").waitFor();
    await page.getByRole("button", { name: "Import 25 rows" }).click();
    await page.getByText("Import complete").waitFor();

    const sent: { mapping: Record<string, unknown>; dryRun: boolean }[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().endsWith("/api/v1/imports/subscriptions"))
        sent.push(r.postDataJSON());
    });
    await chooseFile(page, "Subscriptions", "telco.csv", telcoLines.join("\n"));
    const headers = (telcoLines[0] ?? "").split(",");
    for (const h of headers) {
      const target = cliMapping.columns[h] ?? "ignore";
      const field = page.getByRole("combobox", { name: `Field for column ${h}`, exact: true });
      const current = await field.inputValue();
      if (!optionFor(target).test(current)) await pick(page, `Field for column ${h}`, optionFor(target));
      if (target.startsWith("custom:"))
        await page.getByRole("textbox", { name: `Custom field key for column ${h}` }).fill(target.slice(7));
    }
    for (const [field, label, value] of [
      ["product", "Product", "Telco service"],
      ["startDate", "Start date", "2020-01-01"],
      ["currency", "Currency", "USD"],
    ]) {
      await pick(page, "Add a value for every row", new RegExp(`^${label}`));
      await page.getByRole("textbox", { name: `Value of ${label} for every row` }).fill(value ?? field ?? "");
    }
    await page.getByRole("button", { name: "Replace values of column Churn" }).click();
    const values = page.getByRole("table", { name: "Values of column Churn" });
    await values.waitFor();
    expect(await values.textContent()).toMatch(/No17.*Yes8/);
    await pick(page, "Store Yes as", "canceled");
    await pick(page, "Store No as", "active");
    await shot(page, "import-replace-values");
    await page.getByRole("button", { name: "Done" }).click();
    await values.waitFor({ state: "detached" });
    expect(await page.getByRole("button", { name: "Replace values of column Churn" }).textContent()).toBe(
      "2 values replaced",
    );
    await shot(page, "import-telco-mapping");

    await page.getByRole("button", { name: "Validate (dry run)" }).click();
    await page.getByText("Every row is valid").waitFor();
    await page.getByRole("button", { name: "Import 25 rows" }).click();
    await page.getByText("Import complete").waitFor();

    // The wizard sent the mapping file's mapping, with the columns it leaves out marked "ignore".
    const commit = sent.find((b) => b.dryRun === false);
    const { columns, ...rest } = (commit?.mapping ?? { columns: {} }) as { columns: Record<string, string> };
    const used = Object.fromEntries(Object.entries(columns).filter(([, target]) => target !== "ignore"));
    expect({ columns: used, ...rest }).toEqual(cliMapping);
    const subs = async (status: string) => {
      const res = await page.request.get(
        `/api/v1/subscriptions?product=Telco%20service&status=${status}&limit=200`,
      );
      return (await res.json()) as { data: { mrrMinor: number; currency: string; startDate: string }[] };
    };
    expect((await subs("canceled")).data).toHaveLength(8);
    const active = (await subs("active")).data;
    expect(active).toHaveLength(17);
    expect(active.every((s) => s.currency === "USD" && s.startDate === "2020-01-01")).toBe(true);
  });

  test("the accounts list exports what it shows: its search and sort, every page", async () => {
    await page.goto("/accounts?q=e&sort=-arr");
    const rows = await tableRows(page, "Accounts");
    await rows.first().waitFor();
    const href = (await page.getByRole("link", { name: "Export CSV" }).getAttribute("href")) ?? "";
    expect(href).toMatch(/^\/api\/v1\/exports\/accounts\?/);
    expect(new URLSearchParams(href.split("?")[1]).get("q")).toBe("e");
    expect(new URLSearchParams(href.split("?")[1]).get("sort")).toBe("-arr");
    const res = await page.request.get(href);
    expect(res.status()).toBe(200);
    const csvRows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(Object.keys(csvRows[0] ?? {})).toEqual(
      expect.arrayContaining(["healthScore", "healthBand", "mrr", "arr", "currency", "nextRenewalDate"]),
    );
    // The list's rows, every page of them through the list API, in the list's order.
    const listed: string[] = [];
    let cursor: string | null = null;
    do {
      const page1 = await page.request.get(
        `/api/v1/accounts?q=e&sort=-arr&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      const body = (await page1.json()) as { data: { name: string }[]; nextCursor: string | null };
      listed.push(...body.data.map((a) => a.name));
      cursor = body.nextCursor;
    } while (cursor);
    expect(csvRows.map((r) => r.name)).toEqual(listed);
    const shown = await rows.allTextContents();
    expect(csvRows.length).toBeGreaterThanOrEqual(shown.length);
    expect(shown[0]).toContain(csvRows[0]?.name ?? "?");
  });
});
