/**
 * What domain code outside `*.queries.ts` may use of the database layer: the handle's type and
 * transactions. Running SQL is the queries files' job.
 */
export { type Db, withTx } from "./connect.ts";
export { inWorkspace } from "./workspace.ts";
