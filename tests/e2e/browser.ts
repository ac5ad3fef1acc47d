import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

/** Set by scripts/e2e.mjs; point it at any running Steward to run the suites by hand. */
export const baseUrl = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3199";
export const demoLogin = {
  email: process.env.E2E_EMAIL ?? "demo@steward.local",
  password: process.env.E2E_PASSWORD ?? "steward-demo-password",
};
const shotsDir = process.env.E2E_SCREENSHOTS ?? join(process.env.TMPDIR ?? "/tmp", "steward-e2e-shots");

export const launch = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });

/** A browser context on the suite's server, or on `url` (a suite that starts a Steward of its own). */
export const newContext = (browser: Browser, url = baseUrl): Promise<BrowserContext> =>
  browser.newContext({
    baseURL: url,
    viewport: { width: 1440, height: 900 },
    locale: "en-US",
    timezoneId: "UTC",
  });

/** Signs in through the login form and waits for the landing page, the inbox. */
export const login = async (page: Page, creds = demoLogin): Promise<void> => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(creds.email);
  await page.getByLabel(/^Password/).fill(creds.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/inbox/);
  await page.getByRole("heading", { name: "Inbox", level: 2 }).waitFor();
};

/** Full-page screenshot for looking at the screens (not compared). */
export const shot = async (page: Page, name: string): Promise<void> => {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true });
};

/** Screenshot of one part of the page, for looking at it closely (not compared). */
export const shotOf = async (locator: Locator, name: string): Promise<void> => {
  mkdirSync(shotsDir, { recursive: true });
  await locator.screenshot({ path: join(shotsDir, `${name}.png`) });
};

/** Waits until the table's skeleton rows are gone and returns its body rows. */
export const tableRows = async (page: Page, label: string) => {
  await page.locator(`table[aria-label="${label}"]:not([aria-busy="true"])`).waitFor();
  return page.getByRole("table", { name: label }).locator("tbody tr");
};

/**
 * Retries `check` until it returns true (the page updates asynchronously). When it never does,
 * `explain` (if given) says what the server holds instead, so a failure shows why.
 */
export const eventually = async (
  check: () => Promise<boolean>,
  timeoutMs = 15_000,
  explain?: () => Promise<string>,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  const why = explain ? await explain().catch((e) => `(could not explain: ${e})`) : "";
  throw new Error(`condition not met in time${why ? `: ${why}` : ""}`);
};

/**
 * For a describe block: opens Chromium and signs in as the demo user before its tests, hands the
 * page over, and closes the browser after them.
 */
export function withSignedInPage(use: (page: Page) => void): void {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
    const page = await (await newContext(browser)).newPage();
    await login(page);
    use(page);
  });
  afterAll(async () => {
    await browser?.close();
  });
}

/**
 * Opens the demo's first Enterprise account and answers its name. Enterprise accounts all have a
 * team, notes and key players' outcomes; other suites import accounts of their own (Telco ids
 * sort first by name), so "the first account" is taken among those.
 */
export const openEnterpriseAccount = async (page: Page): Promise<string> => {
  await page.goto("/accounts?tier=Enterprise");
  const link = (await tableRows(page, "Accounts")).first().getByRole("link").first();
  const name = (await link.textContent())?.trim() ?? "";
  await link.click();
  await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
  await page.getByRole("heading", { name, level: 2 }).waitFor();
  return name;
};

/** "$1,234,567.89" → 123456789: an amount the page shows, in cents. */
export const cents = (text: string | null) => Math.round(Number((text ?? "").replace(/[^0-9.-]/g, "")) * 100);

/**
 * Hovers a chart's canvas at a share of its width and height (the chart scrolls into view first),
 * where its tooltip then shows the numbers.
 */
export async function hoverChart(chart: Locator, x: number, y: number): Promise<void> {
  const canvas = chart.locator("canvas").first();
  await canvas.waitFor();
  const box = await canvas.boundingBox();
  if (!box) throw new Error("the chart has no size");
  await canvas.hover({ position: { x: box.width * x, y: box.height * y } });
}

/** A string matched literally inside a RegExp. */
export const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A field by its whole label, the asterisk of a required one aside. */
export const fieldLabel = (text: string) => new RegExp(`^${literal(text)}\\s*\\*?$`);
export const label = fieldLabel;

/**
 * Picks an option of a Mantine select (its options open in a portal), typing to narrow it first.
 * A click that lands while its dialog is still opening does not open the list: it is clicked again
 * until the option shows (a few times at most), rather than waiting on a list that never opens.
 */
export async function pick(page: Page, input: Locator, option: RegExp | string, type?: string) {
  const choice = page.getByRole("option", { name: option }).first();
  for (let attempt = 0; attempt < 4; attempt++) {
    await input.click();
    if (type) await page.keyboard.type(type);
    try {
      await choice.waitFor({ state: "visible", timeout: 5_000 });
      break;
    } catch {
      if (type) await input.fill("");
    }
  }
  await choice.click();
}

/**
 * Chooses a filter condition's field: typed into the searchable picker, then its option (in a
 * portal) — picked again when the input does not show it afterwards (a keystroke or click lost
 * while the list was still opening on a busy machine).
 */
export async function chooseField(page: Page, row: Locator, field: string): Promise<void> {
  const input = row.getByLabel("Field", { exact: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    await pick(page, input, new RegExp(`^${literal(field)}`), field);
    if ((await input.inputValue()).startsWith(field)) return;
    await input.fill("");
  }
  throw new Error(`the condition's field could not be set to ${field}`);
}
