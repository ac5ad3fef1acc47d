import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { openEnterpriseAccount, shot, withSignedInPage } from "./browser.ts";

describe("the stakeholder map", () => {
  let page: Page;
  withSignedInPage((p) => {
    page = p;
  });

  test("an Enterprise account of the demo shows its key players by role, their facts in words, and the relationship risks", async () => {
    await openEnterpriseAccount(page);
    const map = page.getByTestId("stakeholder-map");
    await map.waitFor();
    const cards = map.getByTestId("stakeholder");
    await cards.first().waitFor();
    expect(await cards.count()).toBeGreaterThan(0);
    // Grouped under their role in the decision, with a count.
    await map
      .getByRole("heading", {
        name: /^(Economic buyer|Decision maker|Champion|Influencer|Detractor|User|No decision role) \(\d+\)$/,
      })
      .first()
      .waitFor();
    // Every card names when we last met them and what they last answered, in words.
    const first = cards.first();
    await first.getByText("Last met").waitFor();
    await first.getByText("Latest answer").waitFor();
    await first.getByText(/^(\d+ outcomes?: .+|No outcomes recorded)$/).waitFor();
    // The index carries its definition on hover.
    await first.getByText(/^(Success \d+(\.\d)?|No index yet)$/).hover();
    await page
      .getByRole("tooltip")
      .getByText(/outcomes and personal wins/)
      .waitFor();
    // Risks come as alerts naming the risk and its evidence, or the map says there are none.
    const risks = map.getByTestId("relationship-risk");
    if ((await risks.count()) > 0) {
      await risks
        .first()
        .getByText(/^Risk: /)
        .waitFor();
    } else {
      await map.getByTestId("no-relationship-risks").waitFor();
    }
    await shot(page, "stakeholder-map");

    // A key player's name opens their contact page.
    const link = first.getByRole("link").first();
    const person = (await link.textContent())?.trim() ?? "";
    await link.click();
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { name: person, level: 2 }).waitFor();
  });
});
