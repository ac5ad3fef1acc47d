import type { Writable } from "node:stream";
import { AppError, type ErrorCode, isAppError } from "../common/errors.ts";
import { connect, type Database, migrate } from "../db/index.ts";
import { systemDb } from "../db/system.ts";
import { createDispatcher } from "../domain/events/index.ts";
import { domainConsumers } from "../domain/workflows/index.ts";
import { type Config, databaseOptions, loadConfig } from "../server/config.ts";
import type { CliIo } from "./io.ts";

/** Exit codes scripts can rely on (also listed in the README). */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  invalidData: 3,
  notFound: 4,
  locked: 5,
  conflict: 6,
  /** The command runs a process of its own and cannot run inside the running server. */
  notThroughServer: 7,
} as const;

const exitFor = (e: AppError): number => {
  if (e.code === "DATA_DIR_LOCKED" && isThroughServerRefusal(e)) return EXIT.notThroughServer;
  const code: ErrorCode = e.code;
  switch (code) {
    case "VALIDATION_FAILED":
    case "BAD_REQUEST":
      return EXIT.usage;
    case "NOT_ENOUGH_HISTORY":
      return EXIT.invalidData;
    case "NOT_FOUND":
      return EXIT.notFound;
    case "DATA_DIR_LOCKED":
      return EXIT.locked;
    case "CONFLICT":
      return EXIT.conflict;
    default:
      return EXIT.internal;
  }
};

const isThroughServerRefusal = (e: AppError) =>
  !Array.isArray(e.details) && e.details?.reason === "through-server";

/** What `serve` and `worker` say when the CLI reached them through the running server. */
export function notThroughServer(command: string): AppError {
  return new AppError(
    "DATA_DIR_LOCKED",
    `\`steward ${command}\` cannot run while a Steward server holds the embedded database: the server already serves and runs jobs. Stop it first, or set DATABASE_URL to use PostgreSQL.`,
    { reason: "through-server" },
  );
}

/**
 * What a command prints: `data` as one JSON document with `--json`, else the text `print`
 * writes; `exitCode` for a result that is not a success (e.g. an import with invalid rows).
 */
export type Outcome = {
  data: unknown;
  print(out: Writable, err: Writable): void;
  exitCode?: number;
};

const writeJson = (out: Writable, value: unknown) => out.write(`${JSON.stringify(value, null, 2)}\n`);

/** An error as it leaves the CLI: one line on stderr, or `{ error: { code, message } }` with `--json`. */
export function reportError(io: CliIo, code: string, message: string): void {
  if (io.json) writeJson(io.stdout, { error: { code, message } });
  else io.stderr.write(`error: ${message}\n`);
}

/**
 * Runs a command body and records its exit code in `io.exitCode`; an AppError becomes a
 * one-line message and its exit code, never a stack. It never exits the process: inside the
 * server the same code runs for a CLI on the admin channel.
 */
export async function runCommand(io: CliIo, body: () => Promise<Outcome | undefined>): Promise<void> {
  try {
    const outcome = await body();
    if (outcome) {
      if (io.json) writeJson(io.stdout, outcome.data);
      else outcome.print(io.stdout, io.stderr);
    }
    io.exitCode = outcome?.exitCode ?? EXIT.ok;
  } catch (e) {
    if (isAppError(e)) {
      reportError(io, e.code, e.message);
      io.exitCode = exitFor(e);
      return;
    }
    const system = systemErrorMessage(e);
    if (system) {
      reportError(io, "BAD_REQUEST", system);
      io.exitCode = EXIT.usage;
      return;
    }
    if (io.json) reportError(io, "INTERNAL", e instanceof Error ? e.message : String(e));
    else io.stderr.write(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    io.exitCode = EXIT.internal;
  }
}

/** Operating-system refusals a person can fix (a busy port, a missing folder) as one line. */
function systemErrorMessage(e: unknown): string | null {
  const err = e as NodeJS.ErrnoException & { port?: number; path?: string };
  switch (err?.code) {
    case "EADDRINUSE":
      return `Port ${err.port ?? ""} is already in use: stop what runs there or choose another with --port or PORT`;
    case "EACCES":
      return `Permission denied${err.path ? ` for ${err.path}` : ""}${err.port ? ` on port ${err.port}` : ""}`;
    case "ENOENT":
      return `No such file or folder: ${err.path ?? err.message}`;
    case "EISDIR":
      return `${err.path ?? "The path"} is a folder, not a file`;
    default:
      return null;
  }
}

/**
 * Opens (and migrates) the configured database for one command, closing it afterwards: a direct
 * run's `io.withDatabase` (io.ts); inside the server commands use the server's open database.
 * Before it closes, the consumers of the events the command wrote have run (health rescoring
 * after an import, as after the same import through the API).
 */
export async function withDatabase<T>(fn: (database: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await connect(databaseOptions(config));
  try {
    await migrate(database);
    const result = await fn(database, config);
    await createDispatcher(systemDb(database.db), domainConsumers).drain();
    return result;
  } finally {
    await database.close();
  }
}

export const usageError = (message: string) => new AppError("VALIDATION_FAILED", message);
