import type { Command } from "commander";
import { findRule, replayRule, runRuleNow } from "../../domain/rules/index.ts";
import type { CliIo } from "../io.ts";
import { runCommand, usageError } from "../run.ts";
import { workspaceCtx } from "../workspace-context.ts";

type Opts = { workspace?: string; days?: string };

function parseDays(value: string | undefined): number {
  const n = Number(value ?? 90);
  if (!Number.isInteger(n) || n < 1 || n > 365)
    throw usageError("--days must be a whole number from 1 to 365");
  return n;
}

export function registerRules(program: Command, io: CliIo): void {
  const rules = program
    .command("rules")
    .description("Automation rules: run one now, or replay it over history");
  rules
    .command("run")
    .description("Run a rule now over every account that fits its conditions (logged like any run)")
    .argument("<rule>", "the rule's id or name")
    .option("--workspace <slug>", "workspace slug")
    .action((name: string, opts: Opts) =>
      runCommand(io, () =>
        io.withDatabase(async (database) => {
          const ctx = await workspaceCtx(database.db, opts.workspace, "cli");
          const rule = await findRule(ctx, name);
          const run = await runRuleNow(ctx, rule.id);
          return {
            data: run,
            print: (out) => {
              out.write(
                `Rule "${rule.name}" ${run.status === "failed" ? "failed" : "ran"}: ${run.matched} accounts matched.\n`,
              );
              if (run.error) out.write(`error: ${run.error}\n`);
              for (const m of run.matches) {
                out.write(`${m.account.name}: ${m.why}\n`);
                for (const a of m.actions) out.write(`  - ${a.text}\n`);
              }
            },
          };
        }),
      ),
    );
  rules
    .command("replay")
    .description(
      "What a rule would have done over the past days, from history: accounts caught and their fate",
    )
    .argument("<rule>", "the rule's id or name")
    .option("--days <n>", "how many past days", "90")
    .option("--workspace <slug>", "workspace slug")
    .action((name: string, opts: Opts) =>
      runCommand(io, () =>
        io.withDatabase(async (database) => {
          const days = parseDays(opts.days);
          const ctx = await workspaceCtx(database.db, opts.workspace, "cli");
          const rule = await findRule(ctx, name);
          const replay = await replayRule(ctx, rule.id, days);
          return {
            data: replay,
            print: (out) => {
              out.write(`Rule "${rule.name}" over ${replay.from} – ${replay.to} (${days} days):\n`);
              out.write(`  fired ${replay.firings} times for ${replay.accounts} accounts; `);
              out.write(`${replay.churned} of them churned and ${replay.contracted} contracted since.\n`);
              for (const c of replay.caught) {
                const fate = c.churned ? "churned" : c.contracted ? "contracted" : "";
                out.write(
                  `  ${c.firstDay}  ${c.account.name}${c.firings > 1 ? ` (${c.firings}×)` : ""}${fate ? `  — ${fate}` : ""}\n`,
                );
              }
              for (const f of replay.flags) out.write(`note: ${f}\n`);
            },
          };
        }),
      ),
    );
}
