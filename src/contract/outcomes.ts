import { z } from "zod";
import { ZBusinessDate, ZId, ZList, ZPage, ZPageQuery, ZSort, ZTimestamp } from "./common.ts";
import { ZDecisionRole, ZSeniority } from "./contacts.ts";
import { defineRoute } from "./route.ts";

/**
 * Key-player success (PRODUCT.md capability 2): what each key player wants — a business outcome
 * for their company or a personal win for themselves — measured from a baseline to a target by a
 * due date, with evidence and the full history of changes. The success index is built from them
 * (docs/success-index.md).
 */

export const OUTCOME_KINDS = ["business_outcome", "personal_win"] as const;
export const OUTCOME_STATUSES = ["planned", "in_progress", "achieved", "at_risk", "missed"] as const;
export const ZOutcomeKind = z.enum(OUTCOME_KINDS);
export const ZOutcomeStatus = z.enum(OUTCOME_STATUSES);

/** Measures are counts, days, percentages or money: a trillion either way is room enough. */
const ZMeasureValue = z
  .number()
  .finite("must be a number")
  .min(-1e12, "must be between -1,000,000,000,000 and 1,000,000,000,000")
  .max(1e12, "must be between -1,000,000,000,000 and 1,000,000,000,000");
const ZUrl = z
  .url({ protocol: /^https?$/, message: "must be a web address starting with http:// or https://" })
  .max(2000, "must be at most 2,000 characters");

export const ZOutcomeEvidence = z.object({
  id: ZId,
  note: z.string().nullable(),
  url: z.string().nullable(),
  authorId: ZId.nullable(),
  authorName: z.string().nullable(),
  /** internal: added by one of us; customer_confirmed: the key player's own word through their plan link. */
  source: z.enum(["internal", "customer_confirmed"]),
  /** Who confirmed (customer_confirmed only). */
  confirmedBy: z.object({ contactId: ZId, name: z.string() }).nullable(),
  /** What the key player said (customer_confirmed only). */
  verdict: z.enum(["achieved", "not_yet"]).nullable(),
  createdAt: ZTimestamp,
});
export type OutcomeEvidence = z.infer<typeof ZOutcomeEvidence>;

