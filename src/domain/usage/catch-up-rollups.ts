import type { Db } from "../../db/index.ts";
import { withTx } from "../../db/transaction.ts";
import { flushRollups } from "./roll-up.ts";
import { clearDirty, dirtyAccounts, rebuildRollups } from "./rollup.queries.ts";

/**
 * Adds what the roller has not taken yet (a process stopped before its run), then rebuilds the rollups of every (account, day) marked dirty, one account per transaction, until
 * none is left. Rebuilding is idempotent, so a run cut short is simply done again. Answers the
 * number of accounts rebuilt.
 */
export async function catchUpRollups(db: Db): Promise<number> {
  await flushRollups(db);
  let done = 0;
  for (;;) {
    const batch = await dirtyAccounts(db, 50);
    if (batch.length === 0) return done;
    for (const a of batch) {
      await withTx(db, async (tx) => {
        await rebuildRollups(tx, a.workspace_id, a.account_id, a.days);
        await clearDirty(tx, a.workspace_id, a.account_id, a.days);
      });
      done += 1;
    }
  }
}
