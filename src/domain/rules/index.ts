export { dryRunRule } from "./dry-run-rule.ts";
export { evaluateStandingRules, ruleTriggers, runDueSchedules } from "./evaluate-rules.ts";
export { getRuleRun, listRuleRuns, runRuleNow } from "./find-runs.ts";
export {
  createRule,
  deleteRule,
  findRule,
  getRule,
  listRules,
  startFromToday,
  updateRule,
} from "./manage-rules.ts";
export { replayRule } from "./replay-rule.ts";
