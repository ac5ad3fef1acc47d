import { Command } from "commander";
import { registerAdmin } from "./commands/admin.ts";
import { registerChurn } from "./commands/churn.ts";
import { registerData } from "./commands/data.ts";
import { registerHealth } from "./commands/health.ts";
import { registerJobs } from "./commands/jobs.ts";
import { registerServe } from "./commands/serve.ts";
import { registerSources } from "./commands/sources.ts";
import { registerWorker } from "./commands/worker.ts";

const program = new Command()
  .name("steward")
  .description("Steward, the open-source customer success platform")
  .version("0.1.0")
  .showHelpAfterError()
  // Usage mistakes (unknown command or option, missing argument) exit with 2, like other errors of input.
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

registerServe(program);
registerWorker(program);
registerAdmin(program);
registerData(program);
registerSources(program);
registerJobs(program);
registerHealth(program);
registerChurn(program);

await program.parseAsync(process.argv);
