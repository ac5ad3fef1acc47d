import path from "node:path";
import { Writable } from "node:stream";
import { type CliIo, processIo } from "../../src/cli/io.ts";
import { runCli } from "../../src/cli/program.ts";
import type { Database } from "../../src/db/index.ts";
import { systemDb } from "../../src/db/system.ts";
import { createDispatcher } from "../../src/domain/events/index.ts";
import { domainConsumers } from "../../src/domain/workflows/index.ts";
import { loadConfig } from "../../src/server/config.ts";

export type CliRun = { code: number; stdout: string; stderr: string };

const root = path.resolve(import.meta.dirname, "../..");

/**
 * `steward …` run in-process on a test database, as a direct run would: from the repository's
 * root, and with the events it wrote delivered before it ends (as `withDatabase` does).
 */
export const cliRunner =
  (database: () => Database) =>
  async (args: string[], stdin = ""): Promise<CliRun> => {
    let stdout = "";
    let stderr = "";
    const into = (append: (s: string) => void) =>
      new Writable({
        write(chunk, _encoding, done) {
          append(String(chunk));
          done();
        },
      });
    const io: CliIo = {
      ...processIo(),
      stdout: into((s) => {
        stdout += s;
      }),
      stderr: into((s) => {
        stderr += s;
      }),
      cwd: root,
      env: {},
      terminal: { stdinIsTTY: false },
      readStdin: async () => stdin,
      withDatabase: async (fn) => {
        const result = await fn(database(), loadConfig({ LOG_LEVEL: "silent" }));
        await createDispatcher(systemDb(database().db), domainConsumers).drain();
        return result;
      },
    };
    const code = await runCli(args, io);
    return { code, stdout, stderr };
  };
