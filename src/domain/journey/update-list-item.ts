import { notFound } from "../../common/errors.ts";
import type { JourneyList, ListItem, ListItemUpdate } from "../../contract/touchpoints.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import { findListItem, updateListItemRow } from "./list-item.queries.ts";
import { toListItem } from "./list-items.rules.ts";

/** Renames, describes, archives or restores an item; its key never changes, so records keep it. */
export async function updateListItem(
  ctx: Ctx,
  list: JourneyList,
  key: string,
  patch: ListItemUpdate,
): Promise<ListItem> {
  const before = await findListItem(ctx.db, ctx.workspaceId, list, key);
  if (!before) throw notFound("List item");
  const archivedAt =
    patch.archived === undefined
      ? {}
      : { archivedAt: patch.archived ? (before.archivedAt ?? new Date()) : null };
  const { archived: _, ...text } = patch;
  if (Object.keys(text).length > 0 || patch.archived !== undefined) {
    await updateListItemRow(ctx.db, ctx.workspaceId, list, key, { ...text, ...archivedAt });
    // Lists shape every touchpoint's meaning: who renamed or archived a step is kept.
    await recordAudit(ctx, {
      action: "journey_list.update",
      targetType: list,
      targetId: key,
      details: { before: { label: before.label, archived: before.archivedAt !== null }, change: patch },
    });
  }
  const row = await findListItem(ctx.db, ctx.workspaceId, list, key);
  if (!row) throw notFound("List item");
  return toListItem(row);
}
