import { utcToday } from "../../common/dates.ts";
import { AppError } from "../../common/errors.ts";
import type { Db } from "../../db/index.ts";
import type { Ctx } from "../context.ts";
import { getAccountSuccess } from "./get-account-success.ts";
import { allWorkspaceIds, workspaceAccountIds, writeSuccessHistory } from "./outcome.queries.ts";

/**
 * Records today's success index of the given accounts (or of every account of the workspace), so
 * the index has a daily history that health models and backtests read as of any day. Accounts
 * deleted meanwhile are skipped.
 */
export async function recordSuccessHistory(ctx: Ctx, accountIds?: string[]): Promise<{ accounts: number }> {
  const ids = accountIds ?? (await workspaceAccountIds(ctx.db, ctx.workspaceId));
  const rows: { accountId: string; index: number | null; lowest: number | null }[] = [];
  for (const accountId of ids) {
    try {
      const s = await getAccountSuccess(ctx, accountId);
      rows.push({ accountId, index: s.index, lowest: s.lowestDecisionMaker?.index ?? null });
    } catch (e) {
      if (!(e instanceof AppError && e.code === "NOT_FOUND")) throw e;
    }
  }
  await writeSuccessHistory(ctx.db, ctx.workspaceId, utcToday(), rows);
  return { accounts: rows.length };
}

/** The daily pass: today's index for every account of every workspace (time moves open outcomes). */
export async function recordAllSuccessHistory(db: Db): Promise<{ workspaces: number; accounts: number }> {
  let accounts = 0;
  const ids = await allWorkspaceIds(db);
  for (const workspaceId of ids) {
    const done = await recordSuccessHistory({
      db,
      workspaceId,
      actor: { kind: "system", label: "success history" },
    });
    accounts += done.accounts;
  }
  return { workspaces: ids.length, accounts };
}
