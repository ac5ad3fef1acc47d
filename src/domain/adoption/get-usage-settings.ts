import type { UsageSettings } from "../../contract/usage.ts";
import type { Ctx } from "../context.ts";
import { findUsageSettings } from "./settings.queries.ts";

/** The workspace's quiet thresholds; the defaults until someone changes them. */
export const getUsageSettings = (ctx: Ctx): Promise<UsageSettings> =>
  findUsageSettings(ctx.db, ctx.workspaceId);