export const ZOutcome = z.object({
  id: ZId,
  contactId: ZId,
  contactName: z.string(),
  accountId: ZId,
  kind: ZOutcomeKind,
  title: z.string(),
  measure: z.string().nullable(),
  unit: z.string().nullable(),
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  current: z.number().nullable(),
  dueDate: z.string().nullable(),
  status: ZOutcomeStatus,
  ownerId: ZId.nullable(),
  ownerName: z.string().nullable(),
  achievedAt: ZTimestamp.nullable(),
  /** How far from baseline to target the current value is, 0–1; null without all three. */
  progress: z.number().nullable(),
  /** How much of the time from creation to the due date has passed, 0–1; null without a due date. */
  timeElapsed: z.number().nullable(),
  /** This outcome's part of the key player's success index, 0–1 (docs/success-index.md). */
  score: z.number(),
  evidence: z.array(ZOutcomeEvidence),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type Outcome = z.infer<typeof ZOutcome>;

const outcomeFields = {
  kind: ZOutcomeKind,
  title: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
  // Blank is refused rather than stored as "": leave the field out or send null.
  measure: z
    .string()
    .trim()
    .min(1, "must not be blank")
    .max(200, "must be at most 200 characters")
    .nullable(),
  unit: z.string().trim().min(1, "must not be blank").max(40, "must be at most 40 characters").nullable(),
  baseline: ZMeasureValue.nullable(),
  target: ZMeasureValue.nullable(),
  current: ZMeasureValue.nullable(),
  dueDate: ZBusinessDate.nullable(),
  status: ZOutcomeStatus,
  ownerId: ZId.nullable(),
};

export const ZOutcomeCreate = z.strictObject({
  contactId: ZId,
  kind: outcomeFields.kind,
  title: outcomeFields.title,
  ...z.object(outcomeFields).omit({ kind: true, title: true }).partial().shape,
});
export type OutcomeCreate = z.infer<typeof ZOutcomeCreate>;

export const ZOutcomeUpdate = z.strictObject(outcomeFields).partial();
export type OutcomeUpdate = z.infer<typeof ZOutcomeUpdate>;

export const ZOutcomeListQuery = z.strictObject({
  ...ZPageQuery,
  accountId: ZId.optional(),
  contactId: ZId.optional(),
  kind: ZList(ZOutcomeKind).optional(),
  status: ZList(ZOutcomeStatus).optional(),
  sort: ZSort(["due", "created", "updated", "title"], "due"),
});
export type OutcomeListQuery = z.infer<typeof ZOutcomeListQuery>;

export const ZOutcomeChange = z.object({
  id: ZId,
  changedAt: ZTimestamp,
  actorId: ZId.nullable(),
  actorName: z.string().nullable(),
  action: z.enum(["created", "changed"]),
  /** Field name → its value before and after (on creation, `from` is null). */
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
});
export type OutcomeChange = z.infer<typeof ZOutcomeChange>;

export const ZEvidenceCreate = z
  .strictObject({
    note: z.string().trim().max(5000, "must be at most 5,000 characters").optional(),
    url: ZUrl.optional(),
  })
  .refine((e) => Boolean(e.note) || Boolean(e.url), {
    message: "Write a note or give a link",
    path: ["note"],
  });

export const ZOutcomeTemplate = z.object({
  id: ZId,
  kind: ZOutcomeKind,
  title: z.string(),
  measure: z.string().nullable(),
  unit: z.string().nullable(),
  description: z.string().nullable(),
  createdAt: ZTimestamp,
});
export type OutcomeTemplate = z.infer<typeof ZOutcomeTemplate>;

const templateFields = {
  kind: outcomeFields.kind,
  title: outcomeFields.title,
  measure: outcomeFields.measure,
  unit: outcomeFields.unit,
  description: z
    .string()
    .trim()
    .min(1, "must not be blank")
    .max(1000, "must be at most 1,000 characters")
    .nullable(),
};
export const ZOutcomeTemplateCreate = z.strictObject({
  kind: templateFields.kind,
  title: templateFields.title,
  measure: templateFields.measure.optional(),
  unit: templateFields.unit.optional(),
  description: templateFields.description.optional(),
});
export const ZOutcomeTemplateUpdate = z.strictObject(templateFields).partial();

/** One key player's success: their index and the outcomes it comes from. */
export const ZKeyPlayerSuccess = z.object({
  contactId: ZId,
  name: z.string(),
  decisionRole: ZDecisionRole.nullable(),
  influence: z.number().nullable(),
  seniority: ZSeniority.nullable(),
  /** Left the company: listed with their outcomes, not counted in the account's index. */
  leftCompany: z.boolean(),
  /** 0–100; null when there is nothing to build it from yet (no outcome, no experience rating). */
  index: z.number().nullable(),
  /** The mean of the outcomes' scores, 0–100; null without outcomes. */
  outcomesScore: z.number().nullable(),
  /** The recency-weighted mean of the last year's experience ratings (touchpoints, survey answers), 0–100. */
  experience: z.object({
    score: z.number().nullable(),
    ratings: z.number().int(),
    lastRatedAt: ZTimestamp.nullable(),
  }),
  /** The key player's weight in the account's index (influence × seniority). */
  weight: z.number(),
  outcomes: z.array(ZOutcome),
});

export const ZAccountSuccess = z.object({
  /** The key players' indexes weighted by influence and seniority; null when none has one. */
  index: z.number().nullable(),
  /** The economic buyer or decision maker with the lowest index: an average must not hide them. */
  lowestDecisionMaker: z
    .object({ contactId: ZId, name: z.string(), decisionRole: ZDecisionRole, index: z.number() })
    .nullable(),
  keyPlayers: z.array(ZKeyPlayerSuccess),
});
export type AccountSuccess = z.infer<typeof ZAccountSuccess>;

const ZOutcomeParams = z.strictObject({ outcomeId: ZId });

export const outcomeRoutes = {
  listOutcomes: defineRoute({
    method: "GET",
    path: "/api/v1/outcomes",
    access: "read",
    tag: "key-player success",
    summary: "List key players' outcomes and personal wins (by account, key player, kind, status)",
    query: ZOutcomeListQuery,
    response: ZPage(ZOutcome),
  }),
  createOutcome: defineRoute({
    method: "POST",
    path: "/api/v1/outcomes",
    access: "write",
    tag: "key-player success",
    summary: "Add an outcome or personal win to a key player",
    body: ZOutcomeCreate,
    response: ZOutcome,
    status: 201,
  }),
  getOutcome: defineRoute({
    method: "GET",
    path: "/api/v1/outcomes/:outcomeId",
    access: "read",
    tag: "key-player success",
    summary: "Get one outcome with its evidence",
    params: ZOutcomeParams,
    response: ZOutcome,
  }),
  updateOutcome: defineRoute({
    method: "PATCH",
    path: "/api/v1/outcomes/:outcomeId",
    access: "write",
    tag: "key-player success",
    summary: "Update an outcome (only the fields given); every change is kept in its history",
    params: ZOutcomeParams,
    body: ZOutcomeUpdate,
    response: ZOutcome,
  }),
  deleteOutcome: defineRoute({
    method: "DELETE",
    path: "/api/v1/outcomes/:outcomeId",
    access: "write",
    tag: "key-player success",
    summary: "Delete an outcome with its evidence and history",
    params: ZOutcomeParams,
    response: null,
    status: 204,
  }),
  listOutcomeHistory: defineRoute({
    method: "GET",
    path: "/api/v1/outcomes/:outcomeId/history",
    access: "read",
    tag: "key-player success",
    summary: "The outcome's changes, newest first",
    params: ZOutcomeParams,
    response: z.object({ data: z.array(ZOutcomeChange) }),
  }),
  addOutcomeEvidence: defineRoute({
    method: "POST",
    path: "/api/v1/outcomes/:outcomeId/evidence",
    access: "write",
    tag: "key-player success",
    summary: "Add evidence (a note, a link or both) to an outcome",
    params: ZOutcomeParams,
    body: ZEvidenceCreate,
    response: ZOutcome,
    status: 201,
  }),
  deleteOutcomeEvidence: defineRoute({
    method: "DELETE",
    path: "/api/v1/outcomes/:outcomeId/evidence/:evidenceId",
    access: "write",
    tag: "key-player success",
    summary: "Remove a piece of evidence",
    params: z.strictObject({ outcomeId: ZId, evidenceId: ZId }),
    response: null,
    status: 204,
  }),
  listOutcomeTemplates: defineRoute({
    method: "GET",
    path: "/api/v1/outcome-templates",
    access: "read",
    tag: "key-player success",
    summary: "The workspace's library of outcomes and personal wins to pick from",
    query: z.strictObject({ kind: ZList(ZOutcomeKind).optional() }),
    response: z.object({ data: z.array(ZOutcomeTemplate) }),
  }),
  createOutcomeTemplate: defineRoute({
    method: "POST",
    path: "/api/v1/outcome-templates",
    access: "admin",
    tag: "key-player success",
    summary: "Add a template to the library",
    body: ZOutcomeTemplateCreate,
    response: ZOutcomeTemplate,
    status: 201,
  }),
  updateOutcomeTemplate: defineRoute({
    method: "PATCH",
    path: "/api/v1/outcome-templates/:templateId",
    access: "admin",
    tag: "key-player success",
    summary: "Change a template (outcomes made from it keep their own text)",
    params: z.strictObject({ templateId: ZId }),
    body: ZOutcomeTemplateUpdate,
    response: ZOutcomeTemplate,
  }),
  deleteOutcomeTemplate: defineRoute({
    method: "DELETE",
    path: "/api/v1/outcome-templates/:templateId",
    access: "admin",
    tag: "key-player success",
    summary: "Remove a template from the library",
    params: z.strictObject({ templateId: ZId }),
    response: null,
    status: 204,
  }),
  getAccountSuccess: defineRoute({
    method: "GET",
    path: "/api/v1/accounts/:accountId/success",
    access: "read",
    tag: "key-player success",
    summary:
      "The account's success index, its lowest decision maker, and each key player's index and outcomes",
    params: z.strictObject({ accountId: ZId }),
    response: ZAccountSuccess,
  }),
} as const;
