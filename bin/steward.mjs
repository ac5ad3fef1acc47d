#!/usr/bin/env node
// Runs Steward's CLI. The TypeScript sources are bundled once into dist/server/steward.mjs with
// esbuild (rebuilt when a source is newer), so the server runs as plain JavaScript: no
// transpiling loader in the running process.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "dist/server/steward.mjs");

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "web") newest = Math.max(newest, newestSource(full));
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) {
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

const builtAt = fs.existsSync(out) ? fs.statSync(out).mtimeMs : 0;
if (builtAt < newestSource(path.join(root, "src"))) {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [path.join(root, "src/cli/main.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "inline",
    write: false,
    logLevel: "warning",
  });
  // Write then rename, so a second process starting at the same moment never runs half a file.
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, result.outputFiles[0].contents);
  fs.renameSync(tmp, out);
}
process.setSourceMapsEnabled(true);
await import(pathToFileURL(out).href);
