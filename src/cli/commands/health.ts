import type { Command } from "commander";
import { addDays, utcToday } from "../../common/dates.ts";
import { ZDate } from "../../contract/index.ts";

import { recomputeHealth, recomputeHealthHistory } from "../../domain/health/index.ts";

import type { CliIo } from "../io.ts";
import { runCommand, usageError } from "../run.ts";

import { workspaceCtx } from "../workspace-context.ts";

type Opts = { workspace?: string; day?: string; historyDays?: string };

export function registerHealth(program: Command, io: CliIo): void {
  const health = program.command("health").description("Health scores");
  health
    .command("recompute")
    .description("Recompute health scores now (today's, or a day's, or the last N days' history)")
    .option("--workspace <slug>", "workspace slug")
    .option("--day <YYYY-MM-DD>", "score as of this UTC day instead of today")
    .option("--history-days <n>", "also rebuild the daily history of the N days before")
    .action((opts: Opts) =>
      runCommand(io, () =>
        io.withDatabase(async (database) => {
          const ctx = await workspaceCtx(database.db, opts.workspace, "cli");
          const day = opts.day ?? utcToday();
          if (!ZDate.safeParse(day).success) throw usageError("--day must be a date as YYYY-MM-DD");
          const history = opts.historyDays === undefined ? 0 : Number(opts.historyDays);
          if (!Number.isInteger(history) || history < 0 || history > 730) {
            throw usageError("--history-days must be a whole number from 0 to 730");
          }
          let past: { scores: number; days: number; seconds: number } | null = null;
          if (history > 0) {
            const t = performance.now();
            const h = await recomputeHealthHistory(database.db, ctx.workspaceId, {
              from: addDays(day, -history),
              to: addDays(day, -1),
            });
            past = { scores: h.scores, days: h.days, seconds: (performance.now() - t) / 1000 };
          }
          const r = await recomputeHealth(database.db, ctx.workspaceId, { day });
          return {
            data: { ...r, history: past },
            print: (out) => {
              if (past) {
                const h = past;
                out.write(`History: ${h.scores} scores over ${h.days} days in ${h.seconds.toFixed(1)} s\n`);
              }
              out.write(`Scored ${r.scored} of ${r.accounts} customers for ${r.day} in ${r.seconds} s\n`);
            },
          };
        }),
      ),
    );
}
