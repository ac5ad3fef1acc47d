import { AppError, type ErrorCode, isAppError } from "../common/errors.ts";
import { connect, type Database, migrate } from "../db/index.ts";
import { createDispatcher } from "../domain/events/index.ts";
import { domainConsumers } from "../domain/workflows/index.ts";
import { type Config, databaseOptions, loadConfig } from "../server/config.ts";

/** Exit codes scripts can rely on (also listed in the README). */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  invalidData: 3,
  notFound: 4,
  locked: 5,
  conflict: 6,
} as const;

const exitFor = (code: ErrorCode): number => {
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

/** Runs a command body; an AppError becomes a one-line message and its exit code, never a stack. */
export async function runCommand(body: () => Promise<unknown>): Promise<never> {
  try {
    const code = await body();
    process.exit(typeof code === "number" ? code : EXIT.ok);
  } catch (e) {
    if (isAppError(e)) {
      process.stderr.write(`error: ${e.message}\n`);
      process.exit(exitFor(e.code));
    }
    const system = systemErrorMessage(e);
    if (system) {
      process.stderr.write(`error: ${system}\n`);
      process.exit(EXIT.usage);
    }
    process.stderr.write(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(EXIT.internal);
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
 * Opens (and migrates) the configured database for one command, closing it afterwards. Before it
 * closes, the consumers of the events the command wrote have run (health rescoring after an
 * import, as after the same import through the API).
 */
export async function withDatabase<T>(fn: (database: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await connect(databaseOptions(config));
  try {
    await migrate(database);
    const result = await fn(database, config);
    await createDispatcher(database.db, domainConsumers).drain();
    return result;
  } finally {
    await database.close();
  }
}

export const usageError = (message: string) => new AppError("VALIDATION_FAILED", message);
