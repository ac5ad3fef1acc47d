import { AppError } from "../../common/errors.ts";
import type { PlaybookRunDetail } from "../../contract/playbooks.ts";
import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { closeBySteward } from "../tasks/index.ts";
import { recordTimeline } from "../timeline/index.ts";
import { getPlaybookRun } from "./find-runs.ts";
import { endRun, openRunTaskIds, settleRunsOf } from "./playbook.queries.ts";

/** Stops a running playbook: its open steps close as not needed, and the run says it was cancelled. */
export async function cancelPlaybookRun(ctx: Ctx, runId: string): Promise<PlaybookRunDetail> {
  const run = await getPlaybookRun(ctx, runId);
  if (run.status !== "active") {
    const was = run.status === "held_out" ? "held out (it has no tasks)" : run.status;
    throw new AppError("CONFLICT", `This playbook run is ${was}: only a running playbook can be stopped`);
  }
  await withTx(ctx.db, async (db) => {
    const tx: Ctx = { ...ctx, db };
    await endRun(db, ctx.workspaceId, runId, "cancelled");
    await closeBySteward(
      tx,
      await openRunTaskIds(db, ctx.workspaceId, runId),
      "not_needed",
      `The ${run.playbook.name} playbook was stopped`,
    );
    await recordTimeline(tx, [
      { accountId: run.account.id, kind: "playbook", title: `Playbook stopped: ${run.playbook.name}` },
    ]);
    await recordEvents(tx, [
      {
        type: "playbook.ended",
        data: { accountId: run.account.id, playbookId: run.playbook.id, runId, status: "cancelled" },
      },
    ]);
  });
  return getPlaybookRun(ctx, runId);
}

/**
 * A consequence of tasks closing or reopening (an event consumer calls it): a run whose every step
 * is closed completes, and one with a step reopened runs again.
 */
export async function settlePlaybookRuns(ctx: Ctx, taskIds: string[]): Promise<void> {
  if (taskIds.length === 0) return;
  await withTx(ctx.db, async (db) => {
    const tx: Ctx = { ...ctx, db };
    const completed = await settleRunsOf(db, ctx.workspaceId, taskIds);
    await recordEvents(
      tx,
      completed.map((r) => ({
        type: "playbook.ended" as const,
        data: { accountId: r.accountId, playbookId: r.playbookId, runId: r.id, status: "completed" as const },
      })),
    );
  });
}
