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
    // A page refreshes after a write in a few hundred milliseconds; on a busy two-core machine it
    // can take longer than vitest's one-second default, which is about the machine, not the app.
    expect: { poll: { timeout: 10_000 } },
  },
});
