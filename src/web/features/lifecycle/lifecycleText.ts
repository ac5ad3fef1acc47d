import { formatNumber } from "../../lib/format.ts";

/** "1 account", "12 accounts". */
export const accountsWord = (n: number): string => `${formatNumber(n)} account${n === 1 ? "" : "s"}`;

export const STAGES_HELP =
  "The stages an account goes through, in journey order. Built-in stages can be renamed or hidden, never removed; stages of your own can be removed once no account is in them.";

export const AUTOMATIC_HELP =
  "Accounts meeting the entry criteria move into this stage on their own each night — forward only, never out of Churned.";

export const FIRST_VALUE_HELP =
  "Time to first value runs from the contract's start to the first outcome a key player achieves — or, when you name one, a usage milestone reached first.";
