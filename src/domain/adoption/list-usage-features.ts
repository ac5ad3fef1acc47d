import { utcToday } from "../../common/dates.ts";
import type { UsageFeature } from "../../contract/usage.ts";
import type { Ctx } from "../context.ts";
import { checkDay } from "./adoption.rules.ts";
import { listFeatures } from "./settings.queries.ts";

/** Every event name used in the last 90 days and every defined feature, most used first. */
export async function listUsageFeatures(
  ctx: Ctx,
  today: string = utcToday(),
): Promise<{ data: UsageFeature[] }> {
  return { data: await listFeatures(ctx.db, ctx.workspaceId, checkDay(today)) };
}
