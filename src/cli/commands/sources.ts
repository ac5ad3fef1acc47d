import type { Command } from "commander";
import { UNKNOWN_ACCOUNT_POLICIES } from "../../contract/index.ts";
import type { Ctx } from "../../domain/context.ts";
import {
  createSource,
  deleteSource,
  findSources,
  rotateSourceKey,
  updateSource,
} from "../../domain/usage/index.ts";
import type { CliIo } from "../io.ts";
import { type Outcome, runCommand, usageError } from "../run.ts";
import { workspaceCtx } from "../workspace-context.ts";

type Opts = { workspace?: string };

/** A source named by id or by (case-insensitive) name. */
async function resolveSource(ctx: Ctx, ref: string) {
  const all = [];
  let cursor: string | undefined;
  do {
    const page = await findSources(ctx, { limit: 200, cursor });
    all.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const matches = all.filter((s) => s.id === ref || s.name.toLowerCase() === ref.toLowerCase());
  if (matches.length === 1 && matches[0]) return matches[0];
  throw usageError(
    matches.length === 0
      ? `No source "${ref}" (sources: ${all.map((s) => s.name).join(", ") || "none"})`
      : `Several sources are named "${ref}": use its id`,
  );
}

const parsePolicy = (v: string) => {
  if (!(UNKNOWN_ACCOUNT_POLICIES as readonly string[]).includes(v)) {
    throw usageError(`--unknown-accounts must be one of ${UNKNOWN_ACCOUNT_POLICIES.join(", ")}`);
  }
  return v as (typeof UNKNOWN_ACCOUNT_POLICIES)[number];
};

const parseRate = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000)
    throw usageError("--rate-limit must be 1 to 1000000 events per second");
  return n;
};

export function registerSources(program: Command, io: CliIo): void {
  const inWorkspace = (opts: Opts, fn: (ctx: Ctx) => Promise<Outcome>) =>
    runCommand(io, () =>
      io.withDatabase(async (database) => fn(await workspaceCtx(database.db, opts.workspace, "cli"))),
    );

  const source = program.command("source").description("Manage event sources (product usage write keys)");
  source
    .command("create")
    .description("Create a source; its write key is printed once, alone on the last line")
    .option("--workspace <slug>", "workspace slug")
    .requiredOption("--name <name>", "what sends the events, e.g. 'Web app'")
    .option("--unknown-accounts <policy>", "create | park: events for a group id no account has", "park")
    .option("--rate-limit <n>", "events per second before 429s")
    .option(
      "--traits-may-overwrite",
      "let identify traits replace a contact's email, name or title (without it they only fill empty ones; the write key is public, so only for a trusted backend)",
    )
    .action(
      (
        opts: Opts & {
          name: string;
          unknownAccounts: string;
          rateLimit?: string;
          traitsMayOverwrite?: boolean;
        },
      ) =>
        inWorkspace(opts, async (ctx) => {
          const created = await createSource(ctx, {
            name: opts.name,
            unknownAccounts: parsePolicy(opts.unknownAccounts),
            traitsMayOverwrite: opts.traitsMayOverwrite === true,
            ...(opts.rateLimit ? { rateLimit: parseRate(opts.rateLimit) } : {}),
          });
          return {
            data: created,
            print: (out) => {
              out.write(`Created source "${created.name}" (${created.id}).\n`);
              out.write("Send events to /v1/batch with this write key; it will not be shown again.\n");
              out.write(`${created.writeKey}\n`);
            },
          };
        }),
    );
  source
    .command("list")
    .description("List sources")
    .option("--workspace <slug>", "workspace slug")
    .action((opts: Opts) =>
      inWorkspace(opts, async (ctx) => {
        const page = await findSources(ctx, { limit: 200 });
        const rows = page.data.map((s) =>
          [
            s.id,
            s.name,
            s.status,
            s.writeKeyPrefix,
            s.unknownAccounts,
            s.traitsMayOverwrite ? "overwrite" : "fill empty",
            String(s.eventsLast24h),
            s.lastEventAt ?? "-",
          ].join("\t"),
        );
        const header = [
          "id",
          "name",
          "status",
          "key",
          "unknown accounts",
          "traits",
          "events 24h",
          "last event",
        ];
        return {
          data: { data: page.data },
          print: (out) => {
            out.write(`${header.join("\t")}\n`);
            out.write(rows.length ? `${rows.join("\n")}\n` : "");
          },
        };
      }),
    );
  source
    .command("rotate <source>")
    .description(
      "Replace a source's write key (by id or name); the new key is printed alone on the last line",
    )
    .option("--workspace <slug>", "workspace slug")
    .action((ref: string, opts: Opts) =>
      inWorkspace(opts, async (ctx) => {
        const rotated = await rotateSourceKey(ctx, (await resolveSource(ctx, ref)).id);
        return {
          data: rotated,
          print: (out) => {
            out.write(`Rotated the key of "${rotated.name}"; the old key no longer works.\n`);
            out.write(`${rotated.writeKey}\n`);
          },
        };
      }),
    );
  for (const [verb, status] of [
    ["disable", "disabled"],
    ["enable", "active"],
  ] as const) {
    source
      .command(`${verb} <source>`)
      .description(`${verb === "disable" ? "Refuse" : "Accept"} a source's events again (by id or name)`)
      .option("--workspace <slug>", "workspace slug")
      .action((ref: string, opts: Opts) =>
        inWorkspace(opts, async (ctx) => {
          const updated = await updateSource(ctx, (await resolveSource(ctx, ref)).id, { status });
          return {
            data: updated,
            print: (out) => out.write(`Source "${updated.name}" is ${updated.status}.\n`),
          };
        }),
      );
  }
  source
    .command("delete <source>")
    .description("Delete a source (by id or name); the events it sent stay")
    .option("--workspace <slug>", "workspace slug")
    .action((ref: string, opts: Opts) =>
      inWorkspace(opts, async (ctx) => {
        const found = await resolveSource(ctx, ref);
        await deleteSource(ctx, found.id);
        return {
          data: { deleted: { id: found.id, name: found.name } },
          print: (out) => out.write(`Deleted source "${found.name}".\n`),
        };
      }),
    );
}
