import type { Writable } from "node:stream";
import { text } from "node:stream/consumers";
import password from "@inquirer/password";
import { AppError } from "../common/errors.ts";
import type { Database } from "../db/index.ts";
import type { Config } from "../server/config.ts";
import { withDatabase } from "./run.ts";

/**
 * Everything a command touches outside its arguments. A direct run binds it to this process; a
 * command run inside the server for a CLI on the local admin channel binds it to that client, so
 * the same command code gives the same output and exit code either way (and never exits the
 * server or writes to its terminal).
 */
export type CliIo = {
  stdout: Writable;
  stderr: Writable;
  /** The caller's working directory: relative paths resolve against it, as in a direct run. */
  cwd: string;
  /** The caller's environment (only the variables that change output, on the channel). */
  env: NodeJS.ProcessEnv;
  /** True inside the server: commands that run a process of their own (serve, worker) refuse. */
  throughServer: boolean;
  /** Set from `--json` before the action runs. */
  json: boolean;
  /** Set by the command when it ends. */
  exitCode?: number;
  /** The caller's terminal: whether there is one to prompt on, and how wide help may be. */
  terminal: { stdinIsTTY: boolean; stdoutColumns?: number; stderrColumns?: number };
  /** The caller's whole standard input. */
  readStdin(): Promise<string>;
  /** Asks for a secret on the caller's terminal without echoing it; refuses without a terminal. */
  promptHidden(message: string): Promise<string>;
  /** The configured database, open and migrated, for the length of fn. */
  withDatabase<T>(fn: (database: Database, config: Config) => Promise<T>): Promise<T>;
};

/**
 * Said on stderr (never stdout, which `--json` keeps to one document) when nothing chose the
 * database, so a command run from the wrong folder does not silently open a fresh one.
 */
export function databaseNote(env: NodeJS.ProcessEnv, config: Config): string | null {
  if (env.STEWARD_DATA_DIR || config.DATABASE_URL) return null;
  return `Using the embedded database in ${config.STEWARD_DATA_DIR} (set STEWARD_DATA_DIR or DATABASE_URL to choose another)\n`;
}

export const noTerminal = () =>
  new AppError("VALIDATION_FAILED", "No terminal to prompt on: pass --password");

/** This process's own streams, terminal and database. */
export function processIo(): CliIo {
  const io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
    throughServer: false,
    json: false,
    terminal: {
      stdinIsTTY: Boolean(process.stdin.isTTY),
      stdoutColumns: process.stdout.isTTY ? process.stdout.columns : undefined,
      stderrColumns: process.stderr.isTTY ? process.stderr.columns : undefined,
    },
    readStdin: () => text(process.stdin),
    promptHidden: async (message) => {
      if (!process.stdin.isTTY) throw noTerminal();
      return password({ message, mask: "*" });
    },
    withDatabase: (fn) =>
      withDatabase((database, config) => {
        const note = databaseNote(io.env, config);
        if (note) io.stderr.write(note);
        return fn(database, config);
      }),
  };
  return io;
}
