import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { chooseField, label, shot, shotOf, tableRows, withSignedInPage } from "./browser.ts";

/** The live count once it is for the filter on screen: "12 accounts match" → 12. */
async function liveCount(page: Page): Promise<number> {
  const count = page.locator('[data-testid="live-count"][data-current="true"]');
  await count.waitFor();
  const text = (await count.textContent()) ?? "";
  const n = /^([\d,]+) accounts? match/.exec(text)?.[1];
  if (!n) throw new Error(`unexpected live count "${text}"`);
  return Number(n.replace(/,/g, ""));
}

describe("segments", () => {
  let page: Page;
  /** The first test's segment, whose name the second one tries to take. */
  let atRiskName = "";
  withSignedInPage((p) => {
    page = p;
  });

  test("a CSM builds “Enterprise at risk” with AND and OR, counts it live, saves it and finds the same accounts in the list", async () => {
    const name = `Enterprise at risk ${Date.now()}`;
    atRiskName = name;
    await page.getByRole("link", { name: "Segments", exact: true }).click();
    await page.getByRole("heading", { name: "Segments", level: 2 }).waitFor();
    await page.getByRole("link", { name: "New segment" }).first().click();
    await page.waitForURL(/\/segments\/new$/);
    await page.getByLabel(label("Name")).fill(name);
    await page.getByLabel("Description").fill("Enterprise customers whose health or churn risk needs a look");

    // Tier is Enterprise …
    const filter = page.getByTestId("segment-filter");
    const tier = filter.getByTestId("segment-condition").first();
    await chooseField(page, tier, "Tier");
    expect(await tier.getByLabel("Operator", { exact: true }).inputValue()).toBe("is");
    await tier.getByLabel("Value", { exact: true }).fill("Enterprise");
    const enterprise = await liveCount(page);
    expect(enterprise).toBeGreaterThan(0);

    // … and a group joined the other way: health band is any of Poor, Average, or churn > 10%.
    // (The demo's Enterprise accounts are healthy: none is poor or above 30% churn, a few are average.)
    await filter.getByRole("button", { name: "Add group" }).click();
    const group = filter.getByTestId("segment-group");
    expect(await group.getByRole("radio", { name: "any" }).isChecked()).toBe(true);
    const band = group.getByTestId("segment-condition").first();
    await chooseField(page, band, "Health band");
    expect(await band.getByLabel("Operator", { exact: true }).inputValue()).toBe("is any of");
    await band.getByLabel("Values", { exact: true }).click();
    await page.getByRole("option", { name: "Poor" }).click();
    await page.getByRole("option", { name: "Average" }).click();
    await page.keyboard.press("Escape");
    await group.getByRole("button", { name: "Add condition" }).click();
    const churn = group.getByTestId("segment-condition").nth(1);
    await chooseField(page, churn, "Churn probability");
    expect(await churn.getByLabel("Operator", { exact: true }).inputValue()).toBe("is more than");
    await churn.getByText("%", { exact: true }).waitFor();
    await churn.getByLabel("Value", { exact: true }).fill("10");
    const live = await liveCount(page);
    expect(live).toBeGreaterThan(0);
    expect(live).toBeLessThanOrEqual(enterprise);
    const sample = await page.getByTestId("live-sample").getByRole("link").allTextContents();
    expect(sample.length).toBe(Math.min(live, 20));
    await shot(page, "segment-builder");

    // A range from high to low is refused: the server's words show at its row, and nothing is counted.
    await filter.getByRole("button", { name: "Add condition" }).last().click();
    const bad = filter.getByTestId("segment-condition").last();
    await chooseField(page, bad, "Health score");
    await bad.getByLabel("Operator", { exact: true }).click();
    await page.getByRole("option", { name: "is between" }).click();
    await bad.getByLabel("From", { exact: true }).fill("80");
    await bad.getByLabel("To", { exact: true }).fill("20");
    await bad.getByText("Health score must go from the lower to the higher value").waitFor();
    await page
      .getByTestId("segment-live-count")
      .getByText("the marked conditions say what to change")
      .waitFor();
    await shotOf(page.getByTestId("segment-filter-section"), "segment-builder-issue");
    await bad.getByRole("button", { name: "Remove this condition" }).click();
    expect(await liveCount(page)).toBe(live);

    // Saved, it has as many members as the live count said.
    await page.getByRole("button", { name: "Save segment" }).click();
    await page.waitForURL(/\/segments\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { name, level: 2 }).waitFor();
    expect(await page.getByTestId("segment-member-count").textContent()).toContain(String(live));
    await page
      .getByTestId("segment-filter-summary")
      .getByText(
        "Tier is “Enterprise” and (Health band is any of Poor, Average or Churn probability is more than 10%)",
        {
          exact: false,
        },
      )
      .waitFor();
    const members = await tableRows(page, "Segment members");
    await expect.poll(() => members.count()).toBe(Math.min(live, 50));
    const memberNames = (await members.getByRole("link").allTextContents()).sort();
    expect(memberNames).toEqual(expect.arrayContaining(sample));
    await shot(page, "segment-page");

    // Every member entered when it was saved.
    await page.getByRole("tab", { name: "History" }).click();
    const history = await tableRows(page, "Segment history");
    await expect.poll(() => history.filter({ hasText: "Entered" }).count()).toBe(Math.min(live, 50));

    // The account list filtered by the segment shows the same accounts, and exports them.
    await page.getByRole("link", { name: "Show in the account list" }).click();
    await page.waitForURL(/\/accounts\?.*segment=[0-9a-f-]{36}/);
    await page.getByRole("button", { name: "Filter by segment" }).getByText(name).waitFor();
    const accounts = await tableRows(page, "Accounts");
    await expect.poll(() => accounts.count()).toBe(Math.min(live, 50));
    if (live <= 50) expect((await accounts.getByRole("link").allTextContents()).sort()).toEqual(memberNames);
    expect(await page.getByRole("link", { name: "Export CSV" }).getAttribute("href")).toMatch(
      /segmentId=[0-9a-f-]{36}/,
    );
    await shot(page, "accounts-by-segment");
  });

  test("a segment is edited, counted again and deleted", async () => {
    const name = `Renewing soon ${Date.now()}`;
    await page.goto("/segments/new");
    await page.getByLabel(label("Name")).fill(name);
    const row = page.getByTestId("segment-filter").getByTestId("segment-condition").first();
    await chooseField(page, row, "Next renewal");
    await row.getByLabel("Operator", { exact: true }).click();
    await page.getByRole("option", { name: "is in the next … days" }).click();
    await row.getByLabel("Number of days", { exact: true }).fill("365");
    const soon = await liveCount(page);
    await page.getByRole("button", { name: "Save segment" }).click();
    await page.waitForURL(/\/segments\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId("segment-member-count").textContent()).toContain(String(soon));

    // An empty name is refused before sending, a name already taken by the server; both at the name.
    await page.getByRole("button", { name: "Edit" }).click();
    await page.getByRole("heading", { name: `Edit “${name}”` }).waitFor();
    await page.getByLabel(label("Name")).fill("");
    await page.getByRole("button", { name: "Save segment" }).click();
    await page.getByText("Name is required").waitFor();
    if (atRiskName) {
      await page.getByLabel(label("Name")).fill(atRiskName);
      await page.getByRole("button", { name: "Save segment" }).click();
      await page.getByText("Name is already the name of another segment").waitFor();
    }
    await page.getByLabel(label("Name")).fill(`${name} (edited)`);
    await page.getByRole("button", { name: "Save segment" }).click();
    await page.getByRole("heading", { name: `${name} (edited)`, level: 2 }).waitFor();

    await page.getByRole("button", { name: "Refresh now" }).click();
    await page.getByText(/^Counted again: /).waitFor();

    await page.getByRole("button", { name: "More actions" }).click();
    await page.getByRole("menuitem", { name: "Delete segment" }).click();
    await page
      .getByRole("dialog", { name: /^Delete/ })
      .getByRole("button", { name: "Delete segment" })
      .click();
    await page.waitForURL(/\/segments$/);
    await tableRows(page, "Segments");
    await expect.poll(() => page.getByRole("link", { name: `${name} (edited)` }).count()).toBe(0);
  });

  // A nested group binds as a whole: "Tier is Enterprise AND (A OR B)" never lets in other tiers.
  test("an AND over an OR group keeps only what matches both (Enterprise accounts only)", async () => {
    const session = await page.request.get("/api/v1/auth/session");
    const headers = { "x-csrf-token": ((await session.json()) as { csrfToken: string }).csrfToken };
    const filter = {
      match: "all",
      conditions: [
        { field: "tier", op: "eq", value: "Enterprise" },
        {
          match: "any",
          conditions: [
            { field: "health.band", op: "in", value: ["poor", "average"] },
            { field: "churn.probability", op: "gt", value: 10 },
          ],
        },
      ],
    };
    const preview = await page.request.post("/api/v1/segments/preview", {
      headers,
      data: { entity: "account", filter },
    });
    const names = ((await preview.json()) as { sample: { name: string }[] }).sample.map((m) => m.name);
    expect(names.length).toBeGreaterThan(0);
    const enterprise = await page.request.get("/api/v1/accounts?tier=Enterprise&limit=200");
    const enterpriseNames = new Set(
      ((await enterprise.json()) as { data: { name: string }[] }).data.map((a) => a.name),
    );
    expect(names.filter((n) => !enterpriseNames.has(n))).toEqual([]);
  });
});
