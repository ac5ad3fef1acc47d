import type { Ctx } from "../context.ts";
import { DEFAULT_LIST_ITEMS } from "./journey.rules.ts";
import { insertListItems } from "./list-item.queries.ts";

/** A new workspace's lists (provisioning): the same items migration 0016 gave existing workspaces. */
export async function addDefaultListItems(ctx: Ctx): Promise<void> {
  await insertListItems(
    ctx.db,
    DEFAULT_LIST_ITEMS.map((i) => ({ ...i, workspaceId: ctx.workspaceId })),
  );
}
