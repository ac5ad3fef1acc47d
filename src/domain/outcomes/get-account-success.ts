import type { AccountSuccess } from "../../contract/outcomes.ts";
import { getAccount } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import { computeSuccess } from "./compute-success.ts";
import { withEvidence } from "./find-outcomes.ts";

/** The account's success index, its lowest decision maker, and each key player's index and outcomes (with evidence). */
export async function getAccountSuccess(ctx: Ctx, accountId: string): Promise<AccountSuccess> {
  await getAccount(ctx, accountId);
  const all = await computeSuccess(ctx, [accountId], (rows) => withEvidence(ctx, rows));
  return all.get(accountId) as AccountSuccess;
}
