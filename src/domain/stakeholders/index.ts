export { getStakeholderMap } from "./get-stakeholder-map.ts";
export { accountsWithDepartureSignals } from "./stakeholder.queries.ts";
