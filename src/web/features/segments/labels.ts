import { CONDITION_OP_WORDS, type ConditionOp, type SegmentEntity } from "../../../contract/index.ts";
import { formatDateTime } from "../../lib/format.ts";

/**
 * How the segment screens word operators: the contract's words, which the server's messages use
 * too, so a refused condition and the row it points at say the same thing.
 */
export const OP_LABELS: Record<ConditionOp, string> = CONDITION_OP_WORDS;

/** "accounts" / "contacts", counted: 1 account, 12 contacts. */
export const recordsWord = (entity: SegmentEntity, n = 2): string => `${entity}${n === 1 ? "" : "s"}`;

export const ENTITY_LABELS: Record<SegmentEntity, string> = { account: "Accounts", contact: "Contacts" };

/**
 * A field's unit after a number: "%" and single words ("points", "days") as they are, a sentence
 * ("in the account's currency") too, and a range ("0–100") in brackets as a hint.
 */
export const unitText = (unit: string | null): string | null => {
  if (!unit) return null;
  if (unit === "%" || /^[a-z]+$/.test(unit) || unit.startsWith("in ")) return unit;
  return `(${unit})`;
};

/** The unit written after a value in a sentence: "30%", "5 points"; ranges and sentences left out. */
export const unitSuffix = (unit: string | null): string => {
  if (unit === "%") return "%";
  return unit && /^[a-z]+$/.test(unit) ? ` ${unit}` : "";
};

/** How long ago a refresh was: "just now", "12 minutes ago", "3 hours ago", else its date and time. */
export const sinceText = (ts: string, now = Date.now()): string => {
  const minutes = Math.floor((now - Date.parse(ts)) / 60_000);
  if (Number.isNaN(minutes)) return ts;
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} hour${hours === 1 ? "" : "s"} ago`;
  return formatDateTime(ts);
};
