import { utcToday } from "../../common/dates.ts";

import { ZModelDefinition } from "../../contract/health.ts";

import type { Ctx } from "../context.ts";
import { accountNamesAndMrr, sentimentStaleDays } from "./health.queries.ts";

import { measureValues } from "./measure-values.queries.ts";

import { applies, scoreAccount } from "./score.rules.ts";

/**
 * Scores accounts today with a definition that need not be saved, storing nothing: the editor's
 * preview. Without account ids it takes the largest customers (by ARR) the definition applies to.
 */
export async function previewHealthModel(
  ctx: Ctx,
  input: { definition: unknown; accountIds?: string[]; limit?: number },
) {
  const definition = ZModelDefinition.parse(input.definition);
  const limit = input.limit ?? 10;
  const staleDays = await sentimentStaleDays(ctx.db, ctx.workspaceId);
  const rows = await measureValues(ctx.db, ctx.workspaceId, [utcToday()], {
    staleDays,
    accountIds: input.accountIds,
  });
  const names = await accountNamesAndMrr(
    ctx.db,
    ctx.workspaceId,
    rows.map((r) => r.accountId),
  );
  const byId = new Map(names.map((n) => [n.id, n]));
  const chosen = rows
    .filter((r) => input.accountIds || applies(definition.appliesTo, r))
    .sort((a, b) => (byId.get(b.accountId)?.mrr ?? 0) - (byId.get(a.accountId)?.mrr ?? 0))
    .slice(0, input.accountIds ? rows.length : limit);
  return {
    accounts: chosen.map((r) => {
      const s = scoreAccount(definition, r.values);
      return { accountId: r.accountId, accountName: byId.get(r.accountId)?.name ?? "", ...s };
    }),
  };
}
