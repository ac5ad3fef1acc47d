import type { FormErrors } from "@mantine/form";
import type { ExpansionCreate, ExpansionOpportunity } from "../../../contract/index.ts";
import { toMajor, toMinor } from "../../lib/format.ts";
import type { FieldLabels } from "../../lib/issues.ts";

/**
 * An expansion opportunity as its form holds it: the ARR in major units of its currency (what a
 * CSM types: 12,000 for $12,000), no date or owner as "" / null. The body carries minor units.
 */
export type ExpansionValues = {
  accountId: string | null;
  title: string;
  arr: number | string;
  currency: string;
  expectedClose: string;
  ownerId: string | null;
  note: string;
};

export const EXPANSION_LABELS: FieldLabels = {
  accountId: "Account",
  title: "Title",
  arrMinor: "ARR it would add",
  arr: "ARR it would add",
  currency: "Currency",
  expectedClose: "Expected close",
  ownerId: "Owner",
  note: "Note",
};

export const newExpansion = (
  account?: { id: string; currency: string; ownerId: string | null } | null,
  arrMinor?: number,
): ExpansionValues => ({
  accountId: account?.id ?? null,
  title: "",
  arr: arrMinor ? toMajor(arrMinor, account?.currency) : "",
  currency: account?.currency ?? "USD",
  expectedClose: "",
  ownerId: account?.ownerId ?? null,
  note: "",
});

export const valuesOf = (o: ExpansionOpportunity): ExpansionValues => ({
  accountId: o.accountId,
  title: o.title,
  arr: toMajor(o.arrMinor, o.currency),
  currency: o.currency,
  expectedClose: o.expectedClose ?? "",
  ownerId: o.owner?.id ?? null,
  note: o.note ?? "",
});

const blank = (v: number | string) => typeof v === "string" && v.trim() === "";

/** The body a new opportunity is created with (an edit sends the same fields but the account). */
export const bodyOf = (v: ExpansionValues): ExpansionCreate => ({
  accountId: v.accountId ?? "",
  title: v.title.trim(),
  // An empty amount never reaches the server (amountErrors names it); a typed one is exact to the cent.
  arrMinor: blank(v.arr) ? 0 : toMinor(Number(v.arr), v.currency),
  currency: v.currency,
  expectedClose: v.expectedClose === "" ? null : v.expectedClose,
  ownerId: v.ownerId,
  note: v.note.trim() === "" ? null : v.note.trim(),
});

/** What the contract cannot say in a CSM's words: an empty amount or account. */
export function amountErrors(v: ExpansionValues): FormErrors {
  const out: FormErrors = {};
  if (blank(v.arr)) out.arr = "ARR it would add is required";
  else if (!(Number(v.arr) > 0)) out.arr = "ARR it would add must be more than 0";
  if (!v.accountId) out.accountId = "Pick the account";
  return out;
}
