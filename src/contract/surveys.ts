import { z } from "zod";
import { ZAccountFilter } from "./accounts.ts";
import { ZId, ZPage, ZPageQuery, ZTimestamp } from "./common.ts";
import { ZSurveyKind, ZSurveyResponse } from "./experience.ts";
import { defineRoute } from "./route.ts";

/**
 * Surveys sent by email to key players: one personal link each (GET shows the question, only the
 * form's POST answers; an answer can be changed for 7 days), a recontact guard so no one is asked
 * too often, and results per survey. Answers land in the survey answers of the experience metrics.
 */

/** Who is asked: chosen contacts, or the key players of chosen accounts or of an accounts filter. */
export const ZSurveyAudience = z
  .strictObject({
    contactIds: z.array(ZId).min(1, "choose at least one contact").max(10_000).optional(),
    accountIds: z.array(ZId).min(1, "choose at least one account").max(10_000).optional(),
    accountFilter: ZAccountFilter.partial().optional(),
  })
  .refine((a) => [a.contactIds, a.accountIds, a.accountFilter].filter(Boolean).length === 1, {
    message: "choose contacts, accounts or an accounts filter (one of them)",
    path: ["contactIds"],
  });

const ZRecontactDays = z
  .number()
  .int("must be a whole number of days")
  .min(0, "must be from 0 to 365 days")
  .max(365, "must be from 0 to 365 days");

export const ZSurveyPreviewInput = z.strictObject({
  kind: ZSurveyKind,
  audience: ZSurveyAudience,
  /** No one asked in the last this many days is asked again (default 90). */
  recontactDays: ZRecontactDays.optional(),
});

export const ZSurveySend = z.strictObject({
  kind: ZSurveyKind,
  audience: ZSurveyAudience,
  recontactDays: ZRecontactDays.optional(),
  name: z.string().trim().min(1, "must not be blank").max(200, "must be at most 200 characters").optional(),
  /** The question as the key player reads it; each kind has a default. */
  question: z
    .string()
    .trim()
    .min(1, "must not be blank")
    .max(500, "must be at most 500 characters")
    .optional(),
});
export type SurveySend = z.infer<typeof ZSurveySend>;

export const SKIP_REASONS = ["no_email", "left_company", "inactive", "recently_surveyed"] as const;

export const ZSurveyPreview = z.object({
  recontactDays: z.number().int(),
  recipients: z.array(
    z.object({
      contactId: ZId,
      name: z.string(),
      email: z.string(),
      accountId: ZId,
      accountName: z.string(),
    }),
  ),
  /** Key players who will not be asked, and why; `lastSurveyedAt` for the recontact guard. */
  skipped: z.array(
    z.object({
      contactId: ZId,
      name: z.string(),
      accountId: ZId,
      accountName: z.string(),
      reason: z.enum(SKIP_REASONS),
      lastSurveyedAt: ZTimestamp.nullable(),
    }),
  ),
});
export type SurveyPreview = z.infer<typeof ZSurveyPreview>;

export const ZSurvey = z.object({
  id: ZId,
  kind: ZSurveyKind,
  name: z.string(),
  question: z.string(),
  recontactDays: z.number().int(),
  createdAt: ZTimestamp,
  createdBy: ZId.nullable(),
  recipients: z.number().int(),
  answered: z.number().int(),
  /** answered ÷ recipients, 0–1; null without recipients. */
  responseRate: z.number().nullable(),
  /** The survey's own score: NPS points, CSAT fraction, CES mean or a dimension mean; null without answers. */
  score: z.number().nullable(),
  /** Where the invitations are: queued or sent over SMTP, or held in the outbox (no SMTP). */
  delivery: z.object({
    queued: z.number().int(),
    held: z.number().int(),
    sent: z.number().int(),
    failed: z.number().int(),
  }),
});
export type Survey = z.infer<typeof ZSurvey>;

export const ZSurveyDetail = ZSurvey.extend({
  /** Answers per score (every score of the scale, 0 where none). */
  distribution: z.array(z.object({ score: z.number().int(), answers: z.number().int() })),
  /** Experience surveys: the mean score (two decimals) and answers per dimension; empty for the others. */
  dimensions: z.array(
    z.object({ key: z.string(), label: z.string(), mean: z.number(), answers: z.number().int() }),
  ),
  answers: z.array(ZSurveyResponse),
});
export type SurveyDetail = z.infer<typeof ZSurveyDetail>;

export const ZSurveySent = z.object({
  survey: ZSurvey,
  skipped: z.number().int(),
  /** `held`: no SMTP server is configured; the invitations wait in the outbox (Settings → Outbox). */
  delivery: z.enum(["queued", "held"]),
});

const ZSurveyParams = z.strictObject({ surveyId: ZId });

export const surveyRoutes = {
  previewSurvey: defineRoute({
    method: "POST",
    path: "/api/v1/surveys/preview",
    access: "write",
    tag: "surveys",
    summary:
      "Who a survey would reach and who the recontact guard (or a missing email) leaves out; sends nothing",
    body: ZSurveyPreviewInput,
    response: ZSurveyPreview,
  }),
  sendSurvey: defineRoute({
    method: "POST",
    path: "/api/v1/surveys",
    access: "write",
    tag: "surveys",
    summary: "Send a survey by email: one personal link per key player, the recontact guard applied",
    body: ZSurveySend,
    response: ZSurveySent,
    status: 201,
  }),
  listSurveys: defineRoute({
    method: "GET",
    path: "/api/v1/surveys",
    access: "read",
    tag: "surveys",
    summary: "Surveys sent, newest first, with response rate and score",
    query: z.strictObject({ ...ZPageQuery }),
    response: ZPage(ZSurvey),
  }),
  getSurvey: defineRoute({
    method: "GET",
    path: "/api/v1/surveys/:surveyId",
    access: "read",
    tag: "surveys",
    summary: "One survey's results: response rate, score, distribution and the answers with their comments",
    params: ZSurveyParams,
    response: ZSurveyDetail,
  }),
};
