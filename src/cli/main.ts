import { runThroughServer } from "./admin-client.ts";
import { processIo } from "./io.ts";
import { runCli } from "./program.ts";

const argv = process.argv.slice(2);
// While a server holds the embedded database, the command runs inside it (see admin-client.ts).
const code = (await runThroughServer(argv)) ?? (await runCli(argv, processIo()));
process.exit(code);
