import type { Command } from "commander";
import { type ChurnEvaluation, type ChurnKind, ZChurnKind } from "../../contract/index.ts";
import { evaluateChurnModel, modelName, OUTCOME_WORDS, trainAndStore } from "../../domain/churn/index.ts";
import type { CliIo } from "../io.ts";
import { runCommand, usageError } from "../run.ts";
import { workspaceCtx } from "../workspace-context.ts";

type Opts = { workspace?: string; kind: string; folds?: string; seed?: string };

const pad = (s: string | number, n: number) => String(s).padStart(n);

function parseKind(value: string): ChurnKind {
  const kind = ZChurnKind.safeParse(value);
  if (!kind.success)
    throw usageError(`--kind must be one of ${ZChurnKind.options.join(", ")}, not "${value}"`);
  return kind.data;
}

function parseFolds(value: string | undefined): number {
  const n = Number(value ?? 5);
  if (!Number.isInteger(n) || n < 2 || n > 20)
    throw usageError("--folds must be a whole number from 2 to 20");
  return n;
}

const parseSeed = (value: string | undefined): number | string | undefined =>
  value === undefined ? undefined : /^-?\d{1,15}$/.test(value) ? Number(value) : value;

/** "200 accounts (17 churned, 183 retained)" */
const population = (kind: ChurnKind, e: ChurnEvaluation) =>
  `${e.accounts} accounts (${e.positives} ${OUTCOME_WORDS[kind].positive}, ${e.negatives} ${OUTCOME_WORDS[kind].negative})`;

/** The evaluation report `steward churn evaluate` prints; its last line is `auc=0.xxx` alone. */
export function evaluationReport(kind: ChurnKind, e: ChurnEvaluation): string[] {
  const lines = [
    `${kind} model: stratified ${e.folds.length}-fold cross-validation (seed ${e.seed}) on ${population(kind, e)}`,
    `training set as of ${e.asOf}: ${e.columns} columns, ${e.features} features`,
    "",
    `fold  accounts  ${OUTCOME_WORDS[kind].positive.padStart(8)}    AUC`,
    ...e.folds.map(
      (f) => `${pad(f.fold, 4)}  ${pad(f.accounts, 8)}  ${pad(f.positives, 8)}  ${f.auc.toFixed(3)}`,
    ),
    `mean of folds ${e.meanFoldAuc.toFixed(3)}; pooled out-of-fold ${e.auc.toFixed(3)}; Brier ${e.brier.toFixed(3)}`,
    "",
    "calibration by decile (out of fold)",
    "decile  accounts  mean predicted  observed rate",
    ...e.calibration.map(
      (b) =>
        `${pad(b.decile, 6)}  ${pad(b.accounts, 8)}  ${pad(b.meanPredicted.toFixed(3), 14)}  ${pad(b.observedRate.toFixed(3), 13)}`,
    ),
    ...e.warnings.map((w) => `warning: ${w}`),
    `auc=${e.auc.toFixed(3)}`,
  ];
  return lines;
}

export function registerChurn(program: Command, io: CliIo): void {
  const churn = program.command("churn").description("Churn and expansion prediction");
  churn
    .command("train")
    .description("Train a model on the workspace's history, store it and rescore every customer")
    .option("--workspace <slug>", "workspace slug")
    .option("--kind <kind>", "churn | expansion", "churn")
    .action((opts: Opts) =>
      runCommand(io, () =>
        io.withDatabase(async (database) => {
          const ctx = await workspaceCtx(database.db, opts.workspace, "cli");
          const kind = parseKind(opts.kind);
          const started = performance.now();
          const m = await trainAndStore(ctx, { kind });
          const seconds = (performance.now() - started) / 1000;
          const e = m.evaluation;
          return {
            data: { kind, model: modelName(kind), scored: m.scored, seconds, evaluation: e },
            print: (out) => {
              out.write(`Trained ${modelName(kind)} on ${population(kind, e)}, ${e.features} features, `);
              out.write(`in ${seconds.toFixed(1)} s.\n`);
              out.write(`Scored ${m.scored} current customers.\n`);
              for (const w of e.warnings) out.write(`warning: ${w}\n`);
              out.write(`AUC (${e.folds.length}-fold, pooled out-of-fold): ${e.auc.toFixed(3)}\n`);
            },
          };
        }),
      ),
    );
  churn
    .command("evaluate")
    .description("Cross-validate a model without storing it; prints auc=0.xxx alone on the last line")
    .option("--workspace <slug>", "workspace slug")
    .option("--kind <kind>", "churn | expansion", "churn")
    .option("--folds <n>", "number of folds, 2 to 20", "5")
    .option("--seed <seed>", "seed of the fold assignment (default 1)")
    .action((opts: Opts) =>
      runCommand(io, () =>
        io.withDatabase(async (database) => {
          const ctx = await workspaceCtx(database.db, opts.workspace, "cli");
          const kind = parseKind(opts.kind);
          const e = await evaluateChurnModel(ctx, {
            kind,
            folds: parseFolds(opts.folds),
            seed: parseSeed(opts.seed),
          });
          return { data: e, print: (out) => out.write(`${evaluationReport(kind, e).join("\n")}\n`) };
        }),
      ),
    );
}
