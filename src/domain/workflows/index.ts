/**
 * Workflows: the one place where a change's consequences are decided. Routes, CLI commands and
 * jobs call a workflow (or a read-only function), so every transport gets the same side effects.
 */

export { createAccount, deleteAccount, updateAccount, upsertAccount } from "./account-writes.ts";
export { assignCapturedEmail } from "./assign-captured-email.ts";
export { type CaptureOutcome, captureEmail } from "./capture-email.ts";
export { changeMember } from "./change-member.ts";
export { createContact, deleteContact, updateContact, upsertContact } from "./contact-writes.ts";
export { importRecords } from "./import-records.ts";
export { issueApiKey } from "./issue-api-key.ts";
export { offboardMember } from "./offboard-member.ts";
export { provisionWorkspace } from "./provision-workspace.ts";
export { domainConsumers, healthRescoring } from "./rescore.ts";
export { resetMemberPassword } from "./reset-member-password.ts";
export {
  createSubscription,
  deleteSubscription,
  updateSubscription,
  upsertSubscription,
} from "./subscription-writes.ts";
