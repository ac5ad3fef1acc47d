import type { SettingSource } from "../../../contract/index.ts";

/** Who set an account's tier, coverage or owner, in words shown beside the value. */
export const SOURCE_WORDS: Record<"tier" | "coverage" | "owner", Record<SettingSource, string>> = {
  tier: { hand: "Set by hand", rule: "Set by a rule" },
  coverage: { hand: "Set by hand", rule: "Set by a rule" },
  owner: { hand: "Assigned by hand", rule: "Assigned by a rule" },
};

/** Why the source matters, for a tooltip beside it. */
export const SOURCE_HINTS: Record<SettingSource, string> = {
  hand: "A person set this (in the app, the API or an import). Tiering and rules leave it as it is.",
  rule: "Tiering or a rule set this. They may change it again as the account changes.",
};

export const CAPACITY_HELP =
  "How many accounts of each coverage model a full-time CSM carries. A CSM's load adds up each account's share of a full book.";

export const TIERING_HELP =
  "An account takes the first rule it fits; accounts no rule fits are left as they are. A tier or coverage set by hand stays, and the preview says so.";
