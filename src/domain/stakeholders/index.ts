export { getStakeholderMap } from "./get-stakeholder-map.ts";
