import fs from "node:fs";
import path from "node:path";
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Command } from "commander";
import { z } from "zod";
import { AppError } from "../../common/errors.ts";
import { type ImportReport, ZExportEntity, ZImportEntity, ZImportMapping } from "../../contract/imports.ts";
import { exportCsv } from "../../domain/imports/index.ts";
import { importRecords } from "../../domain/workflows/index.ts";
import type { CliIo } from "../io.ts";
import { EXIT, runCommand, usageError } from "../run.ts";
import { workspaceCtx } from "../workspace-context.ts";

const ENTITIES = ZImportEntity.options.join("|");
const EXPORTS = ZExportEntity.options.join("|");

function parseEntity(value: string) {
  const entity = ZImportEntity.safeParse(value);
  if (!entity.success) throw usageError(`The entity must be one of ${ENTITIES}, not "${value}"`);
  return entity.data;
}

function parseExportEntity(value: string) {
  const entity = ZExportEntity.safeParse(value);
  if (!entity.success) throw usageError(`The entity must be one of ${EXPORTS}, not "${value}"`);
  return entity.data;
}

/** Usage imports: rows skipped for a repeated or already stored event id, with the repeats' rows. */
function printDuplicates(out: Writable, report: ImportReport, limit = 50): void {
  const d = report.duplicates;
  if (!d) return;
  out.write(
    `skipped: ${d.inFile} rows repeating an earlier row's event id, ${d.alreadyStored} already stored\n`,
  );
  for (const r of d.repeated.slice(0, limit)) {
    out.write(`repeated event id ${r.eventId}: rows ${r.rows.join(", ")} (row ${r.rows[0]} imported)\n`);
  }
  const more = d.repeated.length - Math.min(limit, d.repeated.length);
  if (more > 0 || d.repeatedTruncated) out.write("… more repeated ids in the import's report\n");
}

/** Reads a file the caller named (`shown` as they wrote it; `file` resolved against their cwd). */
function readFile(file: string, shown: string, what: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new AppError(
      "NOT_FOUND",
      `Cannot read the ${what} ${shown}: ${(e as NodeJS.ErrnoException).code ?? e}`,
    );
  }
}

function readMapping(file: string, shown: string) {
  let json: unknown;
  try {
    json = JSON.parse(readFile(file, shown, "mapping file"));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw usageError(`The mapping file ${shown} is not valid JSON`);
  }
  const mapping = ZImportMapping.safeParse(json);
  if (!mapping.success)
    throw usageError(`The mapping file ${shown} is invalid: ${z.prettifyError(mapping.error)}`);
  return mapping.data;
}

function printReport(out: Writable, err: Writable, report: ImportReport): void {
  const verb = report.status === "committed" ? "Imported" : report.dryRun ? "Checked (dry run)" : "Rejected";
  const done = report.status === "committed";
  out.write(`${verb}: ${report.totalRows} rows of ${report.entity}`);
  if (report.entity === "usage") {
    out.write(` — ${report.createdRows} ${done ? "events stored" : "events to store"},`);
    out.write(` ${report.skippedRows ?? 0} ${done ? "skipped" : "to skip"} as duplicates,`);
  } else {
    out.write(` — ${report.createdRows} ${done ? "created" : "to create"},`);
    out.write(` ${report.updatedRows} ${done ? "updated" : "to update"},`);
  }
  out.write(` ${report.errorRows} with errors\n`);
  printDuplicates(out, report);
  for (const w of report.warnings) out.write(`warning: ${w}\n`);
  for (const f of report.newCustomFields) out.write(`new custom field: ${f.key} (${f.type})\n`);
  for (const e of report.errors) {
    const where = [e.column ? `column "${e.column}"` : null, e.value !== null ? `value "${e.value}"` : null]
      .filter(Boolean)
      .join(", ");
    err.write(`row ${e.row}${where ? ` (${where})` : ""}: ${e.message} [${e.code}]\n`);
  }
  if (report.errorsTruncated) err.write("… more errors not listed\n");
  if (report.status === "rejected") err.write("Nothing was stored: fix the rows above and import again.\n");
  out.write(`import id: ${report.id}\n`);
}

export function registerData(program: Command, io: CliIo): void {
  program
    .command("import")
    .description(
      "Import a CSV of accounts, contacts, subscriptions, usage, tickets, survey-responses, touchpoints or renewal-outcomes: all rows or none (usage rows with an event id seen before are skipped)",
    )
    .argument("<entity>", ENTITIES)
    .argument("<file>", "CSV file with a header row, or - for standard input")
    .option("--workspace <slug>", "workspace slug (defaults to the only workspace)")
    .option(
      "--mapping <file>",
      "JSON column mapping {columns, defaults?, values?} (default: suggested from the headers)",
    )
    .option("--mapping-name <name>", "use a mapping saved in the workspace")
    .option("--save-mapping <name>", "save the mapping used under this name")
    .option("--dry-run", "validate and report without storing anything")
    .action(
      (
        entityArg: string,
        file: string,
        opts: {
          workspace?: string;
          mapping?: string;
          mappingName?: string;
          saveMapping?: string;
          dryRun?: boolean;
        },
      ) =>
        runCommand(io, async () => {
          const entity = parseEntity(entityArg);
          const csv =
            file === "-" ? await io.readStdin() : readFile(path.resolve(io.cwd, file), file, "file");
          const mapping = opts.mapping
            ? readMapping(path.resolve(io.cwd, opts.mapping), opts.mapping)
            : undefined;
          const report = await io.withDatabase(async (database) => {
            const ctx = await workspaceCtx(database.db, opts.workspace, "cli import");
            return importRecords(ctx, entity, {
              csv,
              fileName: file === "-" ? "stdin.csv" : path.basename(file),
              mapping,
              mappingName: opts.mappingName,
              saveMappingAs: opts.saveMapping,
              dryRun: Boolean(opts.dryRun),
            });
          });
          return {
            data: report,
            print: (out, err) => printReport(out, err, report),
            exitCode: report.errorRows > 0 ? EXIT.invalidData : EXIT.ok,
          };
        }),
    );

  program
    .command("export")
    .description("Export accounts, contacts or subscriptions as CSV (re-importable)")
    .argument("<entity>", EXPORTS)
    .option("--workspace <slug>", "workspace slug (defaults to the only workspace)")
    .option("-o, --output <file>", "write to this file instead of standard output")
    .action((entityArg: string, opts: { workspace?: string; output?: string }) =>
      runCommand(io, async () => {
        const entity = parseExportEntity(entityArg);
        await io.withDatabase(async (database) => {
          const ctx = await workspaceCtx(database.db, opts.workspace, "cli export");
          const sink = opts.output ? fs.createWriteStream(path.resolve(io.cwd, opts.output)) : io.stdout;
          await pipeline(Readable.from(exportCsv(ctx, entity)), sink, { end: Boolean(opts.output) });
        });
        return undefined;
      }),
    );
}
