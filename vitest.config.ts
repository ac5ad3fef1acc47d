import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "tests/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // PGlite is single-threaded WASM per test file; two workers match the two cores here.
    maxWorkers: 2,
    // One migrated embedded database per run, which each test file's database starts from.
    globalSetup: ["tests/helpers/global-setup.ts"],
  },
});
