import type { PlaybookOwnerRole, PlaybookRun } from "../../../contract/index.ts";
import { TEAM_ROLE_LABELS } from "../../lib/labels.ts";

/** Whom a step goes to: the account's owner, or a role of the account team by its usual name. */
export const OWNER_ROLE_LABELS = { account_owner: "Account owner", ...TEAM_ROLE_LABELS } as Record<
  PlaybookOwnerRole,
  string
>;

export const RUN_STATUS_LABELS: Record<PlaybookRun["status"], string> = {
  active: "Running",
  completed: "Completed",
  cancelled: "Stopped",
  held_out: "Held out",
};

export const RUN_STATUS_COLORS: Record<PlaybookRun["status"], string> = {
  active: "blue",
  completed: "green",
  cancelled: "gray",
  held_out: "grape",
};
