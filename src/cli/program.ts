import { Command, CommanderError } from "commander";
import { adminCommandRunner } from "./admin-session.ts";
import { registerAdmin } from "./commands/admin.ts";
import { registerChurn } from "./commands/churn.ts";
import { registerData } from "./commands/data.ts";
import { registerHealth } from "./commands/health.ts";
import { registerJobs } from "./commands/jobs.ts";
import { registerMetrics } from "./commands/metrics.ts";
import { registerRules } from "./commands/rules.ts";
import { registerSegments } from "./commands/segments.ts";
import { registerServe } from "./commands/serve.ts";
import { registerSources } from "./commands/sources.ts";
import { registerWorker } from "./commands/worker.ts";
import type { CliIo } from "./io.ts";
import { EXIT, reportError } from "./run.ts";

/** Commands whose output is not a result: a server, a worker, a CSV stream. */
const WITHOUT_JSON = new Set(["serve", "worker", "export"]);

/** Every command that prints a result takes `--json`: the result as exactly one JSON document. */
function addJsonOption(command: Command): void {
  if (command.commands.length > 0) {
    for (const sub of command.commands) addJsonOption(sub);
    return;
  }
  if (!WITHOUT_JSON.has(command.name()))
    command.option("--json", "print the result (or the error) as one JSON document on stdout");
}

/**
 * The whole `steward` program, writing to io; built afresh for each run (commander keeps state).
 * Subcommands copy these output settings when they are added, so io.json must be known first.
 */
export function buildProgram(io: CliIo): Command {
  const program = new Command()
    .name("steward")
    .description("Steward, the open-source customer success platform")
    .version("0.1.0")
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      getOutHelpWidth: () => io.terminal.stdoutColumns ?? 80,
      getErrHelpWidth: () => io.terminal.stderrColumns ?? 80, // commander's own fallback
      // With --json a usage mistake is a JSON error on stdout (see runCli), not commander's text.
      outputError: (s, write) => (io.json ? undefined : write(s)),
    })
    .showHelpAfterError(!io.json)
    // Commander must not exit the process (inside the server it would stop the server).
    .exitOverride();
  program.hook("preAction", (_program, action) => {
    io.json = action.opts().json === true;
  });
  registerServe(program, io, adminCommandRunner(runCli));
  registerWorker(program, io);
  registerAdmin(program, io);
  registerData(program, io);
  registerSources(program, io);
  registerJobs(program, io);
  registerHealth(program, io);
  registerChurn(program, io);
  registerMetrics(program, io);
  registerSegments(program, io);
  registerRules(program, io);
  addJsonOption(program);
  return program;
}

/** Runs `steward <argv…>` against io and answers its exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  io.json = argv.includes("--json");
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: "user" });
    return io.exitCode ?? EXIT.ok;
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    // --help and --version end here with 0; usage mistakes exit with 2, like other errors of input.
    if (e.exitCode === 0) return EXIT.ok;
    if (io.json) reportError(io, "VALIDATION_FAILED", e.message.replace(/^error: /, ""));
    return EXIT.usage;
  }
}
