import type { Command } from "commander";
import { listSegments } from "../../domain/segments/index.ts";
import type { CliIo } from "../io.ts";
import { runCommand } from "../run.ts";
import { workspaceCtx } from "../workspace-context.ts";

type Opts = { workspace?: string };

export function registerSegments(program: Command, io: CliIo): void {
  const segments = program
    .command("segments")
    .description("Saved dynamic filters over accounts and contacts");
  segments
    .command("list")
    .description("List the workspace's segments, one per line: members, entity, name, id")
    .option("--workspace <slug>", "workspace slug")
    .action((opts: Opts) =>
      runCommand(io, () =>
        io.withDatabase(async (database) => {
          const ctx = await workspaceCtx(database.db, opts.workspace, "cli");
          const data = await listSegments(ctx);
          return {
            data,
            print: (out) => {
              if (data.length === 0) out.write("No segments yet.\n");
              for (const s of data) {
                out.write(
                  `${String(s.memberCount).padStart(7)}  ${s.entity.padEnd(7)}  ${s.name}  (${s.id})\n`,
                );
              }
            },
          };
        }),
      ),
    );
}
