import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createPgDatabase } from "../helpers/test-db.ts";
import { eventually, launch, login, newContext, shot, tableRows } from "./browser.ts";

/**
 * The jobs page, as an admin, on Steward deployed the way several workers need: PostgreSQL, a
 * server that runs no jobs (`STEWARD_WORKER=false`) and a separate `steward worker`. This suite
 * starts that Steward itself, on a fresh database, beside the suite's embedded one.
 *
 * The failed jobs are what an older release could leave behind: `tasks.escalate` queued with a
 * payload this release refuses, written straight into pg-boss's table. Run again, such a job fails
 * again for the same reason; discarded, it is gone for good.
 */
const root = path.resolve(import.meta.dirname, "../..");
const adminUrl =
  process.env.E2E_PG_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const admin = { email: "ada@jobs.example", password: "quartz-lantern-harbor-91" };

/** Whether PostgreSQL answers; without it this suite cannot run (the others do). */
async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
const havePg = await reachable(adminUrl);
if (!havePg)
  console.warn(`jobs.e2e: PostgreSQL at ${adminUrl} does not answer; set E2E_PG_URL to run this suite`);

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

function steward(args: string[], env: Record<string, string>): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [path.join(root, "bin/steward.mjs"), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-6000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return Object.assign(child, { output: () => out });
}

async function cli(args: string[], env: Record<string, string>): Promise<string> {
  const child = steward(args, env);
  const code = await new Promise((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`steward ${args.join(" ")} exited ${code}: ${child.output()}`);
  return child.output();
}

describe.runIf(havePg)("jobs page (PostgreSQL, a separate worker)", () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  let browser: Browser;
  let page: Page;
  let db: pg.Client;
  let workspaceId: string;
  let baseUrl: string;

  /** A failed job of the workspace, as an older release's payload leaves it. */
  const failedJob = async () => {
    const { rows } = await db.query<{ id: string }>(
      `insert into pgboss.job (name, data, state, retry_limit, retry_count, started_on, completed_on, output)
       values ('tasks.escalate', $1, 'failed', 0, 0, now(), now(),
               '{"message": "Invalid payload for job tasks.escalate: unrecognized key \\"workspaceId\\""}')
       returning id`,
      [{ workspaceId }],
    );
    return rows[0]?.id as string;
  };

  beforeAll(async () => {
    const fresh = await createPgDatabase(adminUrl);
    cleanups.push(fresh.drop);
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const env = {
      DATABASE_URL: fresh.url,
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "test",
      LOG_LEVEL: "warn",
      STEWARD_DEMO: "false",
      STEWARD_WORKER: "false",
      LOGIN_RATE_LIMIT: "1000",
    };
    await cli(["migrate"], env);
    const created = await cli(["workspace", "create", "--slug", "jobs", "--name", "Jobs e2e"], env);
    workspaceId = /\(([0-9a-f-]{36})\)/.exec(created)?.[1] ?? "";
    await cli(
      ["user", "create", "--workspace", "jobs", "--email", admin.email, "--role", "admin"].concat([
        "--name",
        "Ada Admin",
        "--password",
        admin.password,
      ]),
      env,
    );
    const server = steward(["serve"], env);
    const worker = steward(["worker"], env);
    cleanups.push(async () => {
      for (const p of [server, worker]) if (p.exitCode === null) p.kill("SIGKILL");
    });
    await eventually(async () => {
      if (server.exitCode !== null || worker.exitCode !== null) {
        throw new Error(`Steward stopped while starting:\n${server.output()}\n${worker.output()}`);
      }
      const ready = await fetch(`${baseUrl}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      return ready && worker.output().includes("Steward worker is running");
    }, 120_000);

    db = new pg.Client({ connectionString: fresh.url });
    await db.connect();
    cleanups.push(() => db.end());
    browser = await launch();
    cleanups.push(() => browser.close());
    page = await (await newContext(browser, baseUrl)).newPage();
    await login(page, admin);
  });

  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
  });

  test("an admin sees a failed job, runs it again, and discards it when it fails again", async () => {
    await page.goto("/settings/jobs");
    await page.getByText("No failed jobs").waitFor();
    await (await tableRows(page, "Schedules")).filter({ hasText: "tasks.escalate" }).waitFor();

    await failedJob();
    await page.reload();
    const row = (await tableRows(page, "Failed jobs")).filter({ hasText: "tasks.escalate" });
    await row.getByText("Invalid payload").waitFor();
    await row.getByText("overdue inbox items").waitFor();
    await shot(page, "jobs-failed");

    // Run again: the worker takes it at once, and it fails again for the same reason.
    await row.getByRole("button", { name: "Retry tasks.escalate" }).click();
    const retry = page.getByRole("dialog", { name: "Run “tasks.escalate” again?" });
    await retry.getByRole("button", { name: "Run again" }).click();
    await page.getByText("“tasks.escalate” is queued to run again").waitFor();
    await retry.waitFor({ state: "hidden" });
    await eventually(async () => {
      await page.reload();
      return (
        (await (await tableRows(page, "Failed jobs")).filter({ hasText: "tasks.escalate" }).count()) === 1
      );
    }, 30_000);
    const again = (await tableRows(page, "Failed jobs")).filter({ hasText: "tasks.escalate" });
    expect((await again.locator("td").nth(2).textContent())?.trim()).toBe("2");
    const queue = (await tableRows(page, "Queues")).filter({ hasText: "tasks.escalate" });
    expect((await queue.locator("td").nth(3).textContent())?.trim()).toBe("1");

    // Discard: asked first, then gone for good.
    await again.getByRole("button", { name: "Discard tasks.escalate" }).click();
    const discard = page.getByRole("dialog", { name: "Discard “tasks.escalate”?" });
    await discard.getByRole("button", { name: "Discard job" }).click();
    await discard.waitFor({ state: "hidden" });
    await page.getByText("No failed jobs").waitFor();
    await shot(page, "jobs-discarded");
  });

  test("a discard that comes too late shows the server's reason", async () => {
    const id = await failedJob();
    await page.reload();
    const row = (await tableRows(page, "Failed jobs")).filter({ hasText: "tasks.escalate" });
    await row.getByRole("button", { name: "Discard tasks.escalate" }).click();
    // Someone else discards it meanwhile (here, straight in the database).
    await db.query("update pgboss.job set state = 'cancelled' where id = $1", [id]);
    const dialog = page.getByRole("dialog", { name: "Discard “tasks.escalate”?" });
    await dialog.getByRole("button", { name: "Discard job" }).click();
    await dialog.getByText(`Job ${id} was discarded: only failed jobs can be discarded`).waitFor();
    await shot(page, "jobs-discard-conflict");
  });
});
