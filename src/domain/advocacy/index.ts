export { timelineTitle } from "./advocacy.rules.ts";
export { getAdvocacyAsk, listAdvocacyAsks } from "./find-asks.ts";
export { listAdvocacyCandidates } from "./find-candidates.ts";
export { getAdvocacySummary } from "./get-summary.ts";
export {
  changeAdvocacyAskState,
  createAdvocacyAsk,
  deleteAdvocacyAsk,
  updateAdvocacyAsk,
} from "./manage-asks.ts";
