import type { Rng } from "../kernel/random.ts";
import type { AccountSpec } from "./plan-accounts.ts";
import type { ContactPlan } from "./plan-contacts.ts";
import type { OutcomePlan } from "./plan-outcomes.ts";

/** A success plan before ids and dates; offsets are days relative to today. */
export type SuccessPlanPlan = {
  title: string;
  summary: string;
  status: "active" | "completed";
  /** The account's contact who owns the plan on the customer's side. */
  customerOwnerIndex: number | null;
  startOffset: number;
  dueOffset: number;
  objectives: {
    title: string;
    description: string;
    internalNotes: string | null;
    shared: boolean;
    status: ItemStatus;
    dueOffset: number;
    customerOwnerIndex: number | null;
    /** Indexes into the account's planned outcomes. */
    outcomes: number[];
    milestones: { title: string; status: ItemStatus; dueOffset: number; shared: boolean }[];
  }[];
};
type ItemStatus = "not_started" | "in_progress" | "done" | "at_risk";

/** The steps toward an outcome a CSM writes down with the customer, by what the outcome is about. */
const STEPS: [RegExp, string[]][] = [
  [
    /close/i,
    [
      "Connect the finance data sources",
      "Automate the reconciliation reports",
      "Run a month-end close on the new process",
    ],
  ],
  [
    /hours/i,
    [
      "Map the team's manual runbooks",
      "Automate the three most frequent tasks",
      "Measure hours saved for a month",
    ],
  ],
  [
    /incident/i,
    [
      "Route alerts to the on-call rotations",
      "Write runbooks for the top ten incidents",
      "Review a quarter of incidents against the baseline",
    ],
  ],
  [
    /onboarding/i,
    [
      "Golden-path environment templates",
      "New-hire checklist in the portal",
      "Time the next five new engineers",
    ],
  ],
  [
    /release/i,
    [
      "Pipeline templates adopted by two teams",
      "Release checks automated",
      "Measure on-time delivery for a quarter",
    ],
  ],
  [
    /monitoring/i,
    [
      "Inventory the monitoring tools in use",
      "Move dashboards and alerts over",
      "Switch off the retired tools",
    ],
  ],
];
const GENERIC_STEPS = [
  "Agree the measure and its baseline",
  "Roll out to the first team",
  "Review results with the sponsor",
];

/** Which accounts get a plan: the high-touch book (enterprise, most mid-market) that is still a customer. */
const wantsPlan = (rng: Rng, spec: AccountSpec) =>
  spec.story !== "churned" &&
  spec.story !== "trial" &&
  (spec.tier === "Enterprise" || (spec.tier === "Mid-Market" && rng.chance(0.55)));

const statusFor = (o: OutcomePlan, step: number, steps: number): ItemStatus => {
  if (o.status === "achieved") return "done";
  if (o.status === "missed") return step === steps - 1 ? "at_risk" : "done";
  if (o.status === "planned") return "not_started";
  const done = o.status === "at_risk" ? Math.floor(steps / 3) : Math.ceil(steps / 2) - 1;
  return step < done
    ? "done"
    : step === done
      ? o.status === "at_risk"
        ? "at_risk"
        : "in_progress"
      : "not_started";
};

/**
 * A success plan built from the account's key players' outcomes: one objective per business
 * outcome (with the personal wins of the same person), milestones toward it whose state follows the
 * outcome's, and now and then an internal objective the customer does not see.
 */
export function planSuccessPlan(
  rng: Rng,
  spec: AccountSpec,
  contacts: ContactPlan[],
  outcomes: OutcomePlan[],
): SuccessPlanPlan | null {
  if (!wantsPlan(rng, spec)) return null;
  const business = outcomes.map((o, i) => ({ o, i })).filter(({ o }) => o.kind === "business_outcome");
  if (business.length === 0) return null;
  const champion = contacts.findIndex((c) => c.decisionRole === "champion" && !c.leftCompany);
  const buyer = contacts.findIndex((c) => c.decisionRole === "economic_buyer" && !c.leftCompany);
  const startOffset = Math.min(...business.map(({ o }) => o.createdOffset));
  const dueOffset = Math.max(...business.map(({ o }) => o.dueOffset));
  const year = spec.story === "new" ? "Onboarding" : spec.story === "expanded" ? "Expansion" : "Success plan";
  const objectives: SuccessPlanPlan["objectives"] = business.slice(0, 4).map(({ o, i }) => {
    const steps = (STEPS.find(([re]) => re.test(o.title))?.[1] ?? GENERIC_STEPS).slice(0, rng.int(2, 3));
    const span = o.dueOffset - o.createdOffset;
    const wins = outcomes
      .map((w, j) => ({ w, j }))
      .filter(({ w }) => w.kind === "personal_win" && w.contactIndex === o.contactIndex)
      .map(({ j }) => j);
    const milestones = steps.map((title, s) => ({
      title,
      status: statusFor(o, s, steps.length),
      dueOffset: o.createdOffset + Math.round((span * (s + 1)) / (steps.length + 1)),
      shared: true,
    }));
    const status: ItemStatus =
      o.status === "achieved"
        ? "done"
        : o.status === "at_risk" || o.status === "missed"
          ? "at_risk"
          : milestones.some((m) => m.status !== "not_started")
            ? "in_progress"
            : "not_started";
    return {
      title: o.title,
      description: `${o.measure ? `${o.measure}: ` : ""}what ${contacts[o.contactIndex]?.firstName ?? "the sponsor"} signed up for.`,
      internalNotes: o.status === "at_risk" ? "Sponsor is losing patience; escalate blockers weekly." : null,
      shared: true,
      status,
      dueOffset: o.dueOffset,
      customerOwnerIndex: o.contactIndex,
      outcomes: [i, ...wins],
      milestones,
    };
  });
  if (rng.chance(0.4)) {
    objectives.push({
      title: "Land a second team",
      description: "",
      internalNotes: "Expansion play: not shared until the sponsor brings it up.",
      shared: false,
      status: "not_started",
      dueOffset: dueOffset,
      customerOwnerIndex: null,
      outcomes: [],
      milestones: [
        { title: "Find a sponsor in the platform team", status: "not_started", dueOffset, shared: false },
      ],
    });
  }
  const allDone = objectives.filter((o) => o.shared).every((o) => o.status === "done");
  return {
    title: `${spec.name} ${year.toLowerCase() === "success plan" ? "success plan" : `${year.toLowerCase()} plan`}`,
    summary: `What ${spec.name} and we set out to achieve together, reviewed at every QBR.`,
    status: allDone && dueOffset < 0 ? "completed" : "active",
    customerOwnerIndex: champion >= 0 ? champion : buyer >= 0 ? buyer : null,
    startOffset,
    dueOffset,
    objectives,
  };
}
