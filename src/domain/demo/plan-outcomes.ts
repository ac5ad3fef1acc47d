import type { Rng } from "../kernel/random.ts";
import type { AccountSpec, Story } from "./plan-accounts.ts";
import type { ContactPlan } from "./plan-contacts.ts";

/** What a key player wants, before ids and dates; offsets are days relative to today. */
export type OutcomePlan = {
  contactIndex: number;
  kind: "business_outcome" | "personal_win";
  title: string;
  measure: string | null;
  unit: string | null;
  baseline: number | null;
  target: number | null;
  current: number | null;
  status: "planned" | "in_progress" | "achieved" | "at_risk" | "missed";
  createdOffset: number;
  dueOffset: number;
  /** When it became achieved or missed (null while open). */
  settledOffset: number | null;
  evidence: string | null;
};

type Measured = { title: string; measure: string; unit: string; from: number; to: number; evidence: string };

/** Outcomes a cloud operations platform's buyers sign up for, with believable numbers. */
const BUSINESS: Measured[] = [
  {
    title: "Reduce month-end close time",
    measure: "Month-end close time",
    unit: "days",
    from: 10,
    to: 4,
    evidence: "Finance confirmed the close took",
  },
  {
    title: "Save team hours every week",
    measure: "Hours saved per week",
    unit: "hours",
    from: 0,
    to: 40,
    evidence: "Time tracking shows",
  },
  {
    title: "Cut time to resolve incidents",
    measure: "Mean time to resolve",
    unit: "hours",
    from: 30,
    to: 8,
    evidence: "The ops dashboard reports",
  },
  {
    title: "Shorten onboarding of new engineers",
    measure: "Time to first deploy",
    unit: "days",
    from: 45,
    to: 15,
    evidence: "HR's onboarding survey measured",
  },
  {
    title: "Raise on-time delivery of releases",
    measure: "Releases on time",
    unit: "%",
    from: 60,
    to: 90,
    evidence: "The release report shows",
  },
  {
    title: "Consolidate monitoring tools",
    measure: "Monitoring tools in use",
    unit: "tools",
    from: 7,
    to: 2,
    evidence: "IT's inventory now lists",
  },
];

const WINS: { title: string; evidence: string }[] = [
  { title: "Get promoted or recognized", evidence: "Announced in the company newsletter" },
  {
    title: "Lead a successful rollout",
    evidence: "Rollout finished on schedule, team thanked at the all-hands",
  },
  { title: "Be seen as an innovator", evidence: "Asked to present the new way of working to leadership" },
  { title: "Present results to the board", evidence: "Presented the savings at the quarterly board meeting" },
];

/** How outcomes stand at accounts with each story: good stories achieve, troubled ones slip. */
const STATUS_WEIGHTS: Record<Story, [OutcomePlan["status"], number][]> = {
  steady: [
    ["achieved", 4],
    ["in_progress", 5],
    ["at_risk", 1],
    ["planned", 1],
  ],
  expanded: [
    ["achieved", 6],
    ["in_progress", 4],
    ["planned", 1],
  ],
  new: [
    ["planned", 5],
    ["in_progress", 4],
  ],
  trial: [
    ["planned", 3],
    ["in_progress", 3],
  ],
  contracted: [
    ["at_risk", 4],
    ["missed", 3],
    ["in_progress", 2],
    ["achieved", 1],
  ],
  churned: [
    ["missed", 5],
    ["at_risk", 3],
    ["achieved", 1],
  ],
};

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Where the current value stands after `share` of the way from the baseline to the target. */
const along = (m: Measured, share: number) => round1(m.from + (m.to - m.from) * share);

/**
 * Outcomes and personal wins for the account's key players: the economic buyer and decision
 * maker want business outcomes, champions and influencers a business outcome and often a personal
 * win. Their state follows the account's story, and an open outcome's progress is ahead of or
 * behind the time elapsed, so the success index separates healthy accounts from troubled ones.
 */
export function planOutcomes(rng: Rng, spec: AccountSpec, contacts: ContactPlan[]): OutcomePlan[] {
  const plans: OutcomePlan[] = [];
  const business = rng.shuffle([...BUSINESS]);
  const wins = rng.shuffle([...WINS]);
  contacts.forEach((c, contactIndex) => {
    const wantsOutcome = ["economic_buyer", "decision_maker", "champion", "influencer"].includes(
      c.decisionRole,
    );
    if (!wantsOutcome) return;
    const kinds: OutcomePlan["kind"][] = ["business_outcome"];
    if (c.decisionRole === "economic_buyer" && rng.chance(0.4)) kinds.push("business_outcome");
    if ((c.decisionRole === "champion" || c.decisionRole === "influencer") && rng.chance(0.7))
      kinds.push("personal_win");
    if (c.decisionRole === "economic_buyer" && rng.chance(0.3)) kinds.push("personal_win");
    // Recorded after the person was met and while they were still there, at least 3 days ago.
    const earliest = c.createdOffset + 1;
    const latest = Math.min(-3, c.leftOffset === null ? -3 : c.leftOffset - 1);
    if (latest < earliest) return;
    for (const kind of kinds) {
      const status = rng.weighted(STATUS_WEIGHTS[spec.story]);
      const createdOffset = Math.min(latest, earliest + rng.int(2, 39));
      const span = rng.int(90, 300);
      // Settled ones are due in the past; open ones ahead.
      const dueOffset =
        status === "achieved" || status === "missed"
          ? Math.min(-1, createdOffset + span)
          : Math.max(createdOffset + 30, rng.int(10, 200));
      const elapsed = Math.min(1, Math.max(0, -createdOffset / Math.max(1, dueOffset - createdOffset)));
      const share =
        status === "achieved"
          ? 1
          : status === "missed"
            ? rng.int(20, 70) / 100
            : status === "at_risk"
              ? Math.max(0, (elapsed * rng.int(10, 45)) / 100)
              : status === "planned"
                ? 0
                : Math.min(0.95, (elapsed * rng.int(85, 140)) / 100);
      // Achieved up to a month before it was due, never before it was recorded; missed when due.
      const settledOffset =
        status === "achieved"
          ? rng.int(Math.max(createdOffset + 1, dueOffset - 30), dueOffset)
          : status === "missed"
            ? dueOffset
            : null;
      if (kind === "personal_win") {
        const w = wins.pop() ?? WINS[0];
        if (!w) continue;
        plans.push({
          contactIndex,
          kind,
          title: w.title,
          measure: null,
          unit: null,
          baseline: null,
          target: null,
          current: null,
          status,
          createdOffset,
          dueOffset,
          settledOffset,
          evidence: status === "achieved" ? w.evidence : null,
        });
        continue;
      }
      const m = business.pop() ?? BUSINESS[0];
      if (!m) continue;
      const current = status === "planned" ? null : along(m, share);
      plans.push({
        contactIndex,
        kind,
        title: m.title,
        measure: m.measure,
        unit: m.unit,
        baseline: m.from,
        target: m.to,
        current,
        status,
        createdOffset,
        dueOffset,
        settledOffset,
        evidence: status === "achieved" ? `${m.evidence} ${m.to} ${m.unit}` : null,
      });
    }
  });
  return plans;
}
