import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import type { DemoStatus } from "../../src/contract/index.ts";
import { connect, type Db, migrate, queryRows } from "../../src/db/index.ts";
import {
  DEMO_LOGIN,
  DemoLoadTracker,
  getDemoStatus,
  hasUnfinishedDemo,
  loadDemo,
  needsDemo,
} from "../../src/domain/demo/index.ts";
import { loadConfig } from "../../src/server/config.ts";
import { loadDemoInBackground } from "../../src/server/demo-load.ts";
import { type RunningServer, startServer } from "../../src/server/main.ts";

// One moment for both loads, so that the events of "today" are the same.
const NOW = new Date();
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const tempDir = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
};

/** What the demo holds, by content (no ids): the same for two loads at the same moment. */
async function demoContent(db: Db) {
  const [row] = await queryRows<Record<string, string>>(
    db,
    sql`with w as (select id from workspaces where slug = ${DEMO_LOGIN.workspace})
      select
        (select string_agg(concat_ws('|', external_id, name, tier, mrr_minor, coverage), ';' order by external_id)
          from accounts where workspace_id = (select id from w)) as accounts,
        (select count(*) from memberships where workspace_id = (select id from w))::text as members,
        (select count(*) from contacts where workspace_id = (select id from w))::text as contacts,
        (select count(*) || ':' || sum(events) from usage_account_event_days where workspace_id = (select id from w)) as rollups,
        (select count(*) from usage_events where workspace_id = (select id from w))::text as events,
        -- Playbooks' entries aside: which accounts a rule holds out is drawn anew with every load.
        (select count(*) from timeline_entries where workspace_id = (select id from w) and kind <> 'playbook')::text as timeline,
        (select count(*) from sentiment_ratings where workspace_id = (select id from w))::text as sentiments,
        (select count(*) from health_scores where workspace_id = (select id from w))::text as scores,
        (select count(*) from workspaces where slug like '~%')::text as staging`,
  );
  return row;
}

const serverConfig = (dataDir: string) =>
  loadConfig({
    STEWARD_DATA_DIR: dataDir,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    STEWARD_WORKER: "false",
  });

describe("the demo loaded in the background", () => {
  let server: RunningServer;

  it("is loaded while the server answers, and ends ready with what a foreground load gives", async () => {
    const webDir = tempDir("steward-web-");
    fs.mkdirSync(path.join(webDir, "assets"));
    fs.writeFileSync(
      path.join(webDir, "index.html"),
      '<!doctype html><script src="/assets/app.js"></script>',
    );
    fs.writeFileSync(path.join(webDir, "assets/app.js"), "console.log('app')");
    const tracker = new DemoLoadTracker();
    server = await startServer(serverConfig(tempDir("steward-data-")), {
      demoLoad: tracker,
      handleSignals: false,
      webDir,
      prepare: async (database) => {
        if (await needsDemo(database.db)) tracker.begin();
      },
    });
    cleanups.push(() => server.stop());
    expect(tracker.status?.state).toBe("loading");

    let finished = false;
    const load = loadDemoInBackground(server, tracker, { now: NOW }).finally(() => {
      finished = true;
    });
    const seen: DemoStatus[] = [];
    const latencies: number[] = [];
    let signInPage = 0;
    let demoRefused = 0;
    while (!finished) {
      const started = performance.now();
      const res = await fetch(`${server.url}/api/v1/setup/status`);
      latencies.push(performance.now() - started);
      expect(res.status).toBe(200);
      const status = ((await res.json()) as { demo: DemoStatus }).demo;
      if (status.state === "loading") {
        seen.push(status);
        // The sign-in page and its script are served meanwhile.
        if ((await fetch(`${server.url}/login`)).status === 200) signInPage += 1;
        expect((await fetch(`${server.url}/assets/app.js`)).status).toBe(200);
        // The demo login cannot sign in to half a demo (a few tries: sign-in is rate limited).
        if (demoRefused >= 3 || status.done === 0) continue;
        const login = await fetch(`${server.url}/api/v1/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: DEMO_LOGIN.email, password: DEMO_LOGIN.password }),
        });
        if (login.status === 401) demoRefused += 1;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const result = await load;
    expect(result?.created).toBe(true);
    latencies.sort((a, b) => a - b);
    console.info(
      `demo loaded in the background in ${result?.elapsedMs} ms; status answered ${latencies.length} times, ` +
        `median ${latencies[latencies.length >> 1]?.toFixed(0)} ms, max ${latencies.at(-1)?.toFixed(0)} ms`,
    );

    // Answers came all along the load, with its steps in order and progress that never went back.
    const steps = [...new Set(seen.map((s) => (s.state === "loading" ? s.step : "")))];
    expect(steps).toEqual(expect.arrayContaining(["usage history", "health scores"]));
    expect(steps.indexOf("usage history")).toBeLessThan(steps.indexOf("health scores"));
    const done = seen.map((s) => (s.state === "loading" ? s.done : 0));
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(signInPage).toBe(seen.length);
    expect(demoRefused).toBeGreaterThan(0);

    expect(await getDemoStatus(server.database.db, tracker)).toEqual({ state: "ready" });
    const res = await fetch(`${server.url}/api/v1/setup/status`);
    expect(await res.json()).toEqual({ demo: { state: "ready" } });
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: DEMO_LOGIN.email, password: DEMO_LOGIN.password }),
    });
    expect(login.status).toBe(200);

    const background = await demoContent(server.database.db);
    const foreground = await connect({ kind: "pglite" });
    cleanups.push(() => foreground.close());
    await migrate(foreground);
    await loadDemo(foreground.db, { now: NOW });
    expect(background).toEqual(await demoContent(foreground.db));
    expect(background?.staging).toBe("0");
    expect(Number(background?.scores)).toBeGreaterThan(0);
  }, 600_000);
});

describe("a demo load stopped half-way", () => {
  it("is not taken for a demo, and the next start loads it again", async () => {
    const dataDir = tempDir("steward-data-");
    const first = await connect({ kind: "pglite", dataDir });
    await migrate(first);
    const stop = new Error("stopped");
    // The process dies as the health scores begin: accounts and usage are stored, the rest is not.
    await expect(
      loadDemo(first.db, {
        now: NOW,
        onProgress: (p) => {
          if (p.step === "health scores") throw stop;
        },
      }),
    ).rejects.toBe(stop);
    expect(await hasUnfinishedDemo(first.db)).toBe(true);
    expect(await getDemoStatus(first.db)).toEqual({ state: "none" });
    expect(await needsDemo(first.db)).toBe(true);
    await first.close();

    const second = await connect({ kind: "pglite", dataDir });
    cleanups.push(() => second.close());
    await migrate(second);
    expect(await needsDemo(second.db)).toBe(true);
    const result = await loadDemo(second.db, { now: NOW });
    expect(result.created).toBe(true);
    expect(await hasUnfinishedDemo(second.db)).toBe(false);
    expect(await getDemoStatus(second.db)).toEqual({ state: "ready" });
    const [counts] = await queryRows<{ workspaces: number; events: number; users: number }>(
      second.db,
      sql`select (select count(*) from workspaces)::int as workspaces,
        (select count(*) from usage_events)::int as events,
        (select count(*) from users)::int as users`,
    );
    // One workspace, and none of the first attempt's rows left over.
    expect(counts).toEqual({
      workspaces: 1,
      events: result.counts.usageEvents,
      users: result.counts.members,
    });
    expect(await needsDemo(second.db)).toBe(false);
  }, 600_000);
});
