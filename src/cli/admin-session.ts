import { systemDb } from "../db/system.ts";
import { createDispatcher } from "../domain/events/index.ts";
import { domainConsumers } from "../domain/workflows/index.ts";
import type { AdminCommandRunner, AdminSession } from "../server/admin-channel.ts";
import { type CliIo, databaseNote, noTerminal } from "./io.ts";

/**
 * How the server runs a command a CLI sent on the local admin channel: the very same program
 * (`run` is runCli), writing to the client's streams, resolving paths against the client's
 * working directory, on the server's open database (which it must not close).
 */
export function adminCommandRunner(run: (argv: string[], io: CliIo) => Promise<number>): AdminCommandRunner {
  return (session: AdminSession, database, config) => {
    const io: CliIo = {
      stdout: session.stdout,
      stderr: session.stderr,
      cwd: session.request.cwd,
      env: session.request.env,
      throughServer: true,
      json: false,
      terminal: session.request.terminal,
      readStdin: session.readStdin,
      promptHidden: async (message) => {
        if (!io.terminal.stdinIsTTY) throw noTerminal();
        return session.prompt(message);
      },
      withDatabase: async (fn) => {
        // Said exactly as a direct run would (the client's environment decides), then no opening.
        const note = databaseNote(io.env, config);
        if (note) io.stderr.write(note);
        const result = await fn(database, config);
        // As a direct run does before it exits: the consumers of what the command wrote have run.
        await createDispatcher(systemDb(database.db), domainConsumers).drain();
        return result;
      },
    };
    return run(session.request.argv, io);
  };
}
