import { z } from "zod";
import { ZId, ZList, ZPage, ZPageQuery, ZTimestamp } from "./common.ts";
import { defineRoute } from "./route.ts";

/**
 * The customer's experience as they report it: survey answers (NPS, CSAT, CES, experience
 * dimensions) and support tickets with their satisfaction. Metric definitions follow PRODUCT.md;
 * rates are fractions, NPS is points, and a set without answers has no score (null, never 0).
 */

export const SURVEY_KINDS = ["nps", "csat", "ces", "dimension"] as const;
export const ZSurveyKind = z.enum(SURVEY_KINDS);
export type SurveyKind = z.infer<typeof ZSurveyKind>;

/** The scale each kind is answered on: lowest and highest score. */
export const SURVEY_SCALES: Record<SurveyKind, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
  dimension: { min: 1, max: 5 },
};

/**
 * The closed loop's rule: an answer that calls for a call back — a detractor (NPS 0–6), a CSAT of
 * 1–2 or a CES of 2 or less. The server raises its alert; the web app labels such answers.
 */
export function needsFollowUp(kind: SurveyKind, score: number): boolean {
  if (kind === "nps") return score <= 6;
  if (kind === "csat" || kind === "ces") return score <= 2;
  return false;
}

export const TICKET_PRIORITIES = ["low", "medium", "high", "urgent"] as const;
export const ZTicketPriority = z.enum(TICKET_PRIORITIES);

const ZHours = z.number().finite("must be a number").min(0, "must not be negative").max(1e6, "is too large");
const ZText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "must not be blank")
    .max(max, `must be at most ${max.toLocaleString("en-US")} characters`);

