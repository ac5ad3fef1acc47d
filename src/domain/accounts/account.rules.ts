import type { Account, AccountUpdate, SettingSource } from "../../contract/accounts.ts";
import { definedFields } from "../kernel/bulk.rules.ts";
import type { AccountRecord, AccountRow } from "./account.queries.ts";

export type { AccountRecord };

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

/**
 * A parent must not be the account itself nor one of its descendants: whether the account `id`
 * would be among its own ancestors once the parents in `parentOf` are set:
 * walks up from its parent (the chain is cut after 10,000 steps, far beyond any real hierarchy).
 */
export function parentLoops(id: string, parentOf: Map<string, string | null>): boolean {
  let at = parentOf.get(id) ?? null;
  for (let steps = 0; at !== null && steps < 10_000; steps++) {
    if (at === id) return true;
    at = parentOf.get(at) ?? null;
  }
  return false;
}

/** A setting written now is the writer's; one cleared has no source; one not given keeps its own. */
const sourceOf = (
  value: string | null | undefined,
  stored: SettingSource | null,
  writer: SettingSource,
): SettingSource | null => (value === undefined ? stored : value === null ? null : writer);

type Sources = Pick<AccountRecord, "tierSource" | "coverageSource" | "ownerSource">;
const NO_SOURCES: Sources = { tierSource: null, coverageSource: null, ownerSource: null };

/** Who set the tier, coverage and owner once `input` is written by `writer` over what was `stored`. */
export const settingSources = (
  input: {
    tier?: string | null | undefined;
    coverage?: string | null | undefined;
    ownerId?: string | null | undefined;
  },
  stored: Sources = NO_SOURCES,
  writer: SettingSource = "hand",
): Sources => ({
  tierSource: sourceOf(input.tier, stored.tierSource, writer),
  coverageSource: sourceOf(input.coverage, stored.coverageSource, writer),
  ownerSource: sourceOf(input.ownerId, stored.ownerSource, writer),
});

/** What an upsert sets: the fields given; absent ones keep their stored value (new rows: defaults). */
export type AccountPatch = Omit<AccountUpdate, "externalId">;

/**
 * The account a write leaves: the input over the stored row (custom fields merged), or over the
 * defaults for a new one (lifecycle stage onboarding), and what is wrong with it.
 */
export function mergeAccount(
  key: { id: string; externalId: string | null },
  input: AccountPatch,
  stored: AccountRecord | null,
  source: SettingSource = "hand",
): { record: AccountRecord; issues: { path: string; code: string; message: string }[] } {
  const given = definedFields(input);
  const base: AccountRecord = stored ?? {
    id: key.id,
    name: "",
    externalId: key.externalId,
    parentId: null,
    domain: null,
    industry: null,
    region: null,
    country: null,
    tier: null,
    lifecycleStage: "onboarding",
    coverage: null,
    ownerId: null,
    ...NO_SOURCES,
    customFields: {},
  };
  const record: AccountRecord = {
    ...base,
    ...given,
    customFields: { ...base.customFields, ...given.customFields },
    ...settingSources(given, base, source),
  };
  const issues = record.name ? [] : [{ path: "name", code: "required", message: "is required" }];
  return { record, issues };
}
