/**
 * The domain's tiers, lowest first. A module imports only modules of its own tier or lower, never
 * in a circle; workflows decide a change's consequences. Read by .dependency-cruiser.cjs and by
 * tests/architecture/domain-tiers.test.ts, which fails when a folder of src/domain is in no tier.
 */
module.exports = [
  { tier: "kernel", modules: ["kernel"] },
  {
    tier: "directory",
    modules: [
      "events",
      "audit",
      "passwords",
      "workspaces",
      "members",
      "auth",
      "timeline",
      "custom-fields",
      "mail",
    ],
  },
  {
    tier: "entities",
    modules: [
      "accounts",
      "contacts",
      "subscriptions",
      "account-team",
      "api-keys",
      "usage",
      "search",
      "jobs",
      "outcomes",
      "experience",
      "journey",
      "plans",
      "capture",
      "tasks",
      "charter",
    ],
  },
  {
    tier: "analytics",
    modules: [
      "adoption",
      "health",
      "churn",
      "stakeholders",
      "segments",
      "playbooks",
      "coverage",
      "lifecycle",
      "revenue",
      "renewals",
      "advocacy",
    ],
  },
  { tier: "workflows", modules: ["workflows", "imports", "rules", "demo"] },
];
