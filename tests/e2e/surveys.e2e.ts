import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type ParsedMail, simpleParser } from "mailparser";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { eventually, openEnterpriseAccount, shot, shotOf, withSignedInPage } from "./browser.ts";

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Set by scripts/e2e.mjs: where its SMTP server writes each message it receives. */
const mailDir = process.env.E2E_MAIL_DIR;

/** Waits for the message sent to `address` in the SMTP server's directory, parsed. */
async function mailTo(address: string, timeoutMs = 30_000): Promise<ParsedMail> {
  if (!mailDir) throw new Error("E2E_MAIL_DIR is not set: run the suite with npm run test:e2e");
  let found: ParsedMail | undefined;
  await eventually(async () => {
    for (const file of readdirSync(mailDir).filter((f) => f.endsWith(".eml"))) {
      const mail = await simpleParser(readFileSync(join(mailDir, file)));
      const to = mail.to && !Array.isArray(mail.to) ? mail.to.text : "";
      if (to.toLowerCase().includes(address.toLowerCase())) found = mail;
    }
    return found !== undefined;
  }, timeoutMs);
  return found as ParsedMail;
}

describe("surveys by email", () => {
  let page: Page;
  withSignedInPage((p) => {
    page = p;
  });

  test("a CSM sends an NPS survey to a key player, who answers 3 from the emailed link; the account shows the answer, the new NPS and the alert", async () => {
    const account = await openEnterpriseAccount(page);
    const accountUrl = page.url();
    await page.getByRole("heading", { name: "Experience", exact: true }).waitFor();
    const nps = page.getByTestId("experience-NPS");
    // The card's last line counts the answers ("No responses", "1 response", "1,204 responses").
    const countLine = nps.locator("p").last();
    await countLine.getByText(/response/).waitFor();
    const countOf = async () =>
      Number(
        (/^([\d,]+) response/.exec((await countLine.textContent()) ?? "")?.[1] ?? "0").replace(/,/g, ""),
      );
    const before = await countOf();

    // The flow opens on this account's key players; the preview says who would be asked. The
    // demo asked its key players for NPS last quarter, so the recontact guard is set aside here.
    await page.getByRole("button", { name: "Send survey" }).click();
    const dialog = page.getByRole("dialog", { name: "New survey" });
    await dialog.getByRole("textbox", { name: "Recontact days" }).fill("0");
    await dialog.getByRole("button", { name: "Preview recipients" }).click();
    const asked = dialog.getByRole("table", { name: "Will be asked" });
    await asked.waitFor();
    const first = asked.locator("tbody tr").first();
    const name = ((await first.locator("td").nth(0).textContent()) ?? "").trim();
    const email = ((await first.locator("td").nth(2).textContent()) ?? "").trim();
    expect(email).toContain("@");
    await shotOf(dialog, "survey-preview-account");

    // Back to ask that one key player; with no one chosen the form says so at the field.
    await dialog.getByRole("button", { name: "Back" }).click();
    await dialog.getByText("Chosen contacts").click();
    await dialog.getByRole("button", { name: "Preview recipients" }).click();
    await dialog.getByText("Choose at least one contact").waitFor();
    await shotOf(dialog, "survey-form-error");
    await dialog.getByRole("textbox", { name: "Recontact days" }).fill("0");
    await dialog.getByLabel("Contacts", { exact: true }).click();
    await page.keyboard.type(name);
    await page.getByRole("option", { name: new RegExp(`^${literal(name)} · ${literal(account)}`) }).click();
    await page.keyboard.press("Escape");
    await dialog.getByRole("button", { name: "Preview recipients" }).click();
    await dialog.getByRole("table", { name: "Will be asked" }).getByText(email).waitFor();
    await dialog.getByRole("button", { name: "Send to 1 key player" }).click();

    // The survey's page, and the invitation from the real SMTP server.
    await page.waitForURL(/\/surveys\/[0-9a-f-]{36}$/);
    await page
      .getByText("1 of 1 answered")
      .waitFor({ state: "detached", timeout: 1000 })
      .catch(() => {});
    await page.getByText("0 of 1 answered").waitFor();
    const mail = await mailTo(email);
    const link = /https?:\/\/\S+\/s\/[A-Za-z0-9_-]+/.exec(mail.text ?? "")?.[0];
    expect(link?.startsWith(process.env.E2E_BASE_URL ?? "http://127.0.0.1:3199")).toBe(true);

    // The key player answers 3 with a comment on the public page (no session needed).
    const answer = await page.context().browser()?.newContext();
    const keyPlayer = await answer?.newPage();
    if (!keyPlayer || !link) throw new Error("no page for the key player");
    await keyPlayer.goto(link);
    await keyPlayer.getByRole("heading", { name: /recommend us/ }).waitFor();
    const comment = `Reports keep timing out ${Date.now()}`;
    await keyPlayer.getByRole("radio", { name: "3", exact: true }).check();
    await keyPlayer.locator("#comment").fill(comment);
    await keyPlayer.getByRole("button", { name: "Send my answer" }).click();
    await keyPlayer.getByText("your answer is recorded").waitFor();
    await shot(keyPlayer, "survey-answered");
    await answer?.close();

    // The survey's results count it.
    await page.reload();
    await page.getByText("1 of 1 answered").waitFor();
    await page.getByText(`“${comment}”`).waitFor();
    await expect.poll(() => page.getByTestId("survey-score").textContent()).toContain("-100");
    await shot(page, "survey-results");

    // The account: the answer, the new NPS and the alert to call back.
    await page.goto(accountUrl);
    await page.getByRole("heading", { name: "Experience", exact: true }).waitFor();
    await expect.poll(countOf).toBe(before + 1);
    if (before === 0) expect(await nps.textContent()).toContain("-100");
    const alerts = page.getByRole("list", { name: "Open alerts" });
    await alerts.getByText(`Needs a call back — Detractor: ${name} answered NPS 3 of 10`).waitFor();
    await alerts.getByText(comment).waitFor();
    await page.getByRole("list", { name: "Answers" }).getByText(`“${comment}”`).waitFor();
    await page.getByTestId("timeline").getByText(`Detractor: ${name} answered NPS 3 of 10`).waitFor();
    await shotOf(page.getByTestId("account-experience"), "account-experience");
    await shotOf(page.getByTestId("timeline"), "account-timeline-alert");

    // Asking the account again: the recontact guard leaves out who was just asked, and says why.
    await page.getByRole("button", { name: "Send survey" }).click();
    await dialog.getByRole("button", { name: "Preview recipients" }).click();
    const left = dialog.getByRole("table", { name: "Left out" }).getByRole("row").filter({ hasText: name });
    await left.getByText(/^Asked on .+ — within 90 days$/).waitFor();
    await shotOf(dialog, "survey-preview-recontact");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
  });

  test("the surveys page lists the survey with its score and delivery; an admin sees the sent message in the outbox", async () => {
    await page.goto("/accounts");
    await page.getByRole("link", { name: "Surveys", exact: true }).click();
    await page.getByRole("heading", { name: "Surveys", exact: true }).waitFor();
    // The survey the first test sent (its default name), among the demo's quarterly ones.
    const row = page
      .getByRole("table", { name: "Surveys" })
      .locator("tbody tr")
      .filter({ hasText: "NPS survey —" })
      .first();
    await row.getByText("1 sent").waitFor();
    expect(await row.textContent()).toContain("100%");
    await shot(page, "surveys");

    await page.goto("/settings/outbox");
    const outbox = page.getByRole("table", { name: "Outbox" });
    await outbox.locator("tbody").getByText("Sent", { exact: true }).first().waitFor();
    await outbox.locator("tbody tr").first().click();
    await page.getByText(/keeps no text of a message once it is handed to the mail server/).waitFor();
    await shotOf(page.getByRole("dialog"), "outbox-message");
    await shot(page, "outbox");
  });
});
