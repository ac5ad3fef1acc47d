import { notFound } from "../../common/errors.ts";
import type { JourneyList } from "../../contract/touchpoints.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import { deleteListItemRow, findListItem, updateListItemRow } from "./list-item.queries.ts";

const audit = (ctx: Ctx, list: string, key: string, label: string, result: string) =>
  recordAudit(ctx, {
    action: "journey_list.delete",
    targetType: list,
    targetId: key,
    details: { label, result },
  });

/** Deletes an unused item; one that touchpoints (or survey answers) use is archived so they keep it. */
export async function deleteListItem(
  ctx: Ctx,
  list: JourneyList,
  key: string,
): Promise<{ result: "deleted" | "archived" }> {
  const item = await findListItem(ctx.db, ctx.workspaceId, list, key);
  if (!item) throw notFound("List item");
  if (item.uses > 0) {
    if (!item.archivedAt)
      await updateListItemRow(ctx.db, ctx.workspaceId, list, key, { archivedAt: new Date() });
    await audit(ctx, list, key, item.label, "archived");
    return { result: "archived" };
  }
  await deleteListItemRow(ctx.db, ctx.workspaceId, list, key);
  await audit(ctx, list, key, item.label, "deleted");
  return { result: "deleted" };
}
