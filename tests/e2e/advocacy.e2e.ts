import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import type { AdvocacyAsk, AdvocacyCandidates, AdvocacySummary } from "../../src/contract/index.ts";
import { label, pick, shot, shotOf, tableRows, withSignedInPage } from "./browser.ts";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** "2026-11-03" → "3 Nov 2026", as the server words a day. */
const words = (d: string) => `${Number(d.slice(8))} ${MONTHS[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;
const plusDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const getJson = async <T>(page: Page, url: string): Promise<T> =>
  (await (await page.request.get(url)).json()) as T;

describe("advocacy", () => {
  let page: Page;
  withSignedInPage((p) => {
    page = p;
  });

  test("the demo's advocacy page shows NPS by month and the asks, a CSM asks the best candidate, is told the do-not-ask window holds on asking again from the account, and marks the ask delivered", async () => {
    await page.getByRole("link", { name: "Advocacy", exact: true }).click();
    await page.waitForURL(/\/advocacy$/);
    await page.getByRole("heading", { name: "Advocacy", level: 2 }).waitFor();

    // The period's NPS is the server's, and the chart tells each month's on hover.
    const today = new Date().toISOString().slice(0, 10);
    const first = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 12, 1));
    const summary = await getJson<AdvocacySummary>(
      page,
      `/api/v1/advocacy/summary?from=${first.toISOString().slice(0, 10)}&to=${today}`,
    );
    expect(summary.nps.score).not.toBeNull();
    const score = Math.round((summary.nps.score ?? 0) * 10) / 10;
    await page
      .getByTestId("stat-nps")
      .getByText(score > 0 ? `+${score}` : `${score}`.replace("-", "−"), { exact: true })
      .waitFor();
    const chart = page.getByTestId("advocacy-nps-chart");
    const canvas = chart.locator("canvas").first();
    await canvas.waitFor();
    const box = await canvas.boundingBox();
    if (!box) throw new Error("the NPS chart has no size");
    await canvas.hover({ position: { x: box.width * 0.9, y: box.height * 0.5 } });
    await chart.getByText(/\d+ answers?: \d+ promoters?/).waitFor();
    expect(await (await tableRows(page, "Per kind and state")).count()).toBe(5);
    await shotOf(chart, "advocacy-nps-chart");
    await shotOf(page.getByTestId("advocacy-by-kind"), "advocacy-by-kind");
    await shot(page, "advocacy-page");

    // The best candidate, first in the table as the server ranks them, with the reasons.
    const candidates = await getJson<AdvocacyCandidates>(page, "/api/v1/advocacy/candidates?limit=200");
    const best = candidates.data[0];
    if (!best) throw new Error("the demo has no one to ask");
    const rows = await tableRows(page, "Candidates");
    // Twenty at first, twenty more on demand.
    expect(await rows.count()).toBe(Math.min(20, candidates.data.length));
    if (candidates.data.length > 20) {
      await page.getByTestId("advocacy-candidates").getByRole("button", { name: "Show more" }).click();
      await expect.poll(() => rows.count()).toBe(Math.min(40, candidates.data.length));
    }
    await rows.first().getByText(best.contact.name, { exact: true }).waitFor();
    await shotOf(page.getByTestId("advocacy-candidates"), "advocacy-candidates");

    // The candidates' CSV holds the whole ranked list, as the server gives it.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("advocacy-candidates").getByRole("button", { name: "Export CSV" }).click(),
    ]);
    const lines = readFileSync(await download.path(), "utf8")
      .trim()
      .split("\n");
    expect(lines[0]?.startsWith("Contact,Title,Account,NPS,")).toBe(true);
    expect(lines).toHaveLength(candidates.data.length + 1);
    expect(lines[1]?.startsWith(`${best.contact.name},`)).toBe(true);

    // Ask them for a reference.
    await rows
      .first()
      .getByRole("button", { name: `Ask ${best.contact.name}` })
      .click();
    const dialog = page.getByRole("dialog", { name: `Ask ${best.contact.name}` });
    await dialog.waitFor();
    await pick(page, dialog.getByLabel(label("Asked for")), "Reference");
    await dialog.getByLabel(label("Detail")).fill("Reference call with Contoso Pharma");
    await dialog.getByRole("button", { name: "Record ask" }).click();
    await page.getByText(`Ask recorded: ${best.contact.name}, reference`).waitFor();
    await dialog.waitFor({ state: "hidden" });
    // Asked today: out of the candidates, first in the asks.
    await expect
      .poll(async () =>
        page.getByTestId("advocacy-candidates").getByText(best.contact.name, { exact: true }).count(),
      )
      .toBe(0);
    const asks = await tableRows(page, "Asks");
    await asks.first().getByText(best.contact.name, { exact: true }).waitFor();

    // On the account's page, asking them again is refused at their name, with when they can be.
    await page.getByTestId("advocacy-asks").getByRole("link", { name: best.account.name }).first().click();
    await page.waitForURL(new RegExp(`/accounts/${best.account.id}$`));
    const card = page.getByTestId("account-advocacy");
    await card.scrollIntoViewIfNeeded();
    await card.getByText("Reference call with Contoso Pharma", { exact: false }).waitFor();
    await card.getByRole("button", { name: "Ask", exact: true }).click();
    const again = page.getByRole("dialog", { name: "New ask" });
    await again.waitFor();
    const who = again.getByLabel(label("Who"));
    await pick(page, who, new RegExp(`^${best.contact.name}`));
    await pick(page, again.getByLabel(label("Asked for")), "Case study");
    await again.getByRole("button", { name: "Record ask" }).click();
    const refusal = `${best.contact.name} was asked on ${words(today)}; the do-not-ask window runs until ${words(plusDays(today, 90))}`;
    await again.getByText(refusal).waitFor();
    expect(await who.getAttribute("aria-invalid")).toBe("true");
    await again.getByLabel("Ask anyway: I know they were asked recently").waitFor();
    await shotOf(again, "advocacy-do-not-ask");
    await again.getByRole("button", { name: "Cancel" }).click();
    const mine = await getJson<{ data: AdvocacyAsk[] }>(
      page,
      `/api/v1/advocacy/asks?contactId=${best.contact.id}`,
    );
    expect(mine.data.filter((a) => a.askedOn === today).map((a) => a.kind)).toEqual(["reference"]);

    // Back on the Advocacy page, the reference is delivered today.
    await page.getByRole("link", { name: "Advocacy", exact: true }).click();
    await page.waitForURL(/\/advocacy$/);
    const row = (await tableRows(page, "Asks")).first();
    await row.getByText(best.contact.name, { exact: true }).waitFor();
    await row.getByRole("button", { name: `Change Reference from ${best.contact.name}` }).click();
    await page.getByRole("menuitem", { name: "Mark delivered…" }).click();
    const deliver = page.getByRole("dialog", { name: "Mark delivered" });
    await deliver.getByLabel(label("On")).waitFor();
    expect(await deliver.getByLabel(label("On")).inputValue()).toBe(today);
    await deliver.getByRole("button", { name: "Save" }).click();
    await page.getByText(`Reference from ${best.contact.name}: delivered`).waitFor();
    await row.getByTestId("ask-state").getByText("Delivered").waitFor();
    const delivered = await getJson<{ data: AdvocacyAsk[] }>(
      page,
      `/api/v1/advocacy/asks?contactId=${best.contact.id}&state=delivered`,
    );
    expect(delivered.data.find((a) => a.askedOn === today)).toMatchObject({
      kind: "reference",
      stateOn: today,
    });
    await shotOf(page.getByTestId("advocacy-asks"), "advocacy-asks");

    // The asks' CSV holds every ask, not only the page shown.
    const all = await getJson<{ data: AdvocacyAsk[] }>(page, "/api/v1/advocacy/asks?limit=200");
    const [asksCsv] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("advocacy-asks").getByRole("button", { name: "Export CSV" }).click(),
    ]);
    const askLines = readFileSync(await asksCsv.path(), "utf8")
      .trim()
      .split("\n");
    expect(askLines[0]).toBe("Asked on,Account,Contact,Kind,State,State on,Detail,Asked by");
    expect(askLines).toHaveLength(all.data.length + 1);
    expect(askLines[1]).toContain(
      `${best.contact.name},Reference,Delivered,${today},Reference call with Contoso Pharma`,
    );
  });
});
