export {
  type AnswerResult,
  answerInvitation,
  type InvitationPage,
  openInvitation,
} from "./answer-invitation.ts";
export { cesOf, csatOf, followUpAlert, followUpReason, needsFollowUp, npsOf } from "./experience.rules.ts";
export { getSurvey, listSurveys, readSurvey } from "./find-surveys.ts";
export { getExperienceMetrics } from "./get-experience-metrics.ts";
export {
  deleteSurveyResponse,
  findSurveyResponses,
  recordSurveyResponse,
  toSurveyResponse,
} from "./manage-survey-responses.ts";
export { deleteTicket, findTickets, readTicket, recordTicket } from "./manage-tickets.ts";
export { type FollowUp, findFollowUps, raiseFollowUps } from "./raise-follow-ups.ts";
export {
  checkSurveyResponses,
  type ResponseRecorded,
  type ResponseRow,
  recordSurveyResponses,
} from "./record-survey-responses.ts";
export { previewSurvey, sendSurvey } from "./send-survey.ts";
export { DEFAULT_QUESTIONS, DEFAULT_RECONTACT_DAYS, LINK_DAYS } from "./survey.rules.ts";
export { checkTickets, type TicketUpserted, type TicketUpsertRow, upsertTickets } from "./upsert-tickets.ts";
