import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The dependency rules can only check modules they know: every folder of src/domain must sit in
 * exactly one tier of scripts/domain-tiers.cjs, so a new module cannot slip past the tier rules.
 */
const root = path.resolve(import.meta.dirname, "../..");
const tiers = createRequire(import.meta.url)(path.join(root, "scripts/domain-tiers.cjs")) as {
  tier: string;
  modules: string[];
}[];

describe("domain tiers", () => {
  const folders = readdirSync(path.join(root, "src/domain"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);

  it.each(folders)("places the module %s in exactly one tier", (folder) => {
    const holders = tiers.filter((t) => t.modules.includes(folder)).map((t) => t.tier);
    expect(holders, `${folder} must be listed in scripts/domain-tiers.cjs`).toHaveLength(1);
  });

  it("lists no module that does not exist", () => {
    const listed = tiers.flatMap((t) => t.modules);
    expect(listed.filter((m) => !folders.includes(m))).toEqual([]);
  });
});
