import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Charter } from "../../src/contract/index.ts";
import { demoLogin, label, launch, login, newContext, shot, shotOf } from "./browser.ts";

const viewerLogin = { email: "nora.lindqvist@steward.local", password: demoLogin.password };

const charterOf = async (page: Page): Promise<Charter> =>
  (await (await page.request.get("/api/v1/charter")).json()) as Charter;

describe("charter", () => {
  let browser: Awaited<ReturnType<typeof launch>>;
  let admin: Page;

  beforeAll(async () => {
    browser = await launch();
    admin = await (await newContext(browser)).newPage();
    await login(admin);
  });

  afterAll(async () => {
    await browser?.close();
  });

  test("the owner reads the demo's charter and its history, writes the next version, is told at the field what is missing, saves and approves it; a viewer then reads it", async () => {
    const before = await charterOf(admin);
    const current = before.current;
    if (!current) throw new Error("the demo has no charter");
    const next = current.version + 1;

    await admin.getByRole("link", { name: "Charter", exact: true }).click();
    await admin.waitForURL(/\/charter$/);
    await admin.getByRole("heading", { name: "Charter", level: 2 }).waitFor();
    const shown = admin.getByTestId("charter-current");
    await shown.getByText(`Version ${current.version} · approved by Dana Whitfield on`).waitFor();
    await shown.getByText(current.vision, { exact: true }).waitFor();
    await shown.getByRole("heading", { name: "Performance and value outcomes" }).waitFor();
    await shot(admin, "charter-page");

    // The first version, opened from the history, says what it said then.
    const first = before.history.at(-1);
    if (!first) throw new Error("the demo's charter has no history");
    await admin.getByRole("button", { name: new RegExp(`^Version ${first.version} · approved by`) }).click();
    await admin.getByText(first.vision, { exact: true }).waitFor();

    // The next version starts from the current text.
    await admin.getByRole("button", { name: `Start version ${next}`, exact: true }).click();
    const editor = admin.getByTestId("charter-editor");
    const vision = editor.getByLabel(label("Vision"));
    expect(await vision.inputValue()).toBe(current.vision);
    await vision.fill("");
    await editor.getByRole("button", { name: "Save draft" }).click();
    await editor.getByText("The vision is required").waitFor();
    expect((await charterOf(admin)).draft).toBeNull();

    const newVision = `Every Northwind customer proves its return on Northwind in its own board pack (v${next})`;
    await vision.fill(newVision);
    await editor.getByRole("button", { name: "Add advocacy objective" }).click();
    const advocacy = editor.getByRole("textbox", { name: /^Advocacy objective \d+$/ });
    await advocacy.last().fill("A customer speaker at every regional user group");
    await editor.getByLabel("What changed").fill("A board-level vision and user-group speakers");
    await editor.getByRole("button", { name: "Save draft" }).click();
    await admin.getByText(`Draft of version ${next} saved`).waitFor();
    await shotOf(editor, "charter-editor");

    await editor.getByRole("button", { name: "Approve", exact: true }).click();
    const dialog = admin.getByRole("dialog", { name: `Approve version ${next}?` });
    await dialog.getByRole("button", { name: `Approve version ${next}` }).click();
    await shown.getByText(`Version ${next} · approved by Dana Whitfield on`).waitFor();
    await shown.getByText(newVision, { exact: true }).waitFor();
    expect(await editor.count()).toBe(0);
    const after = await charterOf(admin);
    expect(after.current?.version).toBe(next);
    expect(after.history.map((v) => v.version)).toEqual([next, ...before.history.map((v) => v.version)]);

    // A viewer sees the new charter, and nothing to edit it with.
    const viewer = await (await newContext(browser)).newPage();
    await login(viewer, viewerLogin);
    await viewer.getByRole("link", { name: "Charter", exact: true }).click();
    const theirs = viewer.getByTestId("charter-current");
    await theirs.getByText(`Version ${next} · approved by Dana Whitfield on`).waitFor();
    await theirs.getByText(newVision, { exact: true }).waitFor();
    await theirs.getByText("A customer speaker at every regional user group").waitFor();
    expect(await viewer.getByRole("button", { name: /Start version/ }).count()).toBe(0);
    expect(await viewer.getByTestId("charter-editor").count()).toBe(0);
    await shot(viewer, "charter-viewer");
  });
});
