import type { AdvocacyKind, AdvocacyState } from "../../../contract/index.ts";

export const KIND_LABELS: Record<AdvocacyKind, string> = {
  reference: "Reference",
  testimonial: "Testimonial",
  referral: "Referral",
  review: "Review",
  case_study: "Case study",
};

export const STATE_LABELS: Record<AdvocacyState, string> = {
  asked: "Asked",
  agreed: "Agreed",
  delivered: "Delivered",
  declined: "Declined",
};

/** A state's badge colour; the badge also says the state, so colour is never the only signal. */
export const STATE_COLORS: Record<AdvocacyState, string> = {
  asked: "blue",
  agreed: "teal",
  delivered: "green",
  declined: "gray",
};

/** What the state-change action is called for each state an ask can move to. */
export const MOVE_LABELS: Record<AdvocacyState, string> = {
  asked: "Asked",
  agreed: "Mark agreed",
  delivered: "Mark delivered",
  declined: "Mark declined",
};
