import type { Account } from "../../contract/accounts.ts";
import type { AccountRow } from "./account.queries.ts";

const iso = (v: Date | string): string => (typeof v === "string" ? v : v.toISOString());

export const toAccount = (r: AccountRow): Account => {
  const mrrMinor = Number(r.mrrMinor);
  return {
    ...r,
    lifecycleStage: r.lifecycleStage as Account["lifecycleStage"],
    mrrMinor,
    arrMinor: mrrMinor * 12,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
};

/** A parent must not be the account itself nor one of its descendants. */
export const createsCycle = (accountId: string, parentId: string, parentAncestors: string[]): boolean =>
  parentId === accountId || parentAncestors.includes(accountId);
