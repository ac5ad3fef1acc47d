import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminSocketPath } from "../../src/server/admin-channel.ts";

/*
 * Real processes on a temporary folder, without STEWARD_DATA_DIR (the embedded database is then
 * `.steward` in the working directory, which every command says on stderr): the same commands run
 * through a running server's admin channel, then directly once it stopped, print the same.
 */

const bin = path.resolve(import.meta.dirname, "../../bin/steward.mjs");
const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "steward-cli-"));
const dataDir = path.join(cwd, ".steward");
// The embedded database is under test: nothing may choose another.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !["STEWARD_DATA_DIR", "DATABASE_URL"].includes(k)),
);

type Run = { code: number | null; stdout: string; stderr: string };

function steward(args: string[], input?: string): Promise<Run> {
  const child = spawn(process.execPath, [bin, ...args], { cwd, env, stdio: "pipe" });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  if (input !== undefined) child.stdin.end(input);
  else child.stdin.end();
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

let server: ChildProcess | null = null;

async function startServer(): Promise<void> {
  const child = spawn(process.execPath, [bin, "serve", "--no-demo"], {
    cwd,
    env: { ...env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  server = child;
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (d) => {
      out += d;
      if (out.includes("Steward is running at")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the server exited with ${code}: ${out}`)));
  });
}

async function stopServer(): Promise<void> {
  const child = server;
  server = null;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

const CSV = "name,domain\nA Co,a.example\nB Co,b.example\n";
const note = `Using the embedded database in ${dataDir} (set STEWARD_DATA_DIR or DATABASE_URL to choose another)\n`;
// An import's report carries its new id and time; everything else must match to the byte.
const sameExceptNew = (r: Run) => ({
  ...r,
  stdout: r.stdout
    .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "<id>")
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, "<time>"),
});

/** Commands whose output only depends on the stored data, run both ways. */
const compared: { args: string[]; input?: string }[] = [
  { args: ["workspace", "list", "--json"] },
  { args: ["export", "accounts", "--workspace", "acme"] },
  // Two workspaces and none named: exit 2 with the slugs.
  { args: ["import", "accounts", "accounts.csv"] },
  { args: ["import", "accounts", "-", "--workspace", "acme", "--dry-run", "--json"], input: CSV },
  { args: ["workspace", "create", "--slug", "acme", "--name", "Again", "--json"] },
];

describe("the CLI beside a server running on the embedded database", () => {
  const throughServer: Run[] = [];

  beforeAll(async () => {
    fs.writeFileSync(path.join(cwd, "accounts.csv"), CSV);
    await startServer();
  }, 120_000);

  afterAll(async () => {
    await stopServer();
    fs.rmSync(cwd, { recursive: true, force: true });
  });

  it("reaches the server through an owner-only socket: folder 0700, socket 0600", () => {
    const socket = adminSocketPath(dataDir);
    expect(fs.statSync(path.dirname(socket)).mode & 0o777).toBe(0o700);
    const stat = fs.statSync(socket);
    expect(stat.isSocket()).toBe(true);
    expect(stat.mode & 0o777).toBe(0o600);
  });

  it("closes a connection that does not start with a command, running nothing", async () => {
    const socket = net.connect(adminSocketPath(dataDir));
    let received = "";
    socket.on("data", (d) => {
      received += d;
    });
    socket.write('{"t":"stdin-end"}\n');
    await new Promise((resolve) => socket.on("close", resolve));
    expect(received).toBe("");
  });

  it("runs commands inside the server: writes, reads by relative path, errors and their exit codes", async () => {
    const created = await steward(["workspace", "create", "--slug", "acme", "--name", "Acme"]);
    expect(created).toMatchObject({ code: 0, stderr: note });
    expect(created.stdout).toMatch(/^Created workspace acme \(/);
    expect((await steward(["workspace", "create", "--slug", "beta", "--name", "Beta"])).code).toBe(0);
    const imported = await steward(["import", "accounts", "accounts.csv", "--workspace", "acme"]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^Imported: 2 rows of accounts — 2 created/);

    const conflict = await steward(["workspace", "create", "--slug", "beta", "--name", "B"]);
    expect(conflict).toEqual({
      code: 6,
      stdout: "",
      stderr: `${note}error: A workspace with slug "beta" already exists\n`,
    });

    const serve = await steward(["serve"]);
    expect(serve.code).toBe(7);
    expect(serve.stderr).toMatch(
      /`steward serve` cannot run while a Steward server holds the embedded database/,
    );

    for (const c of compared) throughServer.push(await steward(c.args, c.input));
    const listed = JSON.parse(throughServer[0]?.stdout ?? "");
    expect(listed.data.map((w: { slug: string }) => w.slug)).toEqual(["acme", "beta"]);
    expect(JSON.parse(throughServer[4]?.stdout ?? "")).toEqual({
      error: { code: "CONFLICT", message: 'A workspace with slug "acme" already exists' },
    });
    expect(throughServer[4]?.code).toBe(6);
  }, 60_000);

  it("prints exactly what a direct run prints once the server has stopped", async () => {
    expect(throughServer).toHaveLength(compared.length);
    await stopServer();
    expect(fs.existsSync(adminSocketPath(dataDir))).toBe(false);
    for (const [i, c] of compared.entries()) {
      const direct = await steward(c.args, c.input);
      expect({ args: c.args, ...sameExceptNew(direct) }).toEqual({
        args: c.args,
        ...sameExceptNew(throughServer[i] as Run),
      });
    }
  }, 120_000);
});
