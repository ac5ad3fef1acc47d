import type { Command } from "commander";
import { formatMoney } from "../../common/money.ts";
import { type RevenueFigures, ZMrrMonthQuery, ZRevenueQuery } from "../../contract/index.ts";
import { backfillRevenueMovements, getMrrMonth, getRevenueMetrics } from "../../domain/revenue/index.ts";
import type { CliIo } from "../io.ts";
import { runCommand, usageError } from "../run.ts";
import { workspaceCtx } from "../workspace-context.ts";

type Opts = { workspace?: string; from?: string; to?: string; month?: string; segment?: string };

/** Major units of a currency's minor units (cents → dollars), as the figures are usually read. */
const major = (minor: number, currency: string | null) =>
  minor /
  10 **
    (currency
      ? (new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
          .maximumFractionDigits ?? 2)
      : 2);

const percent = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(1)}%`);

/** The first issue of a query's validation, worded for the option it came from. */
function parsed<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  value: unknown,
): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw usageError(`--${String(issue?.path[0] ?? "option")} ${issue?.message ?? "is not valid"}`);
}

function figureLines(f: RevenueFigures): string[] {
  const m = (v: number) => formatMoney(v, f.currency);
  return [
    `MRR ${m(f.startMrrMinor)} → ${m(f.endMrrMinor)} (${f.currency})`,
    `  new ${m(f.newMinor)}, expansion ${m(f.expansionMinor)}, reactivation ${m(f.reactivationMinor)}, contraction −${m(f.contractionMinor)}, churn −${m(f.churnMinor)}${f.fxMinor ? `, currency effect ${m(f.fxMinor)}` : ""}`,
    `NRR ${percent(f.nrr)}  GRR ${percent(f.grr)}  logo churn ${percent(f.logoChurn)} (${f.logos.churned + f.logos.joinedAndLeft} of ${f.logos.start})`,
    `gross MRR churn ${percent(f.grossMrrChurn)}  net MRR churn ${percent(f.netMrrChurn)}  expansion ${percent(f.expansionRate)}`,
    `ARPA ${f.arpaMinor === null ? "—" : m(f.arpaMinor)}  lifetime value ${f.ltv.valueMinor === null ? `— (${f.ltv.missing})` : m(f.ltv.valueMinor)}`,
  ];
}

export function registerMetrics(program: Command, io: CliIo): void {
  const metrics = program.command("metrics").description("Revenue metrics from the subscription history");
  metrics
    .command("revenue")
    .description("MRR movements, NRR, GRR, logo churn, MRR churn, ARPA and lifetime value over whole months")
    .requiredOption("--from <YYYY-MM-DD>", "first day of the period (its month counts whole)")
    .requiredOption("--to <YYYY-MM-DD>", "last day of the period (its month counts whole)")
    .option("--segment <id>", "only the accounts of this segment")
    .option("--workspace <slug>", "workspace slug")
    .action((opts: Opts) =>
      runCommand(io, () =>
        io.withDatabase(async (database) => {
          const q = parsed(ZRevenueQuery, { from: opts.from, to: opts.to, segment: opts.segment });
          const ctx = await workspaceCtx(database.db, opts.workspace, "cli");
          await backfillRevenueMovements(database.db);
          const r = await getRevenueMetrics(ctx, q);
          const f = r.figures;
          return {
            // The headline rates first, as fractions, for the base (or only) currency.
            data: {
              nrr: f?.nrr ?? null,
              grr: f?.grr ?? null,
              logoChurn: f?.logoChurn ?? null,
              grossMrrChurn: f?.grossMrrChurn ?? null,
              netMrrChurn: f?.netMrrChurn ?? null,
              expansionRate: f?.expansionRate ?? null,
              startMrrMinor: f?.startMrrMinor ?? null,
              endMrrMinor: f?.endMrrMinor ?? null,
              arpaMinor: f?.arpaMinor ?? null,
              ltvMinor: f?.ltv.valueMinor ?? null,
              ...r,
            },
            print: (out) => {
              out.write(`${r.from} to ${r.to} (${r.months} months)\n`);
              if (f) for (const line of figureLines(f)) out.write(`${line}\n`);
              if (r.byCurrency.length > 1 || !f) {
                for (const c of r.byCurrency) {
                  out.write(`\nIn ${c.currency}:\n`);
                  for (const line of figureLines(c)) out.write(`${line}\n`);
                }
              }
              for (const note of r.notes) out.write(`note: ${note}\n`);
            },
          };
        }),
      ),
    );
  metrics
    .command("mrr")
    .description("A month's MRR: subscriptions live on any day of it, at its end, and its movements")
    .requiredOption("--month <YYYY-MM>", "the month")
    .option("--segment <id>", "only the accounts of this segment")
    .option("--workspace <slug>", "workspace slug")
    .action((opts: Opts) =>
      runCommand(io, () =>
        io.withDatabase(async (database) => {
          const q = parsed(ZMrrMonthQuery, { month: opts.month, segment: opts.segment });
          const ctx = await workspaceCtx(database.db, opts.workspace, "cli");
          await backfillRevenueMovements(database.db);
          const r = await getMrrMonth(ctx, q);
          const f = r.figures;
          return {
            data: {
              mrrInMonth: f ? major(f.mrrInMonthMinor, f.currency) : null,
              mrrEndOfMonth: f ? major(f.mrrEndOfMonthMinor, f.currency) : null,
              mrrInMonthMinor: f?.mrrInMonthMinor ?? null,
              mrrEndOfMonthMinor: f?.mrrEndOfMonthMinor ?? null,
              ...r,
            },
            print: (out) => {
              const rows = f ? [f] : r.byCurrency;
              for (const x of rows) {
                const m = (v: number) => formatMoney(v, x.currency);
                out.write(
                  `${r.month}: MRR in the month ${m(x.mrrInMonthMinor)}, at its end ${m(x.mrrEndOfMonthMinor)} (${x.currency}); ${r.logos} paying customers\n`,
                );
                out.write(
                  `  from ${m(x.startMrrMinor)}: new ${m(x.newMinor)}, expansion ${m(x.expansionMinor)}, reactivation ${m(x.reactivationMinor)}, contraction −${m(x.contractionMinor)}, churn −${m(x.churnMinor)}\n`,
                );
              }
              for (const note of r.notes) out.write(`note: ${note}\n`);
            },
          };
        }),
      ),
    );
}
