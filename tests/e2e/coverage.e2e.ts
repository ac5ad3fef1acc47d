import type { Locator, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { chooseField, eventually, label, shot, shotOf, tableRows, withSignedInPage } from "./browser.ts";

/** The demo user, Dana Whitfield, is one of the CSMs: the move made here leaves her book alone. */
const DEMO_USER = "Dana Whitfield";

/** "146%" in a CSM's row of the book → 146. */
async function loadOf(row: Locator): Promise<number> {
  const text = (await row.locator("td").nth(4).textContent()) ?? "";
  const n = /(\d+)%/.exec(text)?.[1];
  if (!n) throw new Error(`no load in "${text}"`);
  return Number(n);
}

const csmRow = async (page: Page, name: string) =>
  (await tableRows(page, "Book of business")).filter({ has: page.getByRole("link", { name, exact: true }) });

describe("tiers, coverage and the book of business", () => {
  let page: Page;
  withSignedInPage((p) => {
    page = p;
  });

  test("a manager sees the overloaded CSM and the suggestions, makes one move, and the loads follow with the account assigned by hand", async () => {
    await page.getByRole("link", { name: "Book of business", exact: true }).click();
    await page.getByRole("heading", { name: "Book of business", level: 2 }).waitFor();

    // Marcus Okafor carries far more than a full book, and says so in words.
    const marcus = await csmRow(page, "Marcus Okafor");
    expect(await marcus.getByText("Over capacity").count()).toBe(1);
    expect(await loadOf(marcus)).toBeGreaterThan(130);
    const unowned = await csmRow(page, "Nobody owns these");
    expect(await unowned.count()).toBe(1);

    const suggestions = await tableRows(page, "Rebalancing suggestions");
    expect(await suggestions.count()).toBeGreaterThan(3);
    await shot(page, "book-of-business");

    // One move between two other CSMs: from the fuller book to the emptier one.
    const candidates = suggestions.filter({ hasNotText: DEMO_USER });
    const move = candidates.first();
    const account = ((await move.getByRole("link").first().textContent()) ?? "").trim();
    const from = ((await move.locator("td").nth(4).textContent()) ?? "").trim();
    const to = ((await move.locator("td").nth(5).textContent()) ?? "").trim();
    const fromRow = await csmRow(page, from);
    const toRow = await csmRow(page, to);
    const [fromBefore, toBefore] = [await loadOf(fromRow), await loadOf(toRow)];
    expect(fromBefore).toBeGreaterThan(toBefore);

    await move.getByRole("checkbox", { name: `Move ${account} to ${to}` }).check();
    await page.getByRole("button", { name: "Make this move" }).click();
    const dialog = page.getByRole("dialog", { name: "Make this move?" });
    await dialog.getByText(`${account}: ${from} → ${to}`).waitFor();
    await dialog.getByText(/counts as assigned by hand/).waitFor();
    await shotOf(dialog, "book-move-confirm");
    await dialog.getByRole("button", { name: "Move the account" }).click();
    await dialog.waitFor({ state: "hidden" });

    // The table is read again: the giver's load went down, the taker's up.
    await eventually(async () => (await loadOf(await csmRow(page, from))) < fromBefore);
    expect(await loadOf(await csmRow(page, to))).toBeGreaterThan(toBefore);
    // The moved account is read back: with its new owner, assigned by hand, and no longer suggested.
    const moved = page.getByTestId("moved-account").filter({ hasText: account });
    await moved.getByText(`now with ${to}`).waitFor();
    await moved.getByText("Assigned by hand").waitFor();
    await expect
      .poll(async () =>
        (await tableRows(page, "Rebalancing suggestions")).filter({ hasText: account }).count(),
      )
      .toBe(0);
    await shot(page, "book-after-move");

    // Its page says the same beside the owner.
    await moved.getByRole("link", { name: account }).click();
    await page.getByRole("heading", { name: account, level: 2 }).waitFor();
    const owner = page.getByTestId("account-owner");
    await owner.getByText(to, { exact: true }).waitFor();
    await owner.getByText("Assigned by hand").waitFor();
  });

  test("an admin previews tiering in Settings → Coverage: the tiers kept by hand, and what an unsaved draft would change", async () => {
    await page.getByRole("link", { name: "Settings", exact: true }).click();
    await page.getByRole("tab", { name: "Coverage" }).click();
    await page.waitForURL(/\/settings\/coverage$/);
    expect(await page.getByLabel(label("One-to-one")).inputValue()).toBe("10");
    expect(await page.getByLabel(label("One-to-few")).inputValue()).toBe("40");
    expect(await page.getByLabel(label("One-to-many")).inputValue()).toBe("200");
    const rules = page.getByTestId("tiering-rule");
    await expect.poll(() => rules.count()).toBe(3);
    expect(await page.getByRole("switch", { name: "Run every night" }).isChecked()).toBe(true);

    // The saved rules ran when the demo was loaded (other suites may have changed accounts since):
    // the tiers set in the CRM stay, and the preview says so.
    await page.getByRole("button", { name: "Preview" }).click();
    const preview = page.getByTestId("tiering-preview");
    await preview.waitFor();
    const changedNow = Number(await preview.getByTestId("tiering-changed").locator("p").nth(1).textContent());
    const kept = Number(await preview.getByTestId("tiering-kept").locator("p").nth(1).textContent());
    expect(kept).toBeGreaterThan(0);
    const changes = await tableRows(page, "Tiering changes");
    await changes
      .filter({ hasText: /tier .+ was set by hand \(the rules say .+\)/ })
      .first()
      .waitFor();
    await shot(page, "coverage-settings-preview");

    // A draft, unsaved: Enterprise from 100,000 ARR moves accounts up to one-to-one (their tiers, set
    // in the CRM by hand, stay), and the preview shows them.
    const enterprise = rules.first();
    await enterprise.getByLabel("Value", { exact: true }).fill("100000");
    await page.getByText("Unsaved changes").waitFor();
    expect(await page.getByRole("button", { name: "Apply now" }).isDisabled()).toBe(true);
    await page.getByRole("button", { name: "Preview" }).click();
    await eventually(
      async () =>
        Number(await preview.getByTestId("tiering-changed").locator("p").nth(1).textContent()) > changedNow,
    );
    await changes.filter({ hasText: "One-to-few → One-to-one" }).first().waitFor();

    // A rule the server refuses says why at its condition row, in the field's words.
    await page.getByRole("button", { name: "Add rule" }).click();
    const added = rules.nth(3);
    await added.getByLabel(label("Tier")).fill("Watch list");
    const row = added.getByTestId("segment-condition").first();
    await chooseField(page, row, "Health score");
    await row.getByLabel("Operator", { exact: true }).click();
    await page.getByRole("option", { name: "is between" }).click();
    await row.getByLabel("From", { exact: true }).fill("80");
    await row.getByLabel("To", { exact: true }).fill("20");
    await page.getByRole("button", { name: "Preview" }).click();
    await row.getByText("Health score must go from the lower to the higher value").waitFor();
    await shotOf(added, "coverage-rule-issue");
    await added.getByRole("button", { name: "Remove Watch list" }).click();
    await expect.poll(() => rules.count()).toBe(3);

    // A capacity that cannot be is refused at its field, in words.
    await page.getByLabel(label("One-to-one")).fill("0");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("One-to-one must be at least 1").waitFor();
    await shotOf(page.getByTestId("coverage-capacity"), "coverage-capacity-issue");
  });

  test("a tier set by hand is given back to the rules from the account's page, and tiering would set it again", async () => {
    await page.goto("/settings/coverage");
    await page.getByRole("button", { name: "Preview" }).click();
    const kept = (await tableRows(page, "Tiering changes"))
      .filter({ hasText: /tier SMB was set by hand \(the rules say Mid-Market\)/ })
      .first();
    const account = ((await kept.getByRole("link").textContent()) ?? "").trim();
    await kept.getByRole("link").click();
    await page.getByRole("heading", { name: account, level: 2 }).waitFor();

    const details = page.getByTestId("account-details");
    const tier = details.getByTestId("account-tier");
    await tier.getByText("SMB", { exact: true }).waitFor();
    await tier.getByText("Set by hand").waitFor();
    await tier.getByRole("button", { name: "Give back to the rules" }).click();
    const dialog = page.getByRole("dialog", { name: "Give the tier back to the rules?" });
    await dialog.getByText(/hands it back to the tiering rules/).waitFor();
    await dialog.getByRole("button", { name: "Empty the tier" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => tier.getByText("Set by hand").count()).toBe(0);
    expect((await tier.textContent())?.trim()).toBe("—");
    await shotOf(details, "account-tier-given-back");

    // The rules would now give it their tier; Apply now asks before doing it.
    await page.goto("/settings/coverage");
    await page.getByRole("button", { name: "Preview" }).click();
    await (await tableRows(page, "Tiering changes"))
      .filter({ hasText: account })
      .filter({ hasText: "none → Mid-Market" })
      .waitFor();
    await page.getByRole("button", { name: "Apply now" }).click();
    const ask = page.getByRole("dialog", { name: "Apply the tiering rules now?" });
    await ask.getByText(/Settings made by hand stay as they are/).waitFor();
    await ask.getByRole("button", { name: "Cancel" }).click();
    await ask.waitFor({ state: "hidden" });
  });
});
