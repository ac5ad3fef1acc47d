import { AppError, notFound } from "../../common/errors.ts";
import type { JourneyList, ListItem, ListItemCreate } from "../../contract/touchpoints.ts";
import { withTx } from "../../db/transaction.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import { lockKey } from "../kernel/locks.queries.ts";
import { slugKey } from "./journey.rules.ts";
import { findListItem, insertListItems, nextPosition } from "./list-item.queries.ts";
import { toListItem } from "./list-items.rules.ts";

/** Adds an item at the end of a list; its key (made from the label when not given) is unique in the list. */
export async function createListItem(ctx: Ctx, list: JourneyList, input: ListItemCreate): Promise<ListItem> {
  const key = input.key ?? slugKey(input.label);
  if (!key) {
    throw new AppError(
      "VALIDATION_FAILED",
      "key is required: the label has no letters or digits to make one",
      {
        issues: [
          { path: "key", message: "is required: the label has no letters or digits to make one from" },
        ],
      },
    );
  }
  return withTx(ctx.db, async (db) => {
    await lockKey(db, "workspace_list_items", ctx.workspaceId, list);
    const position = await nextPosition(db, ctx.workspaceId, list);
    const inserted = await insertListItems(db, [
      {
        workspaceId: ctx.workspaceId,
        list,
        key,
        label: input.label,
        description: input.description ?? null,
        position,
      },
    ]);
    if (inserted.length === 0) {
      throw new AppError("CONFLICT", `The list already has an item with the key "${key}"`, {
        issues: [{ path: "key", message: `"${key}" is already in this list` }],
      });
    }
    const row = await findListItem(db, ctx.workspaceId, list, key);
    if (!row) throw notFound("List item");
    await recordAudit(
      { ...ctx, db },
      { action: "journey_list.create", targetType: list, targetId: key, details: { label: input.label } },
    );
    return toListItem(row);
  });
}
