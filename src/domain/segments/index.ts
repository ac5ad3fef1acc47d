export { liveDay, pastDay } from "./eval-day.ts";
export {
  getSegment,
  listSegmentChanges,
  listSegmentFields,
  listSegmentMembers,
  listSegments,
} from "./find-segments.ts";
export { createSegment, deleteSegment, previewSegment, updateSegment } from "./manage-segments.ts";
export { type RefreshCause, type Refreshed, refreshAllSegments, refreshSegment } from "./refresh-segments.ts";
export {
  type CompileOptions,
  compileFilter,
  type EvalDay,
  membersOn,
  selectedIds,
} from "./segment.queries.ts";
export { checkFilter, fieldsUsed } from "./segment.rules.ts";
export { crossingsOf, fitOnDays } from "./segment-days.queries.ts";
