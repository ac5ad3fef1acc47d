// Runs a command with DATABASE_URL pointing at PostgreSQL (default: the local `test` database).
import { spawnSync } from "node:child_process";

const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
};
const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  console.error("usage: node scripts/with-pg.mjs <command> [args…]");
  process.exit(2);
}
const result = spawnSync("npx", [cmd, ...args], { stdio: "inherit", env });
process.exit(result.status ?? 1);
