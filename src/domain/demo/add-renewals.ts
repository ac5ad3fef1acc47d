import { addDays, daysBetween } from "../../common/dates.ts";
import { newId } from "../../common/ids.ts";
import type { ForecastCall, Renewal, RenewalStage } from "../../contract/renewals.ts";
import type { Ctx } from "../context.ts";
import { createRng, type Rng } from "../kernel/random.ts";
import {
  decisionTitle,
  getRenewalOutcomes,
  getRenewals,
  listExpansions,
  refreshCalibration,
} from "../renewals/index.ts";
import { insertDemoLoyalty } from "./demo.queries.ts";

/**
 * Northwind's renewal desk: the reasons its CSMs recorded for every customer lost or downgraded
 * over the two years, the conversations under way for the renewals of the next two quarters
 * (stages, calls that sometimes differ from the model's, a customer who already gave notice), and
 * its expansion pipeline — open opportunities on the customers the expansion model rates likely
 * to grow, the expansions won (the upgrades in the subscription history) and a few lost. Then the
 * renewal calibration is fitted on that history.
 */

const CHURN_REASONS = [
  ["budget", 22],
  ["competitor", 18],
  ["no_adoption", 16],
  ["champion_left", 14],
  ["features", 12],
  ["pricing", 10],
  ["support", 5],
  ["acquired", 3],
] as const;
const DOWNGRADE_REASONS = [
  ["fewer_users", 40],
  ["budget", 35],
  ["pricing", 15],
  ["features", 10],
] as const;

const WHY: Record<string, string[]> = {
  budget: ["Budget cut across the department for next year", "Finance froze all new tool spend"],
  competitor: [
    "Moved to a competitor bundled with their CRM",
    "Chose a cheaper point solution after a bake-off",
  ],
  no_adoption: [
    "Never got past the pilot team; usage stayed with two people",
    "Rollout stalled after onboarding",
  ],
  champion_left: ["Our champion left and the new VP brought her own stack", "Sponsor moved to another role"],
  features: ["Needed a native Salesforce integration we do not have", "Missing multi-entity reporting"],
  pricing: ["Seat price too high for their volume", "Asked for a discount we could not give"],
  support: ["Unhappy with response times during their busy season"],
  acquired: ["Acquired; the parent standardised on its own platform"],
  fewer_users: ["Team shrank after a reorganisation", "Cut seats to the active users"],
};

const AT_RISK_NOTES = [
  "New VP is reviewing every tool before renewal",
  "Usage dropped since the spring; exec sponsor hard to reach",
  "Asked for a price comparison with a competitor",
  "Champion on leave; procurement wants a 20% discount",
];
const LIKELY_NOTES = [
  "Renewal call booked; wants to add the analytics module next year",
  "Happy with the product, negotiating a multi-year term",
  "Procurement needs the security questionnaire again",
];

const note = (rng: Rng, reason: string) => rng.pick(WHY[reason] ?? ["No reason given"]);
/** Mid-afternoon UTC of a day, when the demo's people record things. */
const at = (day: string) => new Date(`${day}T15:00:00Z`);

function stageFor(rng: Rng, daysLeft: number): RenewalStage {
  if (daysLeft > 120) return rng.chance(0.8) ? "not_started" : "outreach";
  if (daysLeft > 60)
    return rng.weighted([
      ["outreach", 60],
      ["negotiating", 25],
      ["not_started", 15],
    ] as const);
  if (daysLeft > 30)
    return rng.weighted([
      ["negotiating", 55],
      ["verbal_commit", 25],
      ["outreach", 20],
    ] as const);
  return rng.weighted([
    ["verbal_commit", 50],
    ["negotiating", 50],
  ] as const);
}

function callFor(rng: Rng, r: Renewal, stage: RenewalStage): ForecastCall | null {
  if (stage === "not_started" && rng.chance(0.6)) return null;
  if (r.healthBand === "good") return rng.chance(0.8) ? "commit" : "likely";
  if (r.healthBand === "poor") return rng.chance(0.75) ? "at_risk" : "likely";
  return rng.weighted([
    ["likely", 60],
    ["at_risk", 25],
    ["commit", 15],
  ] as const);
}

