import type { Account } from "../../../contract/index.ts";

/** The settings whose source an account records: a value written counts as set by the writer. */
const GOVERNED = ["tier", "coverage", "ownerId"] as const;

/**
 * An edit's body without the tier, coverage and owner it leaves as they were: sending them
 * unchanged would mark them as set by hand, and tiering and rules would then leave them alone
 * because someone fixed a typo in the industry.
 */
export const withoutUnchangedSettings = <B extends Partial<Record<(typeof GOVERNED)[number], unknown>>>(
  body: B,
  account: Account | undefined,
): B => {
  if (!account) return body;
  const out = { ...body };
  for (const k of GOVERNED) if (k in out && out[k] === account[k]) delete out[k];
  return out;
};
