import type { DemoStatus } from "../../contract/setup.ts";
import type { Db } from "../../db/transaction.ts";
import { listWorkspaces } from "../workspaces/index.ts";
import { findWorkspaceIdBySlug } from "./demo.queries.ts";
import type { DemoProgress } from "./demo-progress.ts";
import { DEMO_STAGING_SLUG } from "./load-demo.ts";
import { DEMO_LOGIN } from "./roster.ts";

/** What the status says of a failed load: the reason is in the server's log, not on a public page. */
export const DEMO_FAILED_MESSAGE =
  "The demo workspace could not be loaded; the server's log says why. Restart Steward to try again.";

/** The state of a demo load running in this process, as the setup status reports it. */
export class DemoLoadTracker {
  private current: DemoStatus | null = null;

  get status(): DemoStatus | null {
    return this.current;
  }

  /** The load is decided (before the server listens), so the status never says `none` meanwhile. */
  begin(): void {
    this.current = { state: "loading", step: "starting", done: 0, total: 1 };
  }

  progress(p: DemoProgress): void {
    this.current = { state: "loading", ...p };
  }

  ready(): void {
    this.current = { state: "ready" };
  }

  failed(): void {
    this.current = { state: "failed", message: DEMO_FAILED_MESSAGE };
  }
}

/** The demo's state: this process's load if there is one, else whether the finished demo is there. */
export async function getDemoStatus(db: Db, tracker?: DemoLoadTracker): Promise<DemoStatus> {
  if (tracker?.status) return tracker.status;
  return (await findWorkspaceIdBySlug(db, DEMO_LOGIN.workspace)) ? { state: "ready" } : { state: "none" };
}

/**
 * True when the database holds no workspace but (perhaps) the remains of a demo load that was
 * stopped half-way: a start loads the demo then.
 */
export async function needsDemo(db: Db): Promise<boolean> {
  return (await listWorkspaces(db)).every((w) => w.slug === DEMO_STAGING_SLUG);
}
