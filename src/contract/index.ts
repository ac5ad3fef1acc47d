import { accountTeamRoutes } from "./account-team.ts";
import { accountRoutes } from "./accounts.ts";
import { advocacyRoutes } from "./advocacy.ts";
import { authRoutes } from "./auth.ts";
import { captureRoutes } from "./capture.ts";
import { charterRoutes } from "./charter.ts";
import { churnRoutes } from "./churn.ts";
import { contactRoutes } from "./contacts.ts";
import { coverageRoutes } from "./coverage.ts";
import { eventRoutes } from "./events.ts";
import { experienceRoutes } from "./experience.ts";
import { healthRoutes } from "./health.ts";
import { importRoutes } from "./imports.ts";
import { jobRoutes } from "./jobs.ts";
import { lifecycleRoutes } from "./lifecycle.ts";
import { mailRoutes } from "./mail.ts";
import { outcomeRoutes } from "./outcomes.ts";
import { planRoutes } from "./plans.ts";
import { playbookRoutes } from "./playbooks.ts";
import { renewalRoutes } from "./renewals.ts";
import { revenueRoutes } from "./revenue.ts";
import { ruleRoutes } from "./rules.ts";
import { searchRoutes } from "./search.ts";
import { segmentRoutes } from "./segments.ts";
import { setupRoutes } from "./setup.ts";
import { stakeholderRoutes } from "./stakeholders.ts";
import { subscriptionRoutes } from "./subscriptions.ts";
import { surveyRoutes } from "./surveys.ts";
import { taskRoutes } from "./tasks.ts";
import { timelineRoutes } from "./timeline.ts";
import { touchpointRoutes } from "./touchpoints.ts";
import { usageRoutes } from "./usage.ts";
import { workspaceRoutes } from "./workspace.ts";

export * from "./account-team.ts";
export * from "./accounts.ts";
export * from "./advocacy.ts";
export * from "./auth.ts";
export * from "./capture.ts";
export * from "./charter.ts";
export * from "./churn.ts";
export * from "./common.ts";
export * from "./contacts.ts";
export * from "./coverage.ts";
export * from "./events.ts";
export * from "./experience.ts";
export * from "./health.ts";
export * from "./imports.ts";
export * from "./issues.ts";
export * from "./jobs.ts";
export * from "./lifecycle.ts";
export * from "./mail.ts";
export * from "./outcomes.ts";
export * from "./plans.ts";
export * from "./playbooks.ts";
export * from "./renewals.ts";
export * from "./revenue.ts";
export * from "./route.ts";
export * from "./rules.ts";
export * from "./search.ts";
export * from "./segments.ts";
export * from "./setup.ts";
export * from "./stakeholders.ts";
export * from "./subscriptions.ts";
export * from "./surveys.ts";
export * from "./tasks.ts";
export * from "./timeline.ts";
export * from "./touchpoints.ts";
export * from "./usage.ts";
export * from "./workspace.ts";

/** The route table: every HTTP route of the API, with its access rule. */
export const routes = {
  ...authRoutes,
  ...accountRoutes,
  ...contactRoutes,
  ...subscriptionRoutes,
  ...accountTeamRoutes,
  ...outcomeRoutes,
  ...planRoutes,
  ...taskRoutes,
  ...segmentRoutes,
  ...ruleRoutes,
  ...playbookRoutes,
  ...coverageRoutes,
  ...lifecycleRoutes,
  ...revenueRoutes,
  ...renewalRoutes,
  ...advocacyRoutes,
  ...charterRoutes,
  ...stakeholderRoutes,
  ...experienceRoutes,
  ...surveyRoutes,
  ...timelineRoutes,
  ...touchpointRoutes,
  ...captureRoutes,
  ...workspaceRoutes,
  ...importRoutes,
  ...searchRoutes,
  ...usageRoutes,
  ...jobRoutes,
  ...mailRoutes,
  ...churnRoutes,
  ...healthRoutes,
  ...eventRoutes,
  ...setupRoutes,
} as const;
export type Routes = typeof routes;
export type RouteName = keyof Routes;
