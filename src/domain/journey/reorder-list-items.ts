import { AppError } from "../../common/errors.ts";
import type { JourneyList, ListItem } from "../../contract/touchpoints.ts";
import { withTx } from "../../db/transaction.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import { lockKey } from "../kernel/locks.queries.ts";
import { orderProblem } from "./journey.rules.ts";
import { selectListItems, writePositions } from "./list-item.queries.ts";
import { toListItem } from "./list-items.rules.ts";

/** Puts a list in a new order: `keys` names every item once, archived ones included. */
export async function reorderListItems(
  ctx: Ctx,
  list: JourneyList,
  keys: string[],
): Promise<{ data: ListItem[] }> {
  return withTx(ctx.db, async (db) => {
    await lockKey(db, "workspace_list_items", ctx.workspaceId, list);
    const stored = await selectListItems(db, ctx.workspaceId, list);
    const problem = orderProblem(
      keys,
      stored.map((s) => s.key),
    );
    if (problem) {
      throw new AppError("VALIDATION_FAILED", `keys ${problem}`, {
        issues: [{ path: "keys", message: problem }],
      });
    }
    await writePositions(db, ctx.workspaceId, list, keys);
    await recordAudit(
      { ...ctx, db },
      { action: "journey_list.reorder", targetType: list, details: { keys } },
    );
    return { data: (await selectListItems(db, ctx.workspaceId, list)).map(toListItem) };
  });
}
