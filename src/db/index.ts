export * from "./connect.ts";
export { annotateLock, readLock } from "./data-dir-lock.ts";
export { queryRows } from "./raw.ts";
export * as schema from "./schema/index.ts";
