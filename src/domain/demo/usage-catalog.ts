import type { Plan, Tier } from "./catalog.ts";
import type { DecisionRole } from "./people.ts";

/**
 * What the demo product ("Northwind Platform") reports to Steward: tracked events and page views,
 * which of them count as key features, who uses them how much, and the small properties they carry.
 */
export type DemoFeature = {
  /** The rollup feature: a track event's name, or `Page: <name>` for a page view. */
  feature: string;
  type: "track" | "page";
  /** The raw row's `event` column: the track event or the page's name. */
  event: string;
  /** The label usage_features gives it. */
  name: string;
  key: boolean;
  /** Relative share of a typical user's events. */
  weight: number;
  /** The cheapest plan that has it. */
  plan: Plan;
  /** Chance that an account on a plan that has it uses it at all (Enterprise-tier accounts adopt more). */
  adoption: number;
  /** Variants of `properties`; each event carries one. */
  properties: readonly Record<string, string | number>[];
};

const page = (name: string, path: string, weight: number): DemoFeature => ({
  feature: `Page: ${name}`,
  type: "page",
  event: name,
  name: `${name} page`,
  key: false,
  weight,
  plan: "Starter",
  adoption: 1,
  properties: [{ path, title: `${name} · Northwind`, url: `https://app.northwind.example${path}` }],
});

const track = (
  event: string,
  key: boolean,
  weight: number,
  plan: Plan,
  adoption: number,
  variants: readonly Record<string, string | number>[],
): DemoFeature => ({
  feature: event,
  type: "track",
  event,
  name: event,
  key,
  weight,
  plan,
  adoption,
  properties: variants,
});

const each = <K extends string>(key: K, values: readonly (string | number)[]) =>
  values.map((v) => ({ [key]: v }));

export const DEMO_FEATURES: readonly DemoFeature[] = [
  page("Home", "/", 10),
  page("Accounts", "/accounts", 8),
  page("Settings", "/settings", 1.2),
  track("Dashboard Viewed", true, 14, "Starter", 1, each("dashboard", ["Portfolio", "Renewals", "My book"])),
  track("Account Searched", false, 9, "Starter", 1, each("scope", ["accounts", "contacts"])),
  track("Health Score Viewed", false, 6, "Starter", 0.85, each("view", ["account", "portfolio"])),
  track("Task Completed", false, 6, "Starter", 0.8, each("source", ["playbook", "manual"])),
  track("Note Shared", true, 4, "Starter", 0.75, each("channel", ["email", "slack"])),
  track("Report Exported", true, 3.5, "Starter", 0.7, each("format", ["csv", "xlsx", "pdf"])),
  track(
    "Playbook Run",
    true,
    3,
    "Growth",
    0.7,
    each("playbook", ["Onboarding", "Renewal prep", "Risk outreach"]),
  ),
  track("Alert Configured", true, 1.2, "Growth", 0.55, each("metric", ["health", "usage", "renewal"])),
  track("Segment Created", false, 1.2, "Growth", 0.45, each("filters", [1, 2, 3])),
  track(
    "Integration Connected",
    true,
    0.25,
    "Growth",
    0.5,
    each("integration", ["Salesforce", "HubSpot", "Slack"]),
  ),
  track("Survey Sent", false, 1, "Enterprise", 0.6, each("survey", ["NPS", "CSAT"])),
];

const PLAN_RANK: Record<Plan, number> = { Starter: 0, Growth: 1, Enterprise: 2 };

/** Whether an account on `plan` in `tier` uses the feature at all, given a roll in [0, 1). */
export function adopts(f: DemoFeature, plan: Plan, tier: Tier, roll: number): boolean {
  if (PLAN_RANK[plan] < PLAN_RANK[f.plan]) return false;
  const boost = tier === "Enterprise" ? 1.4 : tier === "Mid-Market" ? 1.1 : 0.85;
  return roll < Math.min(1, f.adoption * boost);
}

/** How a decision role leans on features: buyers export reports, champions run the programme. */
export function roleWeight(role: DecisionRole, f: DemoFeature): number {
  switch (role) {
    case "economic_buyer":
      return f.event === "Report Exported"
        ? 4
        : f.event === "Dashboard Viewed" || f.type === "page"
          ? 1.5
          : 0.3;
    case "champion":
      return f.event === "Playbook Run" ||
        f.event === "Alert Configured" ||
        f.event === "Integration Connected"
        ? 2
        : 1;
    case "decision_maker":
      return f.event === "Report Exported" || f.event === "Dashboard Viewed" ? 2 : 0.7;
    default:
      return 1;
  }
}

/**
 * How often someone in the role is active on a working day, how many events an active day has on
 * average, and the share who use the product at all: plain users live in it, buyers look in weekly
 * if ever. Rates stay high enough that a regular user seldom skips three weeks by chance.
 */
export const ROLE_ACTIVITY: Record<DecisionRole, { daily: number; events: number; users: number }> = {
  champion: { daily: 0.78, events: 6, users: 1 },
  user: { daily: 0.62, events: 4.5, users: 1 },
  influencer: { daily: 0.42, events: 3.5, users: 0.9 },
  decision_maker: { daily: 0.36, events: 3, users: 0.85 },
  detractor: { daily: 0.3, events: 2.5, users: 0.8 },
  economic_buyer: { daily: 0.3, events: 2, users: 0.45 },
};

/** Activity by UTC weekday (0 = Sunday): busy Monday to Thursday, lighter Friday, quiet weekends. */
export const WEEKDAY_FACTOR = [0.05, 1, 1, 1, 0.95, 0.8, 0.07] as const;

/** Where the working day (08:00–18:00 local) falls in UTC, roughly, by region. */
export const REGION_UTC_START_HOUR: Record<string, number> = {
  "North America": 13,
  EMEA: 7,
  APAC: 0,
  LATAM: 11,
};
