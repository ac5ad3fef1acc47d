import { createHash } from "node:crypto";
import {
  type DEFAULT_PLAYBOOK_KEYS,
  PLAYBOOK_FOLLOW_DAYS,
  PLAYBOOK_MIN_GROUP,
  type PlaybookGroup,
  type PlaybookOwnerRole,
  type PlaybookStepIn,
} from "../../contract/playbooks.ts";
import type { TaskType } from "../../contract/tasks.ts";

type DefaultPlaybook = {
  key: (typeof DEFAULT_PLAYBOOK_KEYS)[number];
  name: string;
  description: string;
  type: TaskType;
  steps: PlaybookStepIn[];
};

const step = (
  title: string,
  dueInDays: number,
  ownerRole: PlaybookOwnerRole,
  priority: PlaybookStepIn["priority"],
  description: string,
): PlaybookStepIn => ({ title, dueInDays, ownerRole, priority, description });

/** Steward's six starting playbooks; every workspace can change them or restore them. */
export const DEFAULT_PLAYBOOKS: DefaultPlaybook[] = [
  {
    key: "onboarding",
    name: "Onboarding",
    description: "From signature to first value: kickoff, setup, the first outcome confirmed.",
    type: "lifecycle",
    steps: [
      step(
        "Kickoff call",
        3,
        "csm",
        "high",
        "Meet the key players, agree their outcomes and the success plan.",
      ),
      step("Technical setup", 14, "services_lead", "medium", "Integrations, data and users in place."),
      step(
        "First value check",
        30,
        "csm",
        "medium",
        "Has each key player seen the first result they expected?",
      ),
      step(
        "Onboarding review with the sponsor",
        60,
        "executive_sponsor",
        "medium",
        "Close onboarding; agree what adoption looks like.",
      ),
    ],
  },
  {
    key: "risk",
    name: "Risk: health turned poor",
    description: "The account's health fell to poor: find why, act with the team, agree a save plan.",
    type: "risk",
    steps: [
      step(
        "Review what moved the health score",
        1,
        "csm",
        "high",
        "Open the health explanation: which measures fell, since when.",
      ),
      step("Call the champion", 3, "csm", "urgent", "Hear it from them: what changed, what they need."),
      step(
        "Risk review with the account executive",
        7,
        "account_executive",
        "high",
        "Agree who does what; check the renewal and the contract.",
      ),
      step(
        "Executive sponsor outreach",
        14,
        "executive_sponsor",
        "high",
        "Sponsor-to-sponsor call on the outcomes at stake.",
      ),
      step(
        "Save plan agreed with the customer",
        21,
        "csm",
        "high",
        "Written plan with dates; add it to the success plan.",
      ),
    ],
  },
  {
    key: "renewal",
    name: "Renewal at 120 days",
    description: "Four months before the renewal: prove the value delivered and agree the renewal early.",
    type: "lifecycle",
    steps: [
      step(
        "Review value delivered",
        7,
        "csm",
        "medium",
        "Outcomes achieved, usage, experience ratings: what to show.",
      ),
      step(
        "Renewal strategy with the account executive",
        14,
        "account_executive",
        "medium",
        "Terms, risks, expansion to propose.",
      ),
      step(
        "Executive business review",
        30,
        "csm",
        "high",
        "Present the value delivered and the next outcomes.",
      ),
      step("Send the renewal proposal", 60, "account_executive", "high", "Before the notice date."),
      step("Confirm the renewal", 90, "account_executive", "high", "Signed, or the reason it is not."),
    ],
  },
  {
    key: "expansion",
    name: "Expansion signal",
    description: "Usage or a conversation points to more: qualify it and hand it to sales.",
    type: "opportunity",
    steps: [
      step("Qualify the signal", 3, "csm", "medium", "Which team, which need, which budget holder."),
      step(
        "Hand over to the account executive",
        7,
        "account_executive",
        "medium",
        "With the key players and the outcome it serves.",
      ),
      step("Expansion proposal", 21, "account_executive", "medium", "Proposal sent, or why not now."),
    ],
  },
  {
    key: "champion_left",
    name: "Champion left",
    description: "A key player left: find who takes over and keep their outcomes alive.",
    type: "risk",
    steps: [
      step(
        "Find out who takes over",
        2,
        "csm",
        "urgent",
        "Ask the remaining key players; update the stakeholder map.",
      ),
      step(
        "Meet the new key player",
        10,
        "csm",
        "high",
        "Introduce Steward's view of their outcomes; hear theirs.",
      ),
      step("Re-confirm their outcomes", 21, "csm", "high", "Agree the outcomes with the new key player."),
      step(
        "Sponsor check-in",
        30,
        "executive_sponsor",
        "medium",
        "Make sure the relationship holds at the top.",
      ),
    ],
  },
  {
    key: "detractor",
    name: "Detractor follow-up",
    description: "A key player answered as a detractor: call back, fix, close the loop.",
    type: "risk",
    steps: [
      step(
        "Call the detractor back",
        2,
        "csm",
        "urgent",
        "Listen first: what went wrong, what would fix it.",
      ),
      step(
        "Agree the fix with support",
        5,
        "support_lead",
        "high",
        "Tickets, owners and a date for the fix.",
      ),
      step(
        "Close the loop with the customer",
        14,
        "csm",
        "high",
        "Tell them what was done; ask if it is resolved.",
      ),
    ],
  },
];

