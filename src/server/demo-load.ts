import { refreshPlannerStats } from "../db/index.ts";
import { type DemoLoadTracker, type LoadDemoResult, loadDemo } from "../domain/demo/index.ts";
import type { RunningServer } from "./main.ts";

/**
 * Loads the demo while the server answers: in short transactions, each step reported to the setup
 * status. A load stopped half-way (the server stopped, a crash) is loaded afresh at the next start.
 * Resolves with the result, or null when it failed (logged, and the status says so).
 */
export async function loadDemoInBackground(
  server: RunningServer,
  tracker: DemoLoadTracker,
  options: { now?: Date } = {},
): Promise<LoadDemoResult | null> {
  try {
    const result = await loadDemo(server.database.db, { ...options, onProgress: (p) => tracker.progress(p) });
    // Fresh planner statistics for the tables the demo filled, as every start takes them.
    await refreshPlannerStats(server.database);
    tracker.ready();
    return result;
  } catch (err) {
    tracker.failed();
    server.app.log.error({ err }, "loading the demo workspace failed");
    return null;
  }
}
