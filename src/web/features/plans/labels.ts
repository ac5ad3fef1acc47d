import { PLAN_LINK_DEFAULT_DAYS, type Plan, type PlanItem, type PlanLink } from "../../../contract/index.ts";

export const PLAN_STATUS_LABELS: Record<Plan["status"], string> = {
  draft: "Draft",
  active: "Active",
  completed: "Completed",
  archived: "Archived",
};

export const PLAN_STATUS_COLORS: Record<Plan["status"], string> = {
  draft: "gray",
  active: "blue",
  completed: "green",
  archived: "dark",
};

export const ITEM_STATUS_LABELS: Record<PlanItem["status"], string> = {
  not_started: "Not started",
  in_progress: "In progress",
  done: "Done",
  at_risk: "At risk",
};

export const ITEM_STATUS_COLORS: Record<PlanItem["status"], string> = {
  not_started: "gray",
  in_progress: "blue",
  done: "green",
  at_risk: "orange",
};

export const ITEM_KIND_LABELS: Record<PlanItem["kind"], string> = {
  objective: "Objective",
  milestone: "Milestone",
};

export const LINK_STATE_LABELS: Record<PlanLink["state"], string> = {
  active: "Active",
  expired: "Expired",
  revoked: "Revoked",
};

export const LINK_STATE_COLORS: Record<PlanLink["state"], string> = {
  active: "green",
  expired: "gray",
  revoked: "red",
};

/** How long a new share link works; the Select's values are strings, "never" means no expiry. */
export const EXPIRY_CHOICES = [
  { value: "30", label: "30 days" },
  { value: String(PLAN_LINK_DEFAULT_DAYS), label: `${PLAN_LINK_DEFAULT_DAYS} days (the usual)` },
  { value: "180", label: "180 days" },
  { value: "365", label: "A year" },
  { value: "never", label: "Never — until revoked" },
];
