import type { ModelDefinitionIn } from "../../contract/health.ts";

/**
 * The two models every workspace starts with. High touch: accounts served one-to-one or
 * one-to-few, where relationship signals (champion, key players, the CSM's sentiment) weigh as
 * much as adoption. Digital: everyone else, scored on product use alone. Thresholds follow
 * common practice (utilization under 20% is poor, past 80% healthy; two weeks of silence is
 * poor); a workspace tunes them and checks the result with a backtest.
 */
export const DEFAULT_MODELS: {
  name: string;
  description: string;
  priority: number;
  definition: ModelDefinitionIn;
}[] = [
  {
    name: "High touch",
    description: "Accounts with a named CSM: adoption, engagement, relationship and revenue.",
    priority: 10,
    definition: {
      appliesTo: { coverage: ["one_to_one", "one_to_few"] },
      bands: { averageFrom: 40, goodFrom: 70 },
      groups: [
        {
          key: "adoption",
          name: "Adoption",
          weight: 35,
          measures: [
            {
              key: "utilization",
              name: "Licence utilization",
              source: "usage.utilization",
              rule: { kind: "range", from: 0.2, to: 0.8 },
              weight: 40,
              missing: "skip",
            },
            {
              key: "active_users_trend",
              name: "Active users trend",
              source: "usage.active_users_trend",
              rule: { kind: "range", from: -0.5, to: 0.1 },
              weight: 30,
              missing: "skip",
            },
            {
              key: "breadth",
              name: "Feature breadth",
              source: "usage.breadth",
              rule: { kind: "thresholds", good: 0.6, poor: 0.3 },
              weight: 30,
              missing: "skip",
            },
          ],
        },
        {
          key: "engagement",
          name: "Engagement",
          weight: 25,
          measures: [
            {
              key: "days_since_last_activity",
              name: "Days since last activity",
              source: "usage.days_since_last_activity",
              rule: { kind: "thresholds", good: 3, poor: 14 },
              weight: 50,
              missing: "poor",
            },
            {
              key: "key_players_active",
              name: "Key players active",
              source: "key_players.active_share",
              rule: { kind: "range", from: 0.2, to: 0.8 },
              weight: 50,
              missing: "skip",
            },
          ],
        },
        {
          key: "relationship",
          name: "Relationship",
          weight: 25,
          measures: [
            {
              key: "champion",
              name: "Champion present",
              source: "key_players.champion_present",
              rule: { kind: "thresholds", good: 1, poor: 0 },
              weight: 40,
              missing: "poor",
            },
            {
              key: "sentiment",
              name: "CSM sentiment",
              source: "sentiment.rating",
              rule: { kind: "range", from: 1, to: 5 },
              weight: 60,
              missing: "skip",
            },
          ],
        },
        {
          key: "revenue",
          name: "Revenue",
          weight: 15,
          measures: [
            {
              key: "mrr_trend",
              name: "MRR trend (90 days)",
              source: "subscription.mrr_trend",
              rule: { kind: "thresholds", good: 0, poor: -0.1 },
              weight: 100,
              missing: "skip",
            },
          ],
        },
      ],
    },
  },
  {
    name: "Digital",
    description: "Accounts served one-to-many: scored on product use.",
    priority: 100,
    definition: {
      appliesTo: {},
      bands: { averageFrom: 40, goodFrom: 70 },
      groups: [
        {
          key: "adoption",
          name: "Adoption",
          weight: 60,
          measures: [
            {
              key: "utilization",
              name: "Licence utilization",
              source: "usage.utilization",
              rule: { kind: "range", from: 0.1, to: 0.7 },
              weight: 40,
              missing: "skip",
            },
            {
              key: "active_users_trend",
              name: "Active users trend",
              source: "usage.active_users_trend",
              rule: { kind: "range", from: -0.5, to: 0.1 },
              weight: 30,
              missing: "skip",
            },
            {
              key: "breadth",
              name: "Feature breadth",
              source: "usage.breadth",
              rule: { kind: "thresholds", good: 0.5, poor: 0.2 },
              weight: 30,
              missing: "skip",
            },
          ],
        },
        {
          key: "engagement",
          name: "Engagement",
          weight: 40,
          measures: [
            {
              key: "days_since_last_activity",
              name: "Days since last activity",
              source: "usage.days_since_last_activity",
              rule: { kind: "thresholds", good: 7, poor: 21 },
              weight: 60,
              missing: "poor",
            },
            {
              key: "weekly_active_users",
              name: "Weekly active users",
              source: "usage.wau",
              rule: { kind: "thresholds", good: 3, poor: 0 },
              weight: 40,
              missing: "skip",
            },
          ],
        },
      ],
    },
  },
];
