import { formatMoney } from "../../../common/money.ts";
import {
  CHURN_REASONS,
  DOWNGRADE_REASONS,
  type ForecastCall,
  type Renewal,
  type RenewalOutcome,
  type RenewalStage,
  type RenewalUpdate,
} from "../../../contract/index.ts";
import { toMajor, toMinor } from "../../lib/format.ts";
import type { FieldLabels } from "../../lib/issues.ts";
import { reasonLabel } from "./renewalsView.ts";

/**
 * The form that works a renewal, without React: its values from a row, the request body, the
 * rules the server applies said in a CSM's words before anything is sent, picking an outcome
 * (which closes the renewal), and the reason codes offered.
 */

/** The reason select's entry that opens a free "other code" field. */
export const OTHER_REASON = "__other";

export type RenewalValues = {
  stage: RenewalStage;
  csmCall: ForecastCall | null;
  /** The renewal's own notice date, or "" to follow the workspace's notice period. */
  noticeDate: string;
  note: string;
  outcome: RenewalOutcome | null;
  /** A code, OTHER_REASON, or null. */
  reason: string | null;
  otherReason: string;
  /** ARR after the renewal in major units, as typed. */
  arrAfter: number | "";
};

export const valuesOf = (r: Renewal): RenewalValues => ({
  stage: r.stage,
  csmCall: r.csmCall,
  noticeDate: r.noticeDateSet ? r.noticeDate : "",
  note: r.note ?? "",
  outcome: r.outcome,
  reason: r.reasonCode,
  otherReason: "",
  arrAfter: r.arrAfterMinor === null ? "" : toMajor(r.arrAfterMinor, r.currency),
});

/** The body's paths as the form names them (the server's issues name the body's paths). */
export const RENEWAL_LABELS: FieldLabels = {
  dueDate: "Renewal date",
  stage: "Stage",
  csmCall: "Your call",
  noticeDate: "Notice date",
  note: "Note",
  outcome: "Outcome",
  reasonCode: "Reason",
  arrAfterMinor: "ARR after",
};

/** "Too expensive" → "too_expensive": what people type, as the short code the API keeps. */
export const toReasonCode = (text: string): string =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_")
    .replace(/[^a-z0-9_]/g, "");

const reasonOf = (v: RenewalValues): string | null =>
  v.reason === OTHER_REASON ? toReasonCode(v.otherReason) || null : v.reason;

/** Whether the outcome keeps an ARR after it (a churned customer pays nothing). */
export const hasArrAfter = (outcome: RenewalOutcome | null): boolean =>
  outcome !== null && outcome !== "churned";

/**
 * The request body: every field, so what the form shows is what is kept. The renewal is named by
 * its date; a withdrawn outcome takes its reason and ARR after with it.
 */
export function toBody(v: RenewalValues, r: Renewal): RenewalUpdate {
  return {
    dueDate: r.dueDate,
    stage: v.stage,
    csmCall: v.csmCall,
    noticeDate: v.noticeDate || null,
    note: v.note.trim() || null,
    outcome: v.outcome,
    reasonCode: v.outcome ? reasonOf(v) : null,
    arrAfterMinor: hasArrAfter(v.outcome) && v.arrAfter !== "" ? toMinor(v.arrAfter, r.currency) : null,
  };
}

const CUSTOMER_DID: Record<RenewalOutcome, string> = {
  renewed: "renewed",
  expanded: "expanded",
  downgraded: "downgraded",
  churned: "churned",
};

/**
 * The server's rules for a renewal's record, checked before sending and worded for the person
 * filling the form, each at the field to change (keyed by the body's path, like the server's).
 */
export function checkRenewal(v: RenewalValues, r: Renewal): Record<string, string> {
  const errors: Record<string, string> = {};
  const arr = formatMoney(r.arrMinor, r.currency);
  if (v.outcome && v.stage !== "closed")
    errors.stage = "Stage must be Closed once the renewal has an outcome";
  if (!v.outcome && v.stage === "closed")
    errors.outcome = "Pick the outcome to close the renewal: renewed, expanded, downgraded or churned";
  if (v.outcome && v.reason === OTHER_REASON && !toReasonCode(v.otherReason))
    errors.reasonCode = "Type the other reason, e.g. moved in house";
  else if ((v.outcome === "churned" || v.outcome === "downgraded") && !reasonOf(v))
    errors.reasonCode = `Reason is required when the customer ${CUSTOMER_DID[v.outcome]}: pick why, or type another reason`;
  if (hasArrAfter(v.outcome) && v.arrAfter !== "") {
    const after = toMinor(v.arrAfter, r.currency);
    if (v.outcome === "expanded" && after <= r.arrMinor)
      errors.arrAfterMinor = `ARR after must be more than ${arr}, the ARR up for renewal, when the customer expanded`;
    if (v.outcome === "downgraded" && after >= r.arrMinor)
      errors.arrAfterMinor = `ARR after must be less than ${arr}, the ARR up for renewal, when the customer downgraded`;
  }
  return errors;
}

/**
 * Picks (or clears) the outcome. An outcome closes the renewal, so the usual path needs no second
 * step; clearing it reopens the renewal at the stage it had before closing (`openStage`). A churned
 * customer has no ARR after.
 */
export function pickOutcome(
  v: RenewalValues,
  outcome: RenewalOutcome | null,
  openStage: RenewalStage,
): RenewalValues {
  if (outcome) return { ...v, outcome, stage: "closed", arrAfter: hasArrAfter(outcome) ? v.arrAfter : "" };
  return {
    ...v,
    outcome: null,
    stage: v.stage === "closed" ? openStage : v.stage,
    reason: null,
    arrAfter: "",
  };
}

/** The stage a renewal reopens at when its outcome is cleared: its own when open, else negotiating. */
export const openStageOf = (r: Renewal): RenewalStage => (r.stage === "closed" ? "negotiating" : r.stage);

type Option = { value: string; label: string };
export type ReasonGroups = { group: string; items: Option[] }[];

/**
 * The reasons offered for an outcome: the usual ones for a churn or a downgrade, then the codes the
 * workspace already uses (an import's own, say) that are not among them, then "Other reason…".
 */
export function reasonOptions(outcome: RenewalOutcome | null, used: (string | null)[]): ReasonGroups {
  const usual: readonly string[] =
    outcome === "churned" ? CHURN_REASONS : outcome === "downgraded" ? DOWNGRADE_REASONS : [];
  const seen = new Set(usual);
  const extra = [...new Set(used.filter((c): c is string => Boolean(c) && c !== OTHER_REASON))]
    .filter((c) => !seen.has(c))
    .sort();
  const option = (code: string): Option => ({ value: code, label: reasonLabel(code) });
  return [
    ...(usual.length
      ? [
          {
            group: `Usual reasons to have ${outcome === "churned" ? "churned" : "downgraded"}`,
            items: usual.map(option),
          },
        ]
      : []),
    ...(extra.length ? [{ group: "Used in this workspace", items: extra.map(option) }] : []),
    { group: "Something else", items: [{ value: OTHER_REASON, label: "Other reason…" }] },
  ];
}
