import { utcToday } from "../../common/dates.ts";
import type { QuietAccount } from "../../contract/usage.ts";
import { contactName } from "../contacts/index.ts";

import type { Ctx } from "../context.ts";
import { checkDay } from "./adoption.rules.ts";
import { pageQuiet } from "./quiet.queries.ts";

/**
 * Quiet accounts and quiet key players, longest silence first (never-active accounts before all).
 * `days` replaces the workspace's thresholds for both kinds.
 */
export async function findQuiet(
  ctx: Ctx,
  query: { limit: number; cursor?: string; kind?: "account" | "key_player"; days?: number },
  today: string = utcToday(),
): Promise<{ data: QuietAccount[]; nextCursor: string | null }> {
  const page = await pageQuiet(ctx.db, ctx.workspaceId, checkDay(today), query);
  return {
    nextCursor: page.nextCursor,
    data: page.data.map(({ id: _id, firstName, lastName, email, ...r }) => ({
      ...r,
      contactName: r.contactId ? contactName({ firstName, lastName, email }) : null,
    })),
  };
}
