import { notFound } from "../../common/errors.ts";
import type { AccountChurn, AccountPrediction, ChurnKind } from "../../contract/churn.ts";
import type { Ctx } from "../context.ts";
import { type AccountPredictionRow, selectAccountPredictions } from "./churn.queries.ts";

/**
 * The account's latest churn and expansion probabilities with their drivers; a kind is null when
 * no model scored the account (none trained yet, or not a current customer). NOT_FOUND for an
 * account the workspace does not have.
 */
export async function getAccountChurn(ctx: Ctx, accountId: string): Promise<AccountChurn> {
  const rows = await selectAccountPredictions(ctx.db, ctx.workspaceId, accountId);
  if (!rows) throw notFound("Account");
  const of = (kind: ChurnKind): AccountPrediction | null => {
    const r = rows.find((x: AccountPredictionRow) => x.kind === kind);
    return r
      ? { probability: r.probability, drivers: r.drivers, computedAt: r.computedAt, modelId: r.modelId }
      : null;
  };
  return { accountId, churn: of("churn"), expansion: of("expansion") };
}
