import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import { Writable } from "node:stream";
import type { FastifyBaseLogger } from "fastify";
import { z } from "zod";
import { AppError } from "../common/errors.ts";
import type { Database } from "../db/index.ts";
import type { Config } from "./config.ts";

/*
 * The local admin channel: while a server holds the embedded database (one process only), the CLI
 * runs its commands inside that server through this channel instead of failing.
 *
 * Why a Unix domain socket in a 0700 folder of the data directory, and not a token presented to a
 * loopback HTTP endpoint: connecting to a socket needs search permission on every folder of its
 * path, which the kernel grants only to the folder's owner (and root) — the same people who could
 * read the database files anyway. Nothing reaches it over the network or through the public HTTP
 * API, there is no secret to leak through logs, environment or `ps`, and no other local user can
 * connect, guess or race it (a loopback port is open to every local user, so a token would be the
 * only barrier). The socket itself is 0600 as well. Windows has no such sockets in this form: the
 * channel is not started there and the CLI keeps refusing with exit code 5.
 *
 * The protocol is newline-delimited JSON frames, validated with zod on both ends: the client sends
 * one `run` frame (argv, cwd, a few environment variables, its terminal), the server streams the
 * command's stdout and stderr as base64 `out` frames and ends with `exit`. A command may ask for the
 * client's standard input (`read-stdin`) or a hidden answer on its terminal (`prompt`).
 */

export const adminSocketPath = (dataDir: string): string => path.join(dataDir, "admin", "steward.sock");

/** Unix socket paths are limited to 108 bytes on Linux (104 on macOS), the final NUL included. */
export const MAX_SOCKET_PATH = 103;

const ZRun = z.object({
  t: z.literal("run"),
  argv: z.array(z.string()).max(1000),
  cwd: z.string().min(1),
  env: z.record(z.string(), z.string()),
  terminal: z.object({
    stdinIsTTY: z.boolean(),
    stdoutColumns: z.number().int().positive().optional(),
    stderrColumns: z.number().int().positive().optional(),
  }),
});
export type AdminRequest = z.infer<typeof ZRun>;

export const ZClientFrame = z.discriminatedUnion("t", [
  ZRun,
  z.object({ t: z.literal("stdin"), data: z.base64() }),
  z.object({ t: z.literal("stdin-end") }),
  z.object({ t: z.literal("answer"), value: z.string().optional(), error: z.string().optional() }),
]);
export type ClientFrame = z.infer<typeof ZClientFrame>;

export const ZServerFrame = z.discriminatedUnion("t", [
  z.object({ t: z.literal("out"), fd: z.union([z.literal(1), z.literal(2)]), data: z.base64() }),
  z.object({ t: z.literal("read-stdin") }),
  z.object({ t: z.literal("prompt"), message: z.string() }),
  z.object({ t: z.literal("exit"), code: z.number().int() }),
]);
export type ServerFrame = z.infer<typeof ZServerFrame>;

/** One command from one client: its request, its output streams and its way back to the caller. */
export type AdminSession = {
  request: AdminRequest;
  stdout: Writable;
  stderr: Writable;
  readStdin(): Promise<string>;
  prompt(message: string): Promise<string>;
};

/** Runs a client's command against the server's open database and answers its exit code. */
export type AdminCommandRunner = (
  session: AdminSession,
  database: Database,
  config: Config,
) => Promise<number>;

export type AdminChannel = { path: string; close(): Promise<void> };

/** The owner-only folder the socket lives in; null (with the reason logged) where that cannot be. */
function prepareFolder(dataDir: string, log: FastifyBaseLogger): string | null {
  const socketPath = adminSocketPath(dataDir);
  if (process.platform === "win32" || !process.getuid) {
    log.info("no local admin channel on Windows: CLI commands refuse while the server runs");
    return null;
  }
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
    log.warn(
      { socketPath },
      "data directory path too long for the local admin channel: CLI commands refuse while the server runs",
    );
    return null;
  }
  const dir = path.dirname(socketPath);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = fs.lstatSync(dir);
  if (!stat.isDirectory() || stat.uid !== process.getuid()) {
    log.warn({ dir }, "the admin channel's folder is not a folder this user owns: channel not started");
    return null;
  }
  fs.chmodSync(dir, 0o700);
  // This process holds the data directory's lock, so a socket left here belongs to a dead server.
  fs.rmSync(socketPath, { force: true });
  return socketPath;
}

