import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * One way to build a test workspace: tests/factories. A test that provisions its own workspace
 * drifts from the others (no default models, no owner, a context built by hand), so every test,
 * helper and fixture script goes through makeWorkspace, and only the factory calls the use cases.
 */
const root = path.resolve(import.meta.dirname, "../..");
const DIRECT_CALL = /\b(provisionWorkspace|createWorkspace)\s*\(/;
const FACTORY_DIR = "tests/factories/";

const files = (dir: string): string[] =>
  readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .map((f) => path.posix.join(dir, f.split(path.sep).join("/")))
    .filter((f) => /\.tsx?$/.test(f));

/** Test files anywhere, and everything under tests/ (helpers and fixture scripts build workspaces too). */
const testCode = [...files("src").filter((f) => /\.test\.tsx?$/.test(f)), ...files("tests")];

const callsDirectly = (file: string) => DIRECT_CALL.test(readFileSync(path.join(root, file), "utf8"));

describe("test workspaces", () => {
  it("are built only by tests/factories", () => {
    const offenders = testCode.filter((f) => !f.startsWith(FACTORY_DIR) && callsDirectly(f));
    expect(offenders, "use makeWorkspace from tests/factories/index.ts").toEqual([]);
  });

  it("are found where they are built (the check sees the factory's own call)", () => {
    expect(testCode).toContain("tests/factories/index.ts");
    expect(callsDirectly("tests/factories/index.ts")).toBe(true);
  });
});
