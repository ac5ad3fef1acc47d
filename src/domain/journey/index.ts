export { addDefaultListItems } from "./add-default-list-items.ts";
export { createListItem } from "./create-list-item.ts";
export { createTouchpoint } from "./create-touchpoint.ts";
export { deleteListItem } from "./delete-list-item.ts";
export { deleteTouchpoint } from "./delete-touchpoint.ts";
export { findTouchpoints } from "./find-touchpoints.ts";
export { getJourney } from "./get-journey.ts";
export { getTouchpoint } from "./get-touchpoint.ts";
export { DEFAULT_LIST_ITEMS } from "./journey.rules.ts";
export { listEmployeeSummaries } from "./list-employee-summaries.ts";
export { listJourneyLists } from "./list-journey-lists.ts";
export { reorderListItems } from "./reorder-list-items.ts";
export { type TouchpointInput, touchpointTitle } from "./touchpoint.rules.ts";
export { updateListItem } from "./update-list-item.ts";
export { updateTouchpoint } from "./update-touchpoint.ts";
export {
  checkTouchpoints,
  type TouchpointPlan,
  type TouchpointUpserted,
  type TouchpointUpsertRow,
  upsertTouchpoints,
} from "./upsert-touchpoints.ts";
