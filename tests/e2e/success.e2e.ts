import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { openEnterpriseAccount, shot, withSignedInPage } from "./browser.ts";

describe("key-player success", () => {
  let page: Page;
  withSignedInPage((p) => {
    page = p;
  });

  test("the account page shows the success index and each key player's outcomes from the demo", async () => {
    await openEnterpriseAccount(page);
    const players = page.getByTestId("key-player-success");
    await players.first().waitFor();
    expect(await players.count()).toBeGreaterThan(0);
    // The index badge with its number, and the outcomes under the key players.
    await page
      .getByText(/^Success \d+(\.\d)?$/)
      .first()
      .waitFor();
    expect(await page.getByTestId("outcome").count()).toBeGreaterThan(0);
    await shot(page, "account-success");
  });

  test("a CSM adds an outcome from the library on a key player's page, records progress and evidence, and reads the history", async () => {
    await openEnterpriseAccount(page);
    const first = page.getByTestId("key-player-success").first().getByRole("link").first();
    const person = (await first.textContent())?.trim() ?? "";
    await first.click();
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { name: person, level: 2 }).waitFor();

    await page.getByRole("button", { name: "Add", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "New outcome or personal win" });
    await dialog.getByLabel("Start from the library").click();
    await page.getByRole("option", { name: "Shorten time to onboard new staff" }).click();
    expect(await dialog.getByLabel("Measure").inputValue()).toBe("Time to productivity");
    // A target equal to the baseline measures nothing: said at the field, in plain words.
    await dialog.getByLabel("Baseline").fill("30");
    await dialog.getByLabel("Target").fill("30");
    await dialog.getByRole("button", { name: "Add", exact: true }).click();
    await dialog.getByText("must differ from the baseline").waitFor();
    await dialog.getByLabel("Target").fill("10");
    await dialog.getByLabel("Current value").fill("20");
    await dialog.getByRole("button", { name: "Add", exact: true }).click();
    await dialog.waitFor({ state: "hidden" });

    const card = page.getByTestId("outcome").filter({ hasText: "Shorten time to onboard new staff" });
    await card.waitFor();
    await card.getByText("50% there").waitFor();

    await card.getByRole("button", { name: "Add evidence to Shorten time to onboard new staff" }).click();
    const evidence = page.getByRole("dialog", { name: /Evidence for/ });
    await evidence.getByLabel("Link").fill("javascript:alert(1)");
    await evidence.getByRole("button", { name: "Add evidence" }).click();
    await evidence.getByText(/must be a web address/).waitFor();
    await evidence.getByLabel("Link").fill("");
    await evidence.getByLabel("Note").fill("New hires deployed in 20 days in November");
    await evidence.getByRole("button", { name: "Add evidence" }).click();
    await evidence.waitFor({ state: "hidden" });
    await card.getByText("New hires deployed in 20 days in November").waitFor();

    await card.getByRole("button", { name: "Edit Shorten time to onboard new staff" }).click();
    const edit = page.getByRole("dialog", { name: "Edit outcome" });
    await edit.getByLabel("Status").click();
    await page.getByRole("option", { name: "Achieved" }).click();
    await edit.getByLabel("Current value").fill("10");
    await edit.getByRole("button", { name: "Save" }).click();
    await edit.waitFor({ state: "hidden" });
    await card.getByText("Achieved", { exact: true }).waitFor();

    await card.getByRole("button", { name: "History of Shorten time to onboard new staff" }).click();
    const history = page.getByRole("dialog", { name: /History of/ });
    await history.getByText("Status: Planned → Achieved").waitFor();
    await history.getByText("Current value: 20 → 10").waitFor();
    await shot(page, "outcome-history");
    await page.keyboard.press("Escape");

    await card.getByRole("button", { name: "Delete Shorten time to onboard new staff" }).click();
    await page
      .getByRole("dialog", { name: /Delete/ })
      .getByRole("button", { name: "Delete" })
      .click();
    await card.waitFor({ state: "detached" });
  });
});
