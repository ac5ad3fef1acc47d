import { utcToday } from "../../common/dates.ts";
import type { Db } from "../../db/index.ts";
import type { Ctx } from "../context.ts";
import { computeSuccessFigures } from "./compute-success.ts";
import {
  allWorkspaceIds,
  existingAccountIds,
  workspaceAccountIds,
  writeSuccessHistory,
} from "./outcome.queries.ts";

/**
 * Records today's success index of the given accounts (or of every account of the workspace), so
 * the index has a daily history that health models and backtests read as of any day. Set-based:
 * three reads and one write whatever the number of accounts.
 */
export async function recordSuccessHistory(ctx: Ctx, accountIds?: string[]): Promise<{ accounts: number }> {
  const ids = accountIds ?? (await workspaceAccountIds(ctx.db, ctx.workspaceId));
  const existing = accountIds ? new Set(await existingAccountIds(ctx.db, ctx.workspaceId, accountIds)) : null;
  const kept = existing ? ids.filter((id) => existing.has(id)) : ids;
  const all = await computeSuccessFigures(ctx, accountIds ? kept : null);
  const rows = kept.map((accountId) => {
    const s = all.get(accountId);
    return { accountId, index: s?.index ?? null, lowest: s?.lowestDecisionMaker?.index ?? null };
  });
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