export const ZTicket = z.object({
  id: ZId,
  accountId: ZId,
  externalId: z.string().nullable(),
  subject: z.string().nullable(),
  priority: ZTicketPriority.nullable(),
  openedAt: ZTimestamp,
  closedAt: ZTimestamp.nullable(),
  firstResponseMinutes: z.number().nullable(),
  resolutionHours: z.number().nullable(),
  /** 1–5; null when the requester did not answer. */
  satisfaction: z.number().int().nullable(),
  escalated: z.boolean(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type Ticket = z.infer<typeof ZTicket>;

const ticketFields = {
  accountId: ZId,
  externalId: ZText(200).nullable(),
  subject: ZText(500).nullable(),
  priority: ZTicketPriority.nullable(),
  openedAt: ZTimestamp,
  closedAt: ZTimestamp.nullable(),
  firstResponseMinutes: ZHours.nullable(),
  resolutionHours: ZHours.nullable(),
  satisfaction: z
    .number()
    .int("must be a whole number from 1 to 5")
    .min(1, "must be from 1 to 5")
    .max(5, "must be from 1 to 5")
    .nullable(),
  escalated: z.boolean(),
};

/** A ticket as a help desk or an import gives it; with an external id an existing ticket is updated. */
export const ZTicketInput = z.strictObject({
  accountId: ticketFields.accountId,
  openedAt: ticketFields.openedAt,
  ...z.object(ticketFields).omit({ accountId: true, openedAt: true }).partial().shape,
});
export type TicketInput = z.infer<typeof ZTicketInput>;

export const ZTicketListQuery = z.strictObject({
  ...ZPageQuery,
  accountId: ZId.optional(),
  from: ZTimestamp.optional(),
  to: ZTimestamp.optional(),
});

export const ZSurveyResponse = z.object({
  id: ZId,
  accountId: ZId,
  contactId: ZId,
  contactName: z.string(),
  accountName: z.string(),
  kind: ZSurveyKind,
  /** The experience dimension's key (kind `dimension` only). */
  dimension: z.string().nullable(),
  score: z.number().int(),
  /** The top of the scale the score was given on. */
  scale: z.number().int(),
  comment: z.string().nullable(),
  answeredAt: ZTimestamp,
  source: z.enum(["survey", "import"]),
  /** The key player's last touchpoint before answering, if any. */
  touchpointId: ZId.nullable(),
  createdAt: ZTimestamp,
});
export type SurveyResponse = z.infer<typeof ZSurveyResponse>;

const answerFields = {
  kind: ZSurveyKind,
  dimension: ZText(100).optional(),
  score: z.number().int("must be a whole number"),
  answeredAt: ZTimestamp,
  comment: ZText(5000).optional(),
};

/** The score fits its kind's scale; a dimension answer names its dimension, others do not. */
function checkAnswer(r: { kind: SurveyKind; dimension?: string; score: number }, ctx: z.RefinementCtx): void {
  const { min, max } = SURVEY_SCALES[r.kind];
  if (r.score < min || r.score > max) {
    ctx.addIssue({
      code: "custom",
      path: ["score"],
      message: `must be from ${min} to ${max} for ${r.kind === "dimension" ? "a dimension" : r.kind.toUpperCase()}`,
      params: { code: "out_of_range" },
    });
  }
  if (r.kind === "dimension" && !r.dimension)
    ctx.addIssue({
      code: "custom",
      path: ["dimension"],
      message: "is required for a dimension answer",
      params: { code: "required" },
    });
  if (r.kind !== "dimension" && r.dimension)
    ctx.addIssue({
      code: "custom",
      path: ["dimension"],
      message: "is only for dimension answers",
      params: { code: "invalid" },
    });
}

/** An answer without its respondent (a CSV row names them by email). */
export const ZSurveyAnswer = z.strictObject(answerFields).superRefine(checkAnswer);

/** An answer collected elsewhere (a form, another tool), recorded for a key player. */
export const ZSurveyResponseInput = z
  .strictObject({ contactId: ZId, ...answerFields })
  .superRefine(checkAnswer);
export type SurveyResponseInput = z.infer<typeof ZSurveyResponseInput>;

export const ZSurveyResponseListQuery = z.strictObject({
  ...ZPageQuery,
  accountId: ZId.optional(),
  contactId: ZId.optional(),
  kind: ZList(ZSurveyKind).optional(),
  from: ZTimestamp.optional(),
  to: ZTimestamp.optional(),
});

const ZScore = z.object({
  /** null without responses. */
  score: z.number().nullable(),
  responses: z.number().int(),
});

/**
 * NPS in points (−100…100, two decimals), CSAT and ticket CSAT as fractions 0–1 (four decimals),
 * CES as a mean (two decimals) on its scale.
 */
export const ZExperienceMetrics = z.object({
  from: ZTimestamp.nullable(),
  to: ZTimestamp.nullable(),
  accountId: ZId.nullable(),
  nps: ZScore,
  csat: ZScore,
  ces: ZScore.extend({ scale: z.object({ min: z.number().int(), max: z.number().int() }) }),
  ticketCsat: ZScore,
});
export type ExperienceMetrics = z.infer<typeof ZExperienceMetrics>;

export const ZExperienceQuery = z
  .strictObject({ from: ZTimestamp.optional(), to: ZTimestamp.optional(), accountId: ZId.optional() })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    message: "must not be after to",
    path: ["from"],
  });

const ZTicketParams = z.strictObject({ ticketId: ZId });
const ZResponseParams = z.strictObject({ responseId: ZId });

export const experienceRoutes = {
  listTickets: defineRoute({
    method: "GET",
    path: "/api/v1/tickets",
    access: "read",
    tag: "experience",
    summary: "Support tickets, newest opened first (by account and period)",
    query: ZTicketListQuery,
    response: ZPage(ZTicket),
  }),
  recordTicket: defineRoute({
    method: "POST",
    path: "/api/v1/tickets",
    access: "write",
    tag: "experience",
    summary: "Record a support ticket; with an external id already known, that ticket is updated",
    body: ZTicketInput,
    response: ZTicket,
    status: 201,
  }),
  getTicket: defineRoute({
    method: "GET",
    path: "/api/v1/tickets/:ticketId",
    access: "read",
    tag: "experience",
    summary: "One support ticket",
    params: ZTicketParams,
    response: ZTicket,
  }),
  deleteTicket: defineRoute({
    method: "DELETE",
    path: "/api/v1/tickets/:ticketId",
    access: "write",
    tag: "experience",
    summary: "Delete a support ticket",
    params: ZTicketParams,
    response: null,
    status: 204,
  }),
  listSurveyResponses: defineRoute({
    method: "GET",
    path: "/api/v1/survey-responses",
    access: "read",
    tag: "experience",
    summary: "Survey answers, newest first (by account, key player, kind and period)",
    query: ZSurveyResponseListQuery,
    response: ZPage(ZSurveyResponse),
  }),
  recordSurveyResponse: defineRoute({
    method: "POST",
    path: "/api/v1/survey-responses",
    access: "write",
    tag: "experience",
    summary:
      "Record an answer collected elsewhere; the same key player's answer of a kind at the same time is updated",
    body: ZSurveyResponseInput,
    response: ZSurveyResponse,
    status: 201,
  }),
  deleteSurveyResponse: defineRoute({
    method: "DELETE",
    path: "/api/v1/survey-responses/:responseId",
    access: "write",
    tag: "experience",
    summary: "Delete a survey answer",
    params: ZResponseParams,
    response: null,
    status: 204,
  }),
  getExperienceMetrics: defineRoute({
    method: "GET",
    path: "/api/v1/metrics/experience",
    access: "read",
    tag: "experience",
    summary:
      "NPS, CSAT and CES from survey answers and CSAT from support tickets, with their number of responses",
    query: ZExperienceQuery,
    response: ZExperienceMetrics,
  }),
};
