import type { Command } from "commander";
import { packageRoot } from "../../db/index.ts";
import { DEMO_LOGIN, DemoLoadTracker, getDemoStatus, needsDemo } from "../../domain/demo/index.ts";
import type { AdminCommandRunner } from "../../server/admin-channel.ts";
import { loadConfig } from "../../server/config.ts";
import { loadDemoInBackground } from "../../server/demo-load.ts";
import { startServer } from "../../server/main.ts";
import type { CliIo } from "../io.ts";
import { notThroughServer, runCommand } from "../run.ts";
import { buildWebIfNeeded } from "../web-build.ts";

const demoLogin = `${DEMO_LOGIN.email} / ${DEMO_LOGIN.password} (workspace "${DEMO_LOGIN.workspace}")`;

/** `adminCommands` runs the commands CLIs send the server while it holds the embedded database. */
export function registerServe(program: Command, io: CliIo, adminCommands: AdminCommandRunner): void {
  program
    .command("serve")
    .description(
      "Run the Steward server (API + web app); loads demo data into an empty database in the background",
    )
    .option("-p, --port <port>", "port to listen on (default $PORT or 3000)")
    .option("--build-if-needed", "build the web app first when it is missing or out of date")
    .option("--no-demo", "do not load the demo workspace into an empty database")
    .action((opts: { port?: string; buildIfNeeded?: boolean; demo: boolean }) =>
      runCommand(io, async () => {
        if (io.throughServer) throw notThroughServer("serve");
        const config = loadConfig({ ...process.env, ...(opts.port ? { PORT: opts.port } : {}) });
        // The web build runs while the database opens and migrates (the first start does both): it
        // only has to be done before the app is built, after `prepare`.
        const webBuilt = opts.buildIfNeeded
          ? buildWebIfNeeded(packageRoot(), (l) => process.stdout.write(`${l}\n`))
          : Promise.resolve();
        // A failure is reported by `prepare`, which waits for it; this only keeps it from going unhandled first.
        webBuilt.catch(() => {});
        const demoLoad = new DemoLoadTracker();
        const server = await startServer(config, {
          demoLoad,
          adminCommands,
          // Decided before listening, so that the setup status says `loading` from the first request.
          prepare: async (database) => {
            await webBuilt;
            if (opts.demo && config.STEWARD_DEMO && (await needsDemo(database.db))) demoLoad.begin();
          },
        });
        const where =
          server.database.kind === "pglite"
            ? `embedded database in ${config.STEWARD_DATA_DIR}`
            : "PostgreSQL";
        process.stdout.write(`\nSteward is running at ${server.url} (${where})\n`);
        process.stdout.write(`API docs: ${server.url}/api/docs\n`);
        if (demoLoad.status) {
          process.stdout.write(
            `The demo workspace is loading (its progress is on the sign-in page); sign in with ${demoLogin} once it is ready\n`,
          );
          const result = await loadDemoInBackground(server, demoLoad);
          process.stdout.write(
            result
              ? `The demo workspace is ready (loaded in ${(result.elapsedMs / 1000).toFixed(1)} s): sign in with ${demoLogin}\n`
              : "The demo workspace could not be loaded (the log above says why); restart Steward to load it again.\n",
          );
        } else if ((await getDemoStatus(server.database.db)).state === "ready") {
          process.stdout.write(`Demo login: ${demoLogin}\n`);
        }
        await new Promise<never>(() => {});
      }),
    );
}
