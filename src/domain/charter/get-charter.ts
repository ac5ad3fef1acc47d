import type { Charter } from "../../contract/charter.ts";
import type { Ctx } from "../context.ts";
import { charterRows } from "./charter.queries.ts";
import { toCharterVersion } from "./charter.rules.ts";

/** The current charter (the latest approved version), the draft, and every approved version. */
export async function getCharter(ctx: Ctx): Promise<Charter> {
  const versions = (await charterRows(ctx.db, ctx.workspaceId)).map(toCharterVersion);
  const history = versions.filter((v) => v.status === "approved");
  return {
    current: history[0] ?? null,
    draft: versions.find((v) => v.status === "draft") ?? null,
    history,
  };
}
