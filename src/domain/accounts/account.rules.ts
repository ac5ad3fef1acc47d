import type { Account } from "../../contract/accounts.ts";
import type { AccountRow } from "./account.queries.ts";

const iso = (v: Date | string): string => (typeof v === "string" ? v : v.toISOString());

export const toAccount = (r: AccountRow): Account => {
  const { healthScore, healthBand, healthChange7d, healthDay, healthNote, ...rest } = r;
  const mrrMinor = Number(r.mrrMinor);
  return {
    ...rest,
    lifecycleStage: r.lifecycleStage as Account["lifecycleStage"],
    coverage: r.coverage as Account["coverage"],
    health:
      healthDay === null
        ? null
        : {
            score: healthScore,
            band: healthBand as NonNullable<Account["health"]>["band"],
            change7d: healthChange7d,
            day: healthDay,
            notEnoughData: healthNote,
          },
    mrrMinor,
    arrMinor: mrrMinor * 12,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
};

/** A parent must not be the account itself nor one of its descendants. */
export const createsCycle = (accountId: string, parentId: string, parentAncestors: string[]): boolean =>
  parentId === accountId || parentAncestors.includes(accountId);
