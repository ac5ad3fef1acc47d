import fs from "node:fs";
import net from "node:net";
import readline from "node:readline";
import password from "@inquirer/password";
import { readLock } from "../db/index.ts";
import {
  adminSocketPath,
  type ClientFrame,
  MAX_SOCKET_PATH,
  type ServerFrame,
  ZServerFrame,
} from "../server/admin-channel.ts";
import { loadConfig } from "../server/config.ts";
import { EXIT } from "./run.ts";

/** The caller's variables a command's output may depend on; nothing else leaves this process. */
const FORWARDED_ENV = ["STEWARD_DATA_DIR", "NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE"];

/** The running server's admin socket for the configured data directory, if there is one to use. */
function serverSocket(): string | null {
  if (process.platform === "win32") return null;
  let dataDir: string;
  try {
    const config = loadConfig();
    if (config.DATABASE_URL) return null;
    dataDir = config.STEWARD_DATA_DIR;
  } catch {
    return null; // the direct run reports the configuration error
  }
  const socketPath = adminSocketPath(dataDir);
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) return null;
  const holder = readLock(dataDir);
  if (!holder || holder.pid === process.pid || !fs.existsSync(socketPath)) return null;
  return socketPath;
}

const connectTo = (socketPath: string) =>
  new Promise<net.Socket | null>((resolve) => {
    const socket = net.connect(socketPath);
    socket.once("connect", () => resolve(socket));
    // Refused or gone: a server that died, or one without the channel; the direct run says why.
    socket.once("error", () => resolve(null));
  });

/**
 * While a Steward server holds the embedded database, runs `steward <argv…>` inside it through
 * the local admin channel (see server/admin-channel.ts) and answers its exit code, having written
 * its output here; null when there is no such server, so the command runs directly.
 */
export async function runThroughServer(argv: string[]): Promise<number | null> {
  const socketPath = serverSocket();
  const socket = socketPath ? await connectTo(socketPath) : null;
  if (!socket) return null;
  const send = (frame: ClientFrame) => socket.write(`${JSON.stringify(frame)}\n`);
  const env = Object.fromEntries(
    FORWARDED_ENV.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]]])),
  );
  send({
    t: "run",
    argv,
    cwd: process.cwd(),
    env,
    terminal: {
      stdinIsTTY: Boolean(process.stdin.isTTY),
      stdoutColumns: process.stdout.isTTY ? process.stdout.columns : undefined,
      stderrColumns: process.stderr.isTTY ? process.stderr.columns : undefined,
    },
  });
  for await (const line of readline.createInterface({ input: socket, crlfDelay: Number.POSITIVE_INFINITY })) {
    const frame = ZServerFrame.parse(JSON.parse(line));
    if (frame.t === "exit") {
      socket.end();
      return frame.code;
    }
    answer(frame, send);
  }
  process.stderr.write(
    "error: the Steward server closed the connection before the command finished; see the server's log\n",
  );
  return EXIT.internal;
}

function answer(frame: Exclude<ServerFrame, { t: "exit" }>, send: (frame: ClientFrame) => void): void {
  switch (frame.t) {
    case "out":
      (frame.fd === 1 ? process.stdout : process.stderr).write(Buffer.from(frame.data, "base64"));
      return;
    case "read-stdin":
      process.stdin.on("data", (chunk: Buffer) => send({ t: "stdin", data: chunk.toString("base64") }));
      process.stdin.once("end", () => send({ t: "stdin-end" }));
      return;
    case "prompt":
      password({ message: frame.message, mask: "*" }).then(
        (value) => send({ t: "answer", value }),
        (e: unknown) => send({ t: "answer", error: e instanceof Error ? e.message : String(e) }),
      );
      return;
  }
}
