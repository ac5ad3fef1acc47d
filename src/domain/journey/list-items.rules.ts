import type { JourneyList, JourneyLists, ListItem } from "../../contract/touchpoints.ts";
import type { ListItemRow } from "./list-item.queries.ts";

export const toListItem = (r: ListItemRow): ListItem => ({
  list: r.list as JourneyList,
  key: r.key,
  label: r.label,
  description: r.description,
  position: r.position,
  archived: r.archivedAt !== null,
  uses: r.uses,
});

/** The three lists from the workspace's items (already in position order). */
export const groupLists = (rows: ListItemRow[]): JourneyLists => ({
  decision: rows.filter((r) => r.list === "decision").map(toListItem),
  development: rows.filter((r) => r.list === "development").map(toListItem),
  dimension: rows.filter((r) => r.list === "dimension").map(toListItem),
});
