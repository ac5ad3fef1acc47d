import type { Command } from "commander";
import { packageRoot } from "../../db/index.ts";
import { DEMO_LOGIN, loadDemo } from "../../domain/demo/index.ts";
import { listWorkspaces } from "../../domain/workspaces/index.ts";
import type { AdminCommandRunner } from "../../server/admin-channel.ts";
import { loadConfig } from "../../server/config.ts";
import { startServer } from "../../server/main.ts";
import type { CliIo } from "../io.ts";
import { notThroughServer, runCommand } from "../run.ts";
import { buildWebIfNeeded } from "../web-build.ts";

/** `adminCommands` runs the commands CLIs send the server while it holds the embedded database. */
export function registerServe(program: Command, io: CliIo, adminCommands: AdminCommandRunner): void {
  program
    .command("serve")
    .description("Run the Steward server (API + web app); loads demo data into an empty database")
    .option("-p, --port <port>", "port to listen on (default $PORT or 3000)")
    .option("--build-if-needed", "build the web app first when it is missing or out of date")
    .option("--no-demo", "do not load the demo workspace into an empty database")
    .action((opts: { port?: string; buildIfNeeded?: boolean; demo: boolean }) =>
      runCommand(io, async () => {
        if (io.throughServer) throw notThroughServer("serve");
        const config = loadConfig({ ...process.env, ...(opts.port ? { PORT: opts.port } : {}) });
        if (opts.buildIfNeeded) await buildWebIfNeeded(packageRoot(), (l) => process.stdout.write(`${l}\n`));
        let demoLoaded = false;
        const server = await startServer(
          config,
          async (database) => {
            if (!opts.demo || !config.STEWARD_DEMO) return;
            if ((await listWorkspaces(database.db)).length > 0) return;
            process.stdout.write("Empty database: loading the demo workspace…\n");
            await loadDemo(database.db);
            demoLoaded = true;
          },
          true,
          adminCommands,
        );
        const where =
          server.database.kind === "pglite"
            ? `embedded database in ${config.STEWARD_DATA_DIR}`
            : "PostgreSQL";
        process.stdout.write(`\nSteward is running at ${server.url} (${where})\n`);
        process.stdout.write(`API docs: ${server.url}/api/docs\n`);
        if (demoLoaded || (await hasDemo(server.database.db))) {
          process.stdout.write(
            `Demo login: ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password} (workspace "${DEMO_LOGIN.workspace}")\n`,
          );
        }
        await new Promise<never>(() => {});
      }),
    );
}

const hasDemo = async (db: Parameters<typeof listWorkspaces>[0]) =>
  (await listWorkspaces(db)).some((w) => w.slug === DEMO_LOGIN.workspace);
