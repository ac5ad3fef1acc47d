import type { TeamMember } from "../../contract/account-team.ts";
import type { LIFECYCLE_STAGES } from "../../contract/accounts.ts";
import type { CustomFieldDef } from "../../contract/workspace.ts";
import type { CustomFields } from "../../db/schema/index.ts";
import type { Rng } from "../kernel/random.ts";
import type { AccountSpec } from "./plan-accounts.ts";
import type { TeamKeys } from "./plan-notes.ts";
import { CAST } from "./roster.ts";

export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** The account custom fields the demo workspace defines. */
export const DEMO_CUSTOM_FIELDS: readonly CustomFieldDef[] = [
  {
    entity: "account",
    key: "segment",
    label: "Segment",
    type: "select",
    options: ["Strategic", "Growth", "Scale", "Digital"],
  },
  {
    entity: "account",
    key: "employees",
    label: "Employees",
    type: "number",
    options: null,
    min: 0,
    integer: true,
  },
  { entity: "account", key: "reference_ok", label: "Reference customer", type: "boolean", options: null },
];

/**
 * A stage consistent with the account's history: churned ones churned, the young ones onboarding,
 * those renewing within 60 days in renewal, the rest further along the journey the longer they stayed.
 */
export function lifecycleFor(rng: Rng, spec: AccountSpec, renewalOffset: number | null): LifecycleStage {
  const age = -spec.startOffset;
  if (spec.story === "churned") return "churned";
  if (spec.story === "trial" || age < 90) return "onboarding";
  if (renewalOffset !== null && renewalOffset <= 60) return "renewal";
  if (spec.story === "contracted") return rng.pick(["adoption", "value"] as const);
  if (age < 240) return "adoption";
  if (age < 420) return "value";
  return rng.weighted([
    ["transformation", 30],
    ["roi", 35],
    ["advocacy", 35],
  ] as const);
}

/**
 * The account's latest NPS answer (0–10), which its survey answers end on: churned customers left
 * as detractors, advocates promote, contracted ones are lukewarm, the rest spread as in a typical
 * B2B book. Trials were never surveyed (null).
 */
export function lastNpsFor(rng: Rng, spec: AccountSpec, stage: LifecycleStage): number | null {
  if (spec.story === "trial") return null;
  if (spec.story === "churned") return rng.int(0, 6);
  if (stage === "advocacy") return rng.int(9, 10);
  if (spec.story === "contracted") return rng.int(3, 8);
  return rng.weighted([
    [10, 18],
    [9, 22],
    [8, 22],
    [7, 14],
    [6, 9],
    [5, 6],
    [4, 4],
    [3, 3],
    [2, 2],
  ] as const);
}

/** Segment and size, and whether the account is a reference: advocates, and some long-time promoters. */
export function customFieldsFor(
  rng: Rng,
  spec: AccountSpec,
  stage: LifecycleStage,
  lastNps: number | null,
): CustomFields {
  const segment =
    spec.tier === "Enterprise"
      ? "Strategic"
      : spec.tier === "Mid-Market"
        ? "Growth"
        : spec.ownerKey
          ? "Scale"
          : "Digital";
  const referenceOk =
    stage === "advocacy" ||
    (spec.story !== "churned" && -spec.startOffset > 240 && (lastNps ?? 0) >= 9 && rng.chance(0.3));
  return { segment, employees: spec.employees, reference_ok: referenceOk };
}

export type TeamPlan = { keys: TeamKeys; members: [string, TeamMember["teamRole"]][] };

/** CSM and account executive on most accounts, a sponsor on every enterprise, specialists where needed. */
export function planTeam(rng: Rng, spec: AccountSpec, referenceOk: boolean): TeamPlan {
  const enterprise = spec.tier === "Enterprise";
  const midMarket = spec.tier === "Mid-Market";
  const aeKey = enterprise
    ? CAST.enterpriseAe
    : midMarket && rng.chance(0.4)
      ? CAST.enterpriseAe
      : "jordan.ellis";
  const keys: TeamKeys = {
    csm: spec.ownerKey,
    ae: rng.chance(0.9) ? aeKey : null,
    sponsor: enterprise ? (rng.chance(0.7) ? CAST.executive : CAST.csLeader) : null,
    support: enterprise || (midMarket && rng.chance(0.3)) ? CAST.support : null,
    services:
      enterprise || spec.story === "new" || spec.story === "trial" || (midMarket && rng.chance(0.25))
        ? CAST.services
        : null,
  };
  const members: TeamPlan["members"] = [];
  if (keys.csm) members.push([keys.csm, "csm"]);
  if (keys.ae) members.push([keys.ae, "account_executive"]);
  if (keys.sponsor) members.push([keys.sponsor, "executive_sponsor"]);
  if (keys.support) members.push([keys.support, "support_lead"]);
  if (keys.services) members.push([keys.services, "services_lead"]);
  if (referenceOk) members.push([CAST.marketing, "marketing"]);
  return { keys, members };
}
