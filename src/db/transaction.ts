/**
 * What domain code outside `*.queries.ts` may use of the database layer: the handle's type,
 * transactions, and running independent reads together. Running SQL is the queries files' job.
 */
export { type Db, readAll, withTx } from "./connect.ts";
export { inWorkspace } from "./workspace.ts";
