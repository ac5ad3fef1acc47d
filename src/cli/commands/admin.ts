import type { Command } from "commander";
import { z } from "zod";
import {
  API_SCOPES,
  type ApiScope,
  FUNCTIONS,
  ROLES,
  type Role,
  type TeamFunction,
} from "../../common/roles.ts";
import { DEMO_LOGIN, loadDemo } from "../../domain/demo/index.ts";
import { addMember } from "../../domain/members/index.ts";
import { assertStrongPassword, MIN_PASSWORD_LENGTH } from "../../domain/passwords/index.ts";
import { issueApiKey, provisionWorkspace } from "../../domain/workflows/index.ts";
import { listWorkspaces } from "../../domain/workspaces/index.ts";
import type { CliIo } from "../io.ts";
import { runCommand, usageError } from "../run.ts";
import { workspaceCtx } from "../workspace-context.ts";

export function registerAdmin(program: Command, io: CliIo): void {
  program
    .command("migrate")
    .description("Apply database migrations (safe to repeat)")
    .action(() =>
      runCommand(io, () =>
        io.withDatabase(async (database) => ({
          data: { database: database.location, upToDate: true },
          print: (out) => out.write(`Database is up to date (${database.location}).\n`),
        })),
      ),
    );

  program
    .command("demo")
    .description("Load the demo workspace (or recreate it with --reset)")
    .option("--reset", "delete the demo workspace and load it afresh")
    .action((opts: { reset?: boolean }) =>
      runCommand(io, () =>
        io.withDatabase(async (database) => {
          const result = await loadDemo(database.db, { reset: Boolean(opts.reset) });
          return {
            data: { loaded: Boolean(result.counts), counts: result.counts ?? null, login: DEMO_LOGIN },
            print: (out) => {
              out.write(
                result.counts
                  ? `Demo workspace loaded: ${JSON.stringify(result.counts)}\n`
                  : "The demo workspace already exists (use --reset to recreate it).\n",
              );
              out.write(`Demo login: ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}\n`);
            },
          };
        }),
      ),
    );

  const workspace = program.command("workspace").description("Manage workspaces");
  workspace
    .command("create")
    .description("Create a workspace")
    .requiredOption("--slug <slug>", "short name used in URLs and commands")
    .requiredOption("--name <name>", "display name")
    .action((opts: { slug: string; name: string }) =>
      runCommand(io, () =>
        io.withDatabase(async (database) => {
          const ws = await provisionWorkspace(database.db, { slug: opts.slug, name: opts.name });
          return { data: ws, print: (out) => out.write(`Created workspace ${ws.slug} (${ws.id})\n`) };
        }),
      ),
    );
  workspace
    .command("list")
    .description("List the workspaces")
    .action(() =>
      runCommand(io, () =>
        io.withDatabase(async (database) => {
          const all = await listWorkspaces(database.db);
          return {
            data: { data: all },
            print: (out) =>
              out.write(
                all.length === 0
                  ? "No workspace yet: create one with `steward workspace create --slug S --name N`\n"
                  : all.map((w) => `${w.slug}\t${w.name}\t${w.id}\n`).join(""),
              ),
          };
        }),
      ),
    );

  const user = program.command("user").description("Manage people");
  user
    .command("create")
    .description("Create a person (or add an existing one) as a member of a workspace")
    .option("--workspace <slug>", "workspace slug (defaults to the only workspace)")
    .requiredOption("--email <email>", "sign-in email")
    .requiredOption("--role <role>", `one of ${ROLES.join(", ")}`)
    .option("--name <name>", "full name (defaults to the email's local part)")
    .option("--function <function>", `one of ${FUNCTIONS.join(", ")}`, "customer_success")
    .option(
      "--password <password>",
      `at least ${MIN_PASSWORD_LENGTH} characters and hard to guess (prompted when omitted)`,
    )
    .action(
      (opts: {
        workspace?: string;
        email: string;
        role: string;
        name?: string;
        function: string;
        password?: string;
      }) =>
        runCommand(io, async () => {
          const role = z.enum(ROLES).safeParse(opts.role);
          if (!role.success) throw usageError(`--role must be one of ${ROLES.join(", ")}`);
          const fn = z.enum(FUNCTIONS).safeParse(opts.function);
          if (!fn.success) throw usageError(`--function must be one of ${FUNCTIONS.join(", ")}`);
          const email = z.email().safeParse(opts.email);
          if (!email.success) throw usageError("--email must be an email address");
          const name = opts.name ?? email.data.split("@")[0] ?? email.data;
          const password = opts.password ?? (await io.promptHidden("Password: "));
          // Judged before the database opens, by the same rule as every other way of setting one.
          await assertStrongPassword(password, { field: "password", email: email.data, name });
          return io.withDatabase(async (database) => {
            const ctx = await workspaceCtx(database.db, opts.workspace, "cli");
            const member = await addMember(ctx, {
              email: email.data,
              name,
              role: role.data as Role,
              function: fn.data as TeamFunction,
              password,
            });
            return {
              data: member,
              print: (out) => out.write(`Added ${member.email} to ${ctx.slug} as ${member.role}\n`),
            };
          });
        }),
    );

  const apikey = program.command("apikey").description("Manage API keys");
  apikey
    .command("create")
    .description("Create an API key; the key is printed once, alone on the last line")
    .option("--workspace <slug>", "workspace slug (defaults to the only workspace)")
    .requiredOption("--scopes <scopes>", `comma-separated: ${API_SCOPES.join(", ")}`)
    .requiredOption("--name <name>", "what the key is for")
    .option(
      "--user <email>",
      "the member the key acts for, never beyond their role (default: the workspace's first owner)",
    )
    .action((opts: { workspace?: string; scopes: string; name: string; user?: string }) =>
      runCommand(io, async () => {
        const scopes = opts.scopes
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean);
        const bad = scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
        if (scopes.length === 0 || bad.length > 0) {
          throw usageError(
            `--scopes must list some of ${API_SCOPES.join(", ")}${bad.length ? ` (not ${bad.join(", ")})` : ""}`,
          );
        }
        const email = opts.user === undefined ? undefined : z.email().safeParse(opts.user);
        if (email && !email.success) throw usageError("--user must be an email address");
        return io.withDatabase(async (database) => {
          const ctx = await workspaceCtx(database.db, opts.workspace, "cli");
          const key = await issueApiKey(ctx, {
            name: opts.name,
            scopes: scopes as ApiScope[],
            ...(email ? { email: email.data } : {}),
          });
          return {
            data: key,
            print: (out) => {
              out.write(
                `Created API key "${key.name}" (${key.prefix}) with scopes ${key.scopes.join(",")} for ${key.person}.\n`,
              );
              out.write("Store it now: it will not be shown again.\n");
              out.write(`${key.key}\n`);
            },
          };
        });
      }),
    );
}
