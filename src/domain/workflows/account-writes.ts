// Account writes record their domain events; health rescoring (a consumer, see rescore.ts) follows.
export { createAccount, deleteAccount, updateAccount, upsertAccount } from "../accounts/index.ts";
