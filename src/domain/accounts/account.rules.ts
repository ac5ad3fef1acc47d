import type { Account } from "../../contract/accounts.ts";
import type { AccountRow } from "./account.queries.ts";

export const toAccount = (r: AccountRow): Account => ({
  ...r,
  lifecycleStage: r.lifecycleStage as Account["lifecycleStage"],
  arrMinor: r.mrrMinor * 12,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** A parent must not be the account itself nor one of its descendants. */
export const createsCycle = (accountId: string, parentId: string, parentAncestors: string[]): boolean =>
  parentId === accountId || parentAncestors.includes(accountId);