/**
 * Whether a rule holds this account out of its playbook: a hash of rule and account (the rule is
 * the seed) spread evenly over 0–100, under the share held out. The same account stays on the same
 * side for the same rule, run after run, so nobody can pick who gets treated.
 */
export function heldOut(ruleId: string, accountId: string, percent: number): boolean {
  if (percent <= 0) return false;
  const bucket = createHash("sha256").update(`${ruleId}:${accountId}`).digest().readUInt32BE(0);
  return (bucket / 0x1_0000_0000) * 100 < percent;
}

/** The reason key of a run's step: one task per step of a run. */
export const stepReasonKey = (runId: string, step: number) => `playbook:${runId}:${step}`;

/** The task's reason in words: which step of which playbook, started by what. */
export const stepReasonText = (playbook: string, step: number, steps: number, startedBy: string): string =>
  `Step ${step + 1} of ${steps} of the "${playbook}" playbook, started ${startedBy}`;

/** What one followed account shows over its 90 days. */
export type Followed = {
  heldOut: boolean;
  /** Its 90 days have passed. */
  done: boolean;
  healthChange: number | null;
  churned: boolean;
  contracted: boolean;
};

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

/** One side of the report: counts, average health change, churn and contraction shares. */
export function groupFigures(all: Followed[]): PlaybookGroup {
  const done = all.filter((f) => f.done);
  const measured = done.flatMap((f) => (f.healthChange === null ? [] : [f.healthChange]));
  const churned = done.filter((f) => f.churned).length;
  const contracted = done.filter((f) => f.contracted).length;
  return {
    followed: done.length,
    following: all.length - done.length,
    healthChange: measured.length ? round(measured.reduce((s, x) => s + x, 0) / measured.length, 1) : null,
    healthMeasured: measured.length,
    churned,
    contracted,
    churnRate: done.length ? round(churned / done.length, 4) : null,
    contractionRate: done.length ? round(contracted / done.length, 4) : null,
  };
}

const minus = (a: number | null, b: number | null, places: number) =>
  a === null || b === null ? null : round(a - b, places);

export function compareGroups(treated: PlaybookGroup, held: PlaybookGroup) {
  return {
    healthChange: minus(treated.healthChange, held.healthChange, 1),
    churnRate: minus(treated.churnRate, held.churnRate, 4),
    contractionRate: minus(treated.contractionRate, held.contractionRate, 4),
  };
}

/** Why the figures cannot tell yet, or null when both groups have enough followed accounts. */
export function cautionFor(treated: PlaybookGroup, held: PlaybookGroup): string | null {
  if (treated.followed >= PLAYBOOK_MIN_GROUP && held.followed >= PLAYBOOK_MIN_GROUP) return null;
  return (
    `Too few accounts to tell yet: ${treated.followed} treated and ${held.followed} held out have been ` +
    `followed for ${PLAYBOOK_FOLLOW_DAYS} days, and each group needs at least ${PLAYBOOK_MIN_GROUP}. ` +
    "Read the differences as an early sign, not as the playbook's effect."
  );
}

const pct = (x: number) => `${round(x * 100, 1)}%`;

/** The comparison in one or two sentences a CS leader can read out. */
export function summaryOf(treated: PlaybookGroup, held: PlaybookGroup, hasHoldOut: boolean): string {
  if (!hasHoldOut) {
    return "No rule starts this playbook with a hold-out, so there is nothing to compare it with: give a rule that starts it a hold-out share.";
  }
  if (treated.followed === 0 || held.followed === 0) {
    return `No account has been followed for ${PLAYBOOK_FOLLOW_DAYS} days in both groups yet (${treated.following} treated and ${held.following} held out are being followed).`;
  }
  const parts = [
    `Of ${treated.followed} treated accounts ${pct(treated.churnRate ?? 0)} churned and ${pct(treated.contractionRate ?? 0)} contracted within ${PLAYBOOK_FOLLOW_DAYS} days, against ${pct(held.churnRate ?? 0)} and ${pct(held.contractionRate ?? 0)} of ${held.followed} held out.`,
  ];
  if (treated.healthChange !== null && held.healthChange !== null) {
    parts.push(
      `Health moved ${signed(treated.healthChange)} points for treated accounts and ${signed(held.healthChange)} for held-out ones.`,
    );
  }
  return parts.join(" ");
}

const signed = (x: number) => (x > 0 ? `+${x}` : `${x}`);
