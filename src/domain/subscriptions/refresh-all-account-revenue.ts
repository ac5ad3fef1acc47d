import { type Db, withTx } from "../../db/transaction.ts";
import { listWorkspaces } from "../workspaces/index.ts";
import { refreshAccountRevenue } from "./subscription.queries.ts";

/**
 * Recomputes every account's MRR and next renewal in every workspace, one set-based transaction
 * per workspace. Revenue depends on the date (subscriptions start, end and renew without any
 * write), so run it at start and every few hours. Answers how many workspaces were refreshed.
 */
export async function refreshAllAccountRevenue(db: Db): Promise<{ workspaces: number }> {
  const workspaces = await listWorkspaces(db);
  for (const ws of workspaces) {
    await withTx(db, (tx) => refreshAccountRevenue(tx, ws.id));
  }
  return { workspaces: workspaces.length };
}
