import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { processIo } from "./io.ts";
import { buildProgram } from "./program.ts";

const leaves = (command: Command, prefix = ""): [string, Command][] =>
  command.commands.flatMap((c) => {
    const name = `${prefix}${c.name()}`;
    return c.commands.length ? leaves(c, `${name} `) : [[name, c] as [string, Command]];
  });

const flags = (c: Command) => c.options.map((o) => o.long);

// Installation-level commands: they act on no workspace, or on all of them.
const NOT_IN_A_WORKSPACE = [
  "serve",
  "worker",
  "migrate",
  "demo",
  "workspace create",
  "workspace list",
  "jobs retry",
  "jobs discard",
];

describe("the steward program", () => {
  const commands = leaves(buildProgram(processIo()));

  it("takes --json on every command that prints a result", () => {
    const without = commands.filter(([, c]) => !flags(c).includes("--json")).map(([name]) => name);
    expect(without.sort()).toEqual(["export", "serve", "worker"]);
  });

  it("takes an optional --workspace on every command that acts on a workspace", () => {
    for (const [name, c] of commands) {
      if (NOT_IN_A_WORKSPACE.includes(name)) continue;
      const option = c.options.find((o) => o.long === "--workspace");
      expect(option, name).toBeDefined();
      // Without it the only workspace is used (workspace-context.ts).
      expect(option?.mandatory, name).toBe(false);
    }
  });
});