/**
 * Starts the channel for the data directory this server holds; null where it cannot exist. It
 * never fails the server: without it, CLI commands refuse with exit code 5 as before.
 */
export async function startAdminChannel(
  dataDir: string,
  run: (session: AdminSession) => Promise<number>,
  log: FastifyBaseLogger,
): Promise<AdminChannel | null> {
  try {
    const socketPath = prepareFolder(dataDir, log);
    return socketPath ? await listen(socketPath, run, log) : null;
  } catch (err) {
    log.warn({ err }, "local admin channel not started: CLI commands refuse while the server runs");
    return null;
  }
}

async function listen(
  socketPath: string,
  run: (session: AdminSession) => Promise<number>,
  log: FastifyBaseLogger,
): Promise<AdminChannel> {
  const running = new Set<Promise<void>>();
  const server = net.createServer((socket) => {
    const done = serveConnection(socket, run, log).finally(() => running.delete(done));
    running.add(done);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });
  fs.chmodSync(socketPath, 0o600);
  return {
    path: socketPath,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Commands already running finish before the database they use is closed.
      await Promise.allSettled([...running]);
      fs.rmSync(socketPath, { force: true });
    },
  };
}

/** The words naming the command (never its values, which may be secrets), for the log. */
const commandName = (argv: string[]) =>
  argv
    .slice(0, 2)
    .filter((a) => /^[a-z][a-z-]*$/.test(a))
    .join(" ");

async function serveConnection(
  socket: net.Socket,
  run: (session: AdminSession) => Promise<number>,
  log: FastifyBaseLogger,
): Promise<void> {
  socket.on("error", () => {}); // a client that went away; its command still finishes
  const send = (frame: ServerFrame, written?: () => void) => {
    socket.write(`${JSON.stringify(frame)}\n`, () => written?.());
  };
  const lines = readline
    .createInterface({ input: socket, crlfDelay: Number.POSITIVE_INFINITY })
    [Symbol.asyncIterator]();
  const next = async (): Promise<ClientFrame | null> => {
    const line = await lines.next().catch(() => ({ done: true as const, value: undefined }));
    if (line.done) return null;
    const frame = ZClientFrame.safeParse(JSON.parse(line.value));
    if (!frame.success)
      throw new AppError("BAD_REQUEST", `Not an admin channel frame: ${line.value.slice(0, 80)}`);
    return frame.data;
  };
  const gone = () => new AppError("BAD_REQUEST", "The CLI that ran this command went away");

  let first: ClientFrame | null;
  try {
    first = await next();
  } catch {
    first = null;
  }
  if (first?.t !== "run") {
    socket.end();
    return;
  }
  const request = first;
  const output = (fd: 1 | 2) =>
    new Writable({
      // Acknowledged once the socket took the bytes, so a large export follows the client's pace.
      write: (chunk: Buffer, _encoding, written) =>
        send({ t: "out", fd, data: chunk.toString("base64") }, written),
    });
  let stdin: Promise<string> | null = null;
  const session: AdminSession = {
    request,
    stdout: output(1),
    stderr: output(2),
    readStdin: () => {
      stdin ??= (async () => {
        send({ t: "read-stdin" });
        const chunks: Buffer[] = [];
        for (let frame = await next(); frame?.t !== "stdin-end"; frame = await next()) {
          if (!frame) throw gone();
          if (frame.t === "stdin") chunks.push(Buffer.from(frame.data, "base64"));
        }
        return Buffer.concat(chunks).toString("utf8");
      })();
      return stdin;
    },
    prompt: async (message) => {
      send({ t: "prompt", message });
      for (let frame = await next(); ; frame = await next()) {
        if (!frame) throw gone();
        if (frame.t !== "answer") continue;
        if (frame.error !== undefined || frame.value === undefined)
          throw new Error(frame.error ?? "no answer");
        return frame.value;
      }
    },
  };
  const started = performance.now();
  let code: number;
  try {
    code = await run(session);
  } catch (e) {
    session.stderr.write(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    code = 1;
  }
  await Promise.all([session.stdout, session.stderr].map((w) => new Promise((resolve) => w.end(resolve))));
  send({ t: "exit", code }, () => socket.end());
  log.info(
    { command: commandName(request.argv), code, ms: Math.round(performance.now() - started) },
    "CLI command run through the admin channel",
  );
}
