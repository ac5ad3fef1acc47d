export { checkStageFilter } from "./account.checks.ts";
export { accountListWhere, accountSortKey, findAccount, findAccountIds } from "./account.queries.ts";
export { createAccount } from "./create-account.ts";
export { deleteAccount } from "./delete-account.ts";
export { findAccounts, getAccountFacets } from "./find-accounts.ts";
export { getAccount } from "./get-account.ts";
export { releaseOwnedAccounts } from "./release-owned-accounts.ts";
export { accountsPerStage, findLifecycleSettings, saveLifecycleSettings } from "./stages.queries.ts";
export { updateAccount } from "./update-account.ts";
export { upsertAccount } from "./upsert-account.ts";
export {
  type AccountUpserted,
  type AccountUpsertRow,
  checkAccounts,
  upsertAccounts,
} from "./upsert-accounts.ts";
export {
  asWorkspaceStages,
  DEFAULT_STAGES,
  stageProblem,
  type WorkspaceStage,
  workspaceStages,
} from "./workspace-stages.ts";
