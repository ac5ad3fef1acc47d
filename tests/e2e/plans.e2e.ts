import type { Locator, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { openEnterpriseAccount, shot, shotOf, withSignedInPage } from "./browser.ts";

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** A field by its whole label, the asterisk of a required one aside. */
const label = (text: string) => new RegExp(`^${literal(text)}\\s*\\*?$`);

/** Picks an option of a Mantine select or multi-select (its options open in a portal). */
async function pick(page: Page, input: Locator, option: RegExp | string, type?: string) {
  await input.click();
  if (type) await page.keyboard.type(type);
  await page.getByRole("option", { name: option }).first().click();
}

/** Starts a plan from the account's "Success plans" section and waits for the plan's page. */
async function startPlan(page: Page, title: string, template?: string) {
  await page.getByTestId("account-plans").getByRole("button", { name: "New plan" }).click();
  const dialog = page.getByRole("dialog", { name: "New success plan" });
  // Without a title the form says so at the field, in words.
  await dialog.getByRole("button", { name: "Start plan" }).click();
  await dialog.getByText("Title is required").waitFor();
  await dialog.getByLabel(label("Title")).fill(title);
  if (template)
    await pick(page, dialog.getByLabel("Start from a template"), new RegExp(`^${literal(template)}`));
  await dialog.getByRole("button", { name: "Start plan" }).click();
  await page.waitForURL(/\/plans\/[0-9a-f-]{36}$/);
  await page.getByRole("heading", { name: title, level: 2 }).waitFor();
}

describe("success plans", () => {
  let page: Page;
  withSignedInPage((p) => {
    page = p;
  });

  test("a CSM builds a plan tied to a key player's outcome and shares it; the key player confirms the outcome through the link; revoking the link ends it", async () => {
    const stamp = Date.now();
    await openEnterpriseAccount(page);
    const accountUrl = page.url();

    // An outcome of a key player for the plan to serve.
    const outcomeTitle = `Close the month in 3 days ${stamp}`;
    await page.getByRole("button", { name: "Add outcome" }).click();
    const outcomeForm = page.getByRole("dialog", { name: "New outcome or personal win" });
    await outcomeForm.getByLabel(label("Key player")).click();
    const firstKeyPlayer = page.getByRole("option", { name: /\(key player\)$/ }).first();
    const person = ((await firstKeyPlayer.textContent()) ?? "").replace(/ \(key player\)$/, "").trim();
    await firstKeyPlayer.click();
    await outcomeForm.getByLabel(label("Title")).fill(outcomeTitle);
    await outcomeForm.getByRole("button", { name: "Add", exact: true }).click();
    await outcomeForm.waitFor({ state: "hidden" });

    const planTitle = `Value plan ${stamp}`;
    await startPlan(page, planTitle);
    await page.getByText("No objectives yet.").waitFor();

    // An objective shown to the customer, serving that outcome.
    await page.getByRole("button", { name: "Add objective" }).click();
    const objectiveForm = page.getByRole("dialog", { name: "New objective" });
    await objectiveForm.getByLabel(label("Title")).fill("Faster month-end close");
    await objectiveForm
      .getByRole("textbox", { name: "Description" })
      .fill("Finance closes the books within three days.");
    await objectiveForm
      .getByRole("textbox", { name: "Internal notes" })
      .fill("Their controller is sceptical.");
    await pick(
      page,
      objectiveForm.getByLabel("Outcomes it serves"),
      new RegExp(literal(outcomeTitle)),
      String(stamp),
    );
    await objectiveForm.getByLabel(label("Title")).click();
    await objectiveForm.getByRole("switch", { name: "Show on the customer's page" }).check();
    await objectiveForm.getByRole("button", { name: "Add", exact: true }).click();
    await objectiveForm.waitFor({ state: "hidden" });
    const objective = page.getByTestId("plan-objective").filter({ hasText: "Faster month-end close" });
    await objective.getByTestId("plan-outcome").filter({ hasText: outcomeTitle }).waitFor();
    await objective.getByText("Internal note: Their controller is sceptical.").waitFor();

    // A milestone under it, shared too, due in a month.
    await page.getByRole("button", { name: "Add milestone to Faster month-end close" }).click();
    const milestoneForm = page.getByRole("dialog", { name: "New milestone" });
    await milestoneForm.getByLabel(label("Title")).fill("Bank reconciliation automated");
    await milestoneForm.getByLabel("Due date").fill(inDays(30));
    await milestoneForm.getByRole("switch", { name: "Show on the customer's page" }).check();
    await milestoneForm.getByRole("button", { name: "Add", exact: true }).click();
    await milestoneForm.waitFor({ state: "hidden" });
    await page.getByTestId("plan-milestone").filter({ hasText: "Bank reconciliation automated" }).waitFor();
    await shot(page, "plan-page");

    // A link for the key player, who may then confirm their outcome; its address is shown once.
    await page.getByRole("button", { name: "Share", exact: true }).click();
    const share = page.getByRole("dialog", { name: `Share “${planTitle}”` });
    await share.getByText("2 of 2 items are on the customer's page").waitFor();
    await share.getByText("No links yet.").waitFor();
    await pick(
      page,
      share.getByLabel("Who is it for"),
      new RegExp(`^${literal(person)} — may confirm 1 outcome`),
    );
    await share.getByRole("button", { name: "Create link" }).click();
    const created = page.getByRole("dialog", { name: "Share link created" });
    await created.getByText("This is the only time Steward shows it").waitFor();
    const url = ((await created.getByTestId("plan-link-url").textContent()) ?? "").trim();
    expect(url.startsWith(process.env.E2E_BASE_URL ?? "http://127.0.0.1:3199")).toBe(true);
    await shotOf(created, "plan-link-created");
    await created.getByRole("button", { name: "I have copied the address" }).click();
    const linkRow = share
      .getByRole("table", { name: "Share links" })
      .locator("tbody tr")
      .filter({ hasText: person });
    await linkRow.getByText("Active").waitFor();
    await page.keyboard.press("Escape");
    await share.waitFor({ state: "hidden" });

    // The key player, with no session, opens the page and confirms the outcome achieved.
    const customer = await page.context().browser()?.newContext();
    const keyPlayer = await customer?.newPage();
    if (!customer || !keyPlayer) throw new Error("no page for the key player");
    await keyPlayer.goto(url);
    await keyPlayer.getByRole("heading", { name: planTitle, level: 1 }).waitFor();
    await keyPlayer.getByText("Finance closes the books within three days.").waitFor();
    await keyPlayer.getByText("Bank reconciliation automated").waitFor();
    expect(await keyPlayer.content()).not.toContain("sceptical");
    const comment = `Closed November in 3 days ${stamp}`;
    const form = keyPlayer.locator(".outcome").filter({ hasText: outcomeTitle });
    await form.getByLabel("Yes, achieved").check();
    await form.locator("textarea").fill(comment);
    await form.getByRole("button", { name: "Send" }).click();
    await keyPlayer.getByText("your answer is recorded").waitFor();
    await shot(keyPlayer, "plan-shared-page");

    // The plan shows the key player's word beside the outcome.
    await page.reload();
    await objective
      .getByTestId("plan-outcome")
      .filter({ hasText: outcomeTitle })
      .getByText(new RegExp(`^Confirmed achieved by ${literal(person)}, .+ — “${literal(comment)}”$`))
      .waitFor();
    await shotOf(objective, "plan-objective-confirmed");

    // The outcome is achieved, with the customer-confirmed evidence naming who said so.
    await page.goto(accountUrl);
    const card = page.getByTestId("outcome").filter({ hasText: outcomeTitle });
    await card.waitFor();
    expect(await card.getByTestId("outcome-status").textContent()).toBe("Achieved");
    const evidence = card.getByTestId("evidence").filter({ hasText: "Customer-confirmed" });
    await evidence.getByText(comment).waitFor();
    expect(await evidence.textContent()).toContain(`(${person},`);
    await page.getByTestId("plan-summary").filter({ hasText: planTitle }).getByText("Shared").waitFor();
    await shotOf(card, "outcome-customer-confirmed");
    await shotOf(page.getByTestId("account-plans"), "account-plans");

    // Revoking the link ends it at once.
    await page.getByRole("link", { name: planTitle }).click();
    await page.getByRole("heading", { name: planTitle, level: 2 }).waitFor();
    await page.getByRole("button", { name: "Share", exact: true }).click();
    await share.getByRole("button", { name: `Revoke the link for ${person}` }).click();
    const confirm = page.getByRole("dialog", { name: "Revoke this link?" });
    await confirm.getByRole("button", { name: "Revoke link" }).click();
    await linkRow.getByText("Revoked", { exact: true }).waitFor();
    await shotOf(share, "plan-share-dialog");
    await keyPlayer.goto(url);
    await keyPlayer.getByRole("heading", { name: "This link no longer works" }).waitFor();
    await customer.close();
  });

  test("an admin writes a plan template; a plan started from it has its objectives and milestones, which can be reordered, progressed and deleted", async () => {
    const stamp = Date.now();
    const name = `Quarterly value review ${stamp}`;
    await page.goto("/settings/plan-templates");
    await page.getByRole("button", { name: "New template" }).click();
    const form = page.getByRole("dialog", { name: "New plan template" });
    await form.getByLabel(label("Name")).fill(name);
    await form.getByLabel(label("Objective 1")).fill("Value proven");
    await form.getByLabel("Due after (days)").first().fill("60");
    await form.getByRole("button", { name: "Add milestone" }).first().click();
    // An empty milestone is named by its place, at its field.
    await form.getByRole("button", { name: "Add template" }).click();
    await form.getByText("Milestone 1 of objective 1 is required").waitFor();
    await form.getByLabel(label("Milestone 1 of objective 1")).fill("Executive business review held");
    await form.getByLabel("Days after the start for milestone 1 of objective 1").fill("45");
    await form.getByRole("button", { name: "Add objective" }).click();
    await form.getByLabel(label("Objective 2")).fill("Renewal agreed");
    await form.getByRole("button", { name: "Add template" }).click();
    await form.waitFor({ state: "hidden" });
    const row = page
      .getByRole("table", { name: "Plan templates" })
      .locator("tbody tr")
      .filter({ hasText: name });
    await row.getByText("2 objectives · 1 milestone").waitFor();
    await shot(page, "plan-templates");

    await openEnterpriseAccount(page);
    const planTitle = `Renewal plan ${stamp}`;
    await startPlan(page, planTitle, name);
    const objectives = page.getByTestId("plan-objective");
    await expect.poll(() => objectives.allTextContents()).toHaveLength(2);
    expect((await objectives.first().textContent()) ?? "").toContain("Value proven");

    // Moved down, the first objective comes second.
    await page.getByRole("button", { name: "Move Value proven down" }).click();
    await expect.poll(async () => (await objectives.first().textContent()) ?? "").toContain("Renewal agreed");

    // The milestone done: its objective is complete, the plan half way.
    await pick(
      page,
      page.getByRole("combobox", { name: "Status of Executive business review held" }),
      "Done",
    );
    await page
      .getByTestId("plan-objective")
      .filter({ hasText: "Value proven" })
      .getByText("100% done")
      .waitFor();
    await page.getByTestId("plan-progress").getByText("50%").waitFor();

    await page.getByRole("button", { name: "More actions" }).click();
    await page.getByRole("menuitem", { name: "Delete plan" }).click();
    await page
      .getByRole("dialog", { name: /^Delete/ })
      .getByRole("button", { name: "Delete plan" })
      .click();
    await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
    await page.getByTestId("account-plans").waitFor();
    await expect.poll(() => page.getByTestId("plan-summary").filter({ hasText: planTitle }).count()).toBe(0);
  });
});
