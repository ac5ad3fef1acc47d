export * from "./connect.ts";
export { annotateLock, readLock } from "./data-dir-lock.ts";
export { packageRoot } from "./package-root.ts";
export { queryRows } from "./raw.ts";
export * as schema from "./schema/index.ts";
