export { createRng, hashSeed, mulberry32, type Rng } from "../kernel/random.ts";
export { ADD_ONS, PLANS, PLATFORM, TIERS, type Tier } from "./catalog.ts";
export type { DemoCounts } from "./demo.queries.ts";
export { DEMO_STEPS, type DemoProgress } from "./demo-progress.ts";
export { DEMO_FAILED_MESSAGE, DemoLoadTracker, getDemoStatus, needsDemo } from "./demo-status.ts";
export {
  type AccountInsert,
  accountInput,
  accountRow,
  type ContactInsert,
  type CustomFieldDefInsert,
  contactInput,
  contactRow,
  customFieldDefRow,
  type SubscriptionInsert,
  subscriptionInput,
  subscriptionRow,
  type TeamMemberInsert,
  type TimelineInsert,
  teamMemberRow,
  timelineRow,
} from "./factories.ts";
export { DEMO_SEED, type DemoRows, generateDemo } from "./generate.ts";
export {
  DEMO_STAGING_SLUG,
  hasUnfinishedDemo,
  type LoadDemoOptions,
  type LoadDemoResult,
  loadDemo,
} from "./load-demo.ts";
export { DEMO_CUSTOM_FIELDS } from "./plan-profile.ts";
export { DEMO_LOGIN, DEMO_MEMBERS, DEMO_WORKSPACE_NAME, type DemoMember } from "./roster.ts";