/** Answers how many timeline lines it wrote (the demo counts them). */
export async function addDemoRenewals(ctx: Ctx, today: string): Promise<{ timelineEntries: number }> {
  const rng = createRng("demo/renewals");
  const workspaceId = ctx.workspaceId;
  const renewals: Parameters<typeof insertDemoLoyalty>[1]["renewals"] = [];
  const expansions: Parameters<typeof insertDemoLoyalty>[1]["expansions"] = [];
  const timeline: Parameters<typeof insertDemoLoyalty>[1]["timeline"] = [];
  const decided = (accountId: string, day: string, title: string, body: string) =>
    timeline.push({ workspaceId, accountId, id: newId(), kind: "renewal", title, body, occurredAt: at(day) });

  // Why each customer lost or downgraded over the two years left.
  const past = await getRenewalOutcomes(ctx, { from: addDays(today, -800), to: today });
  for (const o of past.data) {
    if (o.source !== "history" || !o.subscriptionId) continue;
    if (o.outcome === "expanded") {
      expansions.push({
        workspaceId,
        id: newId(),
        accountId: o.accountId,
        title: rng.pick(["Upgrade to the next plan", "Seat expansion for a new team", "Analytics add-on"]),
        arrMinor: Math.max(100, (o.arrAfterMinor ?? 0) - (o.arrMinor ?? 0)),
        currency: o.currency ?? "USD",
        stage: "won",
        expectedClose: o.dueDate,
        closedAt: at(o.dueDate),
        createdAt: at(addDays(o.dueDate, -rng.int(30, 90))),
      });
      continue;
    }
    if (o.outcome !== "churned" && o.outcome !== "downgraded") continue;
    const reason = rng.weighted(o.outcome === "churned" ? CHURN_REASONS : DOWNGRADE_REASONS);
    const why = note(rng, reason);
    renewals.push({
      workspaceId,
      id: newId(),
      accountId: o.accountId,
      subscriptionId: o.subscriptionId,
      dueDate: o.dueDate,
      stage: "closed",
      outcome: o.outcome,
      reasonCode: reason,
      arrAfterMinor: o.outcome === "downgraded" ? o.arrAfterMinor : null,
      note: why,
      decidedAt: at(o.dueDate),
      createdAt: at(addDays(o.dueDate, -rng.int(20, 80))),
    });
    decided(o.accountId, o.dueDate, decisionTitle(o.dueDate, o.outcome, reason), why);
  }

  // The conversations under way for the next two quarters.
  const pipeline = await getRenewals(ctx, { days: 183 });
  let gaveNotice = 0;
  for (const r of pipeline.data) {
    const daysLeft = daysBetween(today, r.dueDate);
    let stage = stageFor(rng, daysLeft);
    const csmCall = callFor(rng, r, stage);
    let outcome: "renewed" | "churned" | null = null;
    let reasonCode: string | null = null;
    let text: string | null =
      csmCall === "at_risk"
        ? rng.pick(AT_RISK_NOTES)
        : csmCall && rng.chance(0.3)
          ? rng.pick(LIKELY_NOTES)
          : null;
    if (r.healthBand === "poor" && daysLeft <= 75 && gaveNotice < 2) {
      gaveNotice += 1;
      stage = "closed";
      outcome = "churned";
      reasonCode = gaveNotice === 1 ? "budget" : "competitor";
      text = `Gave notice on ${addDays(today, -rng.int(3, 20))}: ${note(rng, reasonCode).toLowerCase()}`;
    } else if (daysLeft <= 30 && r.healthBand === "good" && rng.chance(0.25)) {
      stage = "closed";
      outcome = "renewed";
      text = "Signed the renewal early";
    }
    if (stage === "not_started" && !csmCall && !text) continue;
    renewals.push({
      workspaceId,
      id: newId(),
      accountId: r.accountId,
      subscriptionId: r.subscriptionId,
      dueDate: r.dueDate,
      stage,
      csmCall: outcome ? null : csmCall,
      noticeDate: rng.chance(0.1) ? addDays(r.dueDate, -90) : null,
      outcome,
      reasonCode,
      note: text,
      decidedAt: outcome ? at(addDays(today, -rng.int(1, 10))) : null,
      updatedBy: r.owner?.id ?? null,
      createdAt: at(addDays(today, -rng.int(5, 40))),
    });
    if (outcome) decided(r.accountId, today, decisionTitle(r.dueDate, outcome, reasonCode), text ?? "");
  }

  // Open opportunities where the expansion model sees room to grow, and a few lost ones.
  const { suggestions } = await listExpansions(ctx);
  suggestions.slice(0, 14).forEach((s, i) => {
    const lost = i >= 10;
    const arr = Math.round((s.mrrMinor * 12 * rng.step(15, 40, 5)) / 100);
    const created = addDays(today, -rng.int(lost ? 120 : 5, lost ? 300 : 60));
    expansions.push({
      workspaceId,
      id: newId(),
      accountId: s.accountId,
      title: rng.pick([
        "Add the analytics module",
        "Roll out to the EMEA team",
        "Upgrade to Enterprise for SSO",
        "Premium support for the busy season",
        "Seats for the new customer operations team",
      ]),
      arrMinor: Math.max(100, arr),
      currency: s.currency,
      stage: lost ? "lost" : "open",
      expectedClose: lost ? addDays(created, 60) : addDays(today, rng.int(20, 150)),
      ownerId: s.owner?.id ?? null,
      note: lost
        ? rng.pick(["Budget went to a platform consolidation", "Chose to wait until next fiscal year"])
        : null,
      closedAt: lost ? at(addDays(created, rng.int(30, 90))) : null,
      createdAt: at(created),
    });
  });

  await insertDemoLoyalty(ctx.db, { renewals, expansions, timeline });
  await refreshCalibration(ctx.db, workspaceId);
  return { timelineEntries: timeline.length };
}
