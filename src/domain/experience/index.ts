export { cesOf, csatOf, needsFollowUp, npsOf } from "./experience.rules.ts";
export { getExperienceMetrics } from "./get-experience-metrics.ts";
export {
  deleteSurveyResponse,
  findSurveyResponses,
  recordSurveyResponse,
  toSurveyResponse,
} from "./manage-survey-responses.ts";
export { deleteTicket, findTickets, readTicket, recordTicket } from "./manage-tickets.ts";
export {
  checkSurveyResponses,
  type ResponseRecorded,
  type ResponseRow,
  recordSurveyResponses,
} from "./record-survey-responses.ts";
export { checkTickets, type TicketUpserted, type TicketUpsertRow, upsertTickets } from "./upsert-tickets.ts";
