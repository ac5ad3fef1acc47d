import { defineConfig } from "vitest/config";

/** End-to-end tests: a real Chromium against a running server (see scripts/e2e.mjs). */
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.e2e.ts"],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    retry: 0,
  },
});
