export { type CustomerConfirmation, confirmOutcomeByCustomer } from "./confirm-outcome.ts";
export { findOutcomes, outcomeHistory } from "./find-outcomes.ts";
export { getAccountSuccess } from "./get-account-success.ts";
export {
  addEvidence,
  createOutcome,
  deleteOutcome,
  readOutcome,
  releaseOwnedOutcomes,
  removeEvidence,
  updateOutcome,
} from "./manage-outcomes.ts";
export {
  addDefaultOutcomeTemplates,
  createOutcomeTemplate,
  deleteOutcomeTemplate,
  findOutcomeTemplates,
  updateOutcomeTemplate,
} from "./manage-templates.ts";
export { creationChanges, outcomeLabel } from "./outcome.rules.ts";
export { recordAllSuccessHistory, recordSuccessHistory } from "./record-success-history.ts";
