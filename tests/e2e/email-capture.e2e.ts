import nodemailer, { type SendMailOptions } from "nodemailer";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { demoLogin, openEnterpriseAccount, shot, shotOf, withSignedInPage } from "./browser.ts";

/** Set by scripts/e2e.mjs: the port of the server's inbound SMTP listener for email capture. */
const smtpPort = Number(process.env.E2E_INBOUND_SMTP_PORT ?? 2525);

type Contact = { id: string; name: string; email: string | null };

const send = (message: SendMailOptions) =>
  nodemailer
    .createTransport({ host: "127.0.0.1", port: smtpPort, secure: false, ignoreTLS: true })
    .sendMail(message);

/** A customer's mail as Gmail forwards it, from the demo user's own address to the capture address. */
const forwarded = (capture: string, customer: Contact, subject: string) => ({
  from: `Demo <${demoLogin.email}>`,
  to: capture,
  subject: `Fwd: ${subject}`,
  text: [
    "Logging this one.",
    "",
    "---------- Forwarded message ---------",
    `From: ${customer.name} <${customer.email}>`,
    `Date: ${new Date(Date.now() - 60_000).toUTCString()}`,
    `Subject: ${subject}`,
    `To: Demo <${demoLogin.email}>`,
    "",
    "Could we go over the rollout plan next week?",
  ].join("\n"),
});

describe("email capture", () => {
  let page: Page;
  withSignedInPage((p) => {
    page = p;
  });

  test("a customer email forwarded to the workspace's capture address shows on the account page as a touchpoint with its key player", async () => {
    await openEnterpriseAccount(page);
    const accountId = page.url().split("/").pop() as string;
    // The address as the account page shows it next to the touchpoints.
    const capture = ((await page.getByTestId("capture-address").first().textContent()) ?? "").trim();
    expect(capture).toMatch(/^capture\+[0-9a-f]{32}@capture\.steward\.test$/);
    await shot(page, "capture-address-on-account");

    const contacts = (await (
      await page.request.get(`/api/v1/contacts?accountId=${accountId}&limit=50`)
    ).json()) as {
      data: Contact[];
    };
    const customer = contacts.data.find((c) => c.email) as Contact;
    const subject = `Rollout plan ${Date.now()}`;
    const info = await send(forwarded(capture, customer, subject));
    expect(info.accepted).toEqual([capture]);

    await page.reload();
    const item = page
      .getByRole("list", { name: "Touchpoints" })
      .getByRole("listitem")
      .filter({ hasText: subject });
    await item.waitFor();
    await item.getByText("Email", { exact: true }).waitFor();
    await item.getByText(`With ${customer.name}`).waitFor();
    await page.getByText(`Email: ${subject}`).first().waitFor();
    await shotOf(page.getByTestId("capture-address-line").locator("xpath=../.."), "captured-touchpoint");
  });

  test("mail Steward cannot place waits on the Journey page until someone assigns it to an account", async () => {
    await openEnterpriseAccount(page);
    const accountName = (await page.getByRole("heading", { level: 2 }).first().textContent())?.trim() ?? "";
    const capture = ((await page.getByTestId("capture-address").first().textContent()) ?? "").trim();
    const subject = `Introduction ${Date.now()}`;
    await send({
      from: demoLogin.email,
      to: "A Stranger <stranger@unknown-company.example>",
      bcc: capture,
      subject,
      text: "Nice to meet you.",
    });

    await page.goto("/journey");
    const review = page.getByRole("list", { name: "Captured email to review" });
    const item = review.getByRole("listitem", { name: subject });
    await item.waitFor();
    await item.getByText("With A Stranger").waitFor();
    await shot(page, "capture-review");
    await item.getByRole("button", { name: "Assign to account" }).click();

    const dialog = page.getByRole("dialog", { name: "Assign to an account" });
    // Sent without an account (by keyboard: the account's search is open): said at the field, in plain words.
    await dialog.getByRole("button", { name: "Make it a touchpoint" }).press("Enter");
    await dialog.getByText("Pick the account this email belongs to").waitFor();
    await dialog.getByLabel(/^Account/).fill(accountName);
    await page.getByRole("option", { name: accountName }).first().click();
    await dialog.getByLabel("Key players present").click();
    await page.getByRole("option").first().click();
    await page.keyboard.press("Escape");
    await dialog.getByRole("button", { name: "Make it a touchpoint" }).click();
    await dialog.waitFor({ state: "hidden" });
    await item.waitFor({ state: "detached" });
  });

  test("every member finds the address in Settings", async () => {
    await page.goto("/settings/email-capture");
    const address = page.getByTestId("capture-address");
    await address.waitFor();
    expect((await address.textContent())?.trim()).toMatch(/^capture\+[0-9a-f]{32}@capture\.steward\.test$/);
    await page.getByRole("button", { name: "Copy address" }).waitFor();
    await shot(page, "capture-settings");
  });
});
