export { FEATURE_SQL } from "./attribution.rules.ts";
export { authenticateSource, forgetSource, type SourceAuth } from "./authenticate-source.ts";
export { catchUpRollups } from "./catch-up-rollups.ts";
export { findEvents } from "./find-events.ts";
export { findSourceRejections, findSources } from "./find-sources.ts";
export { type EventRow, insertEvents } from "./ingest.queries.ts";
export { type IngestResult, ingestEvents } from "./ingest-events.ts";
export { applyUsageRetention, DEDUP_WINDOW_DAYS, ensureUsagePartitions } from "./manage-partitions.ts";
export {
  assertSourceActive,
  createSource,
  deleteSource,
  getSource,
  rotateSourceKey,
  updateSource,
} from "./manage-sources.ts";
export { findParkedGroups, resolveParkedGroup } from "./parked-groups.ts";
export { refreshUsageStatistics } from "./refresh-statistics.ts";
export { flushRollups, rollUp, scheduleRollUp } from "./roll-up.ts";
export { markDirty as markRollupsDirty, rebuildRollups } from "./rollup.queries.ts";
export {
  assertReadable,
  LIMITS as INGEST_LIMITS,
  type ReadRequest,
  readRequest,
  type SegmentType,
} from "./segment.rules.ts";
export { parseSegmentTime } from "./segment-time.rules.ts";
