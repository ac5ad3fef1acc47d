export { listPlans, readPlan } from "./find-plans.ts";
export { createPlanItem, deletePlanItem, updatePlanItem } from "./manage-plan-items.ts";
export { createPlanLink, planLinkUrl, revokePlanLink } from "./manage-plan-links.ts";
export {
  addDefaultPlanTemplates,
  createPlanTemplate,
  deletePlanTemplate,
  listPlanTemplates,
  updatePlanTemplate,
} from "./manage-plan-templates.ts";
export { createPlan, deletePlan, updatePlan } from "./manage-plans.ts";
export { itemsFromTemplate } from "./plan.rules.ts";
export {
  type ConfirmResult,
  confirmSharedOutcome,
  openSharedPlan,
  type SharedPlanPage,
} from "./shared-plan.ts";
