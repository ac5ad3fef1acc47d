import fs from "node:fs";
import path from "node:path";

const newestMtime = (dir: string): number => {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
};

/** Builds the web app with Vite when it is missing or older than its sources. */
export async function buildWebIfNeeded(repoRoot: string, log: (line: string) => void): Promise<void> {
  const index = path.join(repoRoot, "dist/web/index.html");
  const sources = ["src/web", "src/contract", "src/common"]
    .map((d) => path.join(repoRoot, d))
    .filter((d) => fs.existsSync(d));
  const builtAt = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  if (builtAt > 0 && sources.every((d) => newestMtime(d) <= builtAt)) return;
  log("Building the web app (first start or changed sources)…");
  const { build } = await import("vite");
  await build({ configFile: path.join(repoRoot, "vite.config.ts"), logLevel: "warn" });
}
