import type { JourneyLists } from "../../contract/touchpoints.ts";
import type { Ctx } from "../context.ts";
import { selectListItems } from "./list-item.queries.ts";
import { groupLists } from "./list-items.rules.ts";

/** The workspace's decision steps, development steps and experience dimensions, archived ones flagged. */
export async function listJourneyLists(ctx: Ctx): Promise<JourneyLists> {
  return groupLists(await selectListItems(ctx.db, ctx.workspaceId));
}
