#!/usr/bin/env node
// Builds the web app when its sources changed, starts Steward on a fresh data directory (which
// loads the demo data), waits until it is ready, runs the Playwright suites through Vitest, and
// stops the server. Extra arguments go to vitest (e.g. a file filter).
// Steward sends its mail to a real SMTP server in this process, which writes each message it
// receives as a .eml file into E2E_MAIL_DIR for the browser tests to read.
import { spawn } from "node:child_process";
import {
  createWriteStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SMTPServer } from "smtp-server";

const root = fileURLToPath(new URL("..", import.meta.url));
const port = Number(process.env.E2E_PORT ?? 3199);
const baseUrl = `http://127.0.0.1:${port}`;
const extraArgs = process.argv.slice(2);

const newestMtime = (dir) => {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
};

const run = (cmd, args, env = {}) =>
  new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });

const needsBuild = () => {
  const built = join(root, "dist/web/index.html");
  if (!existsSync(built)) return true;
  const sources = Math.max(
    newestMtime(join(root, "src/web")),
    newestMtime(join(root, "src/contract")),
    newestMtime(join(root, "src/common")),
    statSync(join(root, "vite.config.ts")).mtimeMs,
  );
  return sources > statSync(built).mtimeMs;
};

if (needsBuild()) {
  console.log("e2e: building the web app");
  const code = await run("npx", ["vite", "build"]);
  if (code !== 0) process.exit(code);
}

const mailDir = mkdtempSync(join(tmpdir(), "steward-e2e-mail-"));
let received = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, _session, done) {
    const chunks = [];
    stream.on("data", (c) => chunks.push(c));
    stream.on("end", () => {
      received++;
      // Written aside and renamed, so a reader never sees half a message.
      const name = join(mailDir, `${Date.now()}-${received}.eml`);
      writeFileSync(`${name}.part`, Buffer.concat(chunks));
      renameSync(`${name}.part`, name);
      done();
    });
    stream.on("error", done);
  },
});
await new Promise((resolve) => smtp.listen(0, "127.0.0.1", resolve));
const smtpUrl = `smtp://127.0.0.1:${smtp.server.address().port}`;

// Steward's own inbound listener for email capture, on a port free now; the tests send to it.
const inboundPort = await new Promise((resolve) => {
  const probe = createServer().listen(0, "127.0.0.1", () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});

const dataDir = mkdtempSync(join(tmpdir(), "steward-e2e-"));
console.log(`e2e: starting Steward on ${baseUrl} with data in ${dataDir}, mail to ${smtpUrl}`);
const server = spawn(process.execPath, [join(root, "bin/steward.mjs"), "serve"], {
  cwd: root,
  // Every browser test signs in as the demo user from one address: the sign-in limit (proved by the
  // integration tests) would otherwise decide which test fails depending on how fast the suite runs.
  env: {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    STEWARD_DATA_DIR: dataDir,
    NODE_ENV: "test",
    LOGIN_RATE_LIMIT: "1000",
    STEWARD_SMTP_URL: smtpUrl,
    STEWARD_PUBLIC_URL: baseUrl,
    STEWARD_INBOUND_SMTP_PORT: String(inboundPort),
    STEWARD_INBOUND_DOMAIN: "capture.steward.test",
  },
  stdio: ["ignore", "pipe", "pipe"],
});
let serverLog = "";
// E2E_SERVER_LOG=<file> keeps the server's whole log there (a failure prints only its tail).
const fullLog = process.env.E2E_SERVER_LOG ? createWriteStream(process.env.E2E_SERVER_LOG) : null;
// What the server said besides its request log (jobs, warnings, errors), for a failure's report.
const notable = [];
let partial = "";
const keep = (chunk) => {
  fullLog?.write(chunk);
  serverLog = (serverLog + chunk.toString()).slice(-20_000);
  const lines = (partial + chunk.toString()).split("\n");
  partial = lines.pop() ?? "";
  for (const line of lines) {
    if (
      !line.trim() ||
      line.includes('"msg":"incoming request"') ||
      line.includes('"msg":"request completed"')
    )
      continue;
    notable.push(line.slice(0, 2000));
    if (notable.length > 200) notable.shift();
  }
};
server.stdout.on("data", keep);
server.stderr.on("data", keep);
let serverExited = false;
server.on("exit", () => {
  serverExited = true;
});

const stopServer = async () => {
  if (serverExited) return;
  server.kill("SIGTERM");
  const deadline = Date.now() + 15_000;
  while (!serverExited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (!serverExited) server.kill("SIGKILL");
};

const cleanup = async () => {
  await stopServer();
  await new Promise((resolve) => smtp.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(mailDir, { recursive: true, force: true });
};
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, async () => {
    await cleanup();
    process.exit(130);
  });
}

const waitReady = async () => {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (serverExited) return false;
    try {
      // The server answers at once and loads the demo in the background: the browser tests sign
      // in as the demo user, so they start once the setup status says the demo is ready.
      const res = await fetch(`${baseUrl}/api/v1/setup/status`);
      const state = res.ok ? (await res.json()).demo?.state : null;
      if (state === "ready") return true;
      if (state === "failed" || state === "none") return false;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
};

let code = 1;
if (await waitReady()) {
  console.log("e2e: server ready with the demo loaded, running the browser tests");
  code = await run("npx", ["vitest", "run", "-c", "vitest.e2e.config.ts", ...extraArgs], {
    E2E_BASE_URL: baseUrl,
    E2E_MAIL_DIR: mailDir,
    E2E_INBOUND_SMTP_PORT: String(inboundPort),
  });
} else {
  console.error("e2e: the server did not become ready. Its last output:\n");
  console.error(serverLog);
}
if (code !== 0 && serverLog) {
  console.error("\ne2e: what the server logged besides requests (last 200 lines):\n");
  console.error(notable.join("\n"));
  console.error("\ne2e: last server output:\n");
  console.error(serverLog.slice(-4000));
}
await cleanup();
process.exit(code);
