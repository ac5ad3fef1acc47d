import { z } from "zod";
import {
  ZBusinessDate,
  ZCurrency,
  ZDate,
  ZId,
  ZList,
  ZPage,
  ZPageQuery,
  ZSort,
  ZTimestamp,
} from "./common.ts";
import { ZDecisionRole } from "./contacts.ts";
import { ZHealthBand } from "./health.ts";
import { ZRevenueQuery } from "./revenue.ts";
import { defineRoute } from "./route.ts";

/**
 * Loyalty and advocacy (PRODUCT.md capability 15): customers asked to speak for us — a reference
 * call, a testimonial, a referral, a public review or a case study — where each ask stands, who
 * could be asked next, and the NPS trend (docs/advocacy.md).
 */

export const ADVOCACY_KINDS = ["reference", "testimonial", "referral", "review", "case_study"] as const;
export const ZAdvocacyKind = z.enum(ADVOCACY_KINDS);
export type AdvocacyKind = z.infer<typeof ZAdvocacyKind>;

export const ADVOCACY_STATES = ["asked", "agreed", "delivered", "declined"] as const;
export const ZAdvocacyState = z.enum(ADVOCACY_STATES);
export type AdvocacyState = z.infer<typeof ZAdvocacyState>;

/** Where an ask may go from each state; delivered and declined are final. */
export const ADVOCACY_MOVES: Record<AdvocacyState, readonly AdvocacyState[]> = {
  asked: ["agreed", "delivered", "declined"],
  agreed: ["delivered", "declined"],
  delivered: [],
  declined: [],
};

const ZNamed = z.object({ id: ZId, name: z.string() });

export const ZAdvocacyAsk = z.object({
  id: ZId,
  account: ZNamed,
  /** The key player asked; null when the ask was to the account as a whole. */
  contact: ZNamed.nullable(),
  kind: ZAdvocacyKind,
  state: ZAdvocacyState,
  askedOn: ZDate,
  /** When the state last changed (the ask's day while it is still `asked`). */
  stateOn: ZDate,
  /** What it was for or produced: the prospect referred, the review site, the story's title. */
  detail: z.string().nullable(),
  askedBy: z.object({ userId: ZId, name: z.string() }).nullable(),
  /** The states it may move to next (none once delivered or declined). */
  nextStates: z.array(ZAdvocacyState),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type AdvocacyAsk = z.infer<typeof ZAdvocacyAsk>;

const ZDetail = z.string().trim().max(2000, "can be at most 2,000 characters");

export const ZAdvocacyAskCreate = z.strictObject({
  accountId: ZId,
  /** A contact of that account; omitted or null for an ask to the account as a whole. */
  contactId: ZId.nullable().optional(),
  kind: ZAdvocacyKind,
  /** Default today; never in the future. */
  askedOn: ZBusinessDate.optional(),
  detail: ZDetail.nullable().optional(),
  /** Ask even though the person (or account) was asked within the do-not-ask window. */
  ignoreWindow: z.boolean().optional(),
});
export type AdvocacyAskCreate = z.input<typeof ZAdvocacyAskCreate>;

export const ZAdvocacyAskUpdate = z.strictObject({ detail: ZDetail.nullable() });
export type AdvocacyAskUpdate = z.infer<typeof ZAdvocacyAskUpdate>;

export const ZAdvocacyStateChange = z.strictObject({
  state: ZAdvocacyState,
  /** The day it happened: default today; never before the ask, its previous change, or after today. */
  stateOn: ZBusinessDate.optional(),
});
export type AdvocacyStateChange = z.infer<typeof ZAdvocacyStateChange>;

export const ZAdvocacyAskListQuery = z.strictObject({
  ...ZPageQuery,
  accountId: ZId.optional(),
  contactId: ZId.optional(),
  kind: ZList(ZAdvocacyKind).optional(),
  state: ZList(ZAdvocacyState).optional(),
  /** askedOn (default newest first) or stateOn. */
  sort: ZSort(["askedOn", "stateOn"], "-askedOn"),
});
export type AdvocacyAskListQuery = z.infer<typeof ZAdvocacyAskListQuery>;

export const ZAdvocacyCandidateQuery = z.strictObject({
  /** An account or contact segment of the workspace. */
  segment: ZId.optional(),
  /**
   * The kind about to be asked: leaves out people who declined that kind before or whose ask of
   * that kind is still open.
   */
  kind: ZAdvocacyKind.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(25),
});

export const ZAdvocacyCandidate = z.object({
  contact: ZNamed.extend({ title: z.string().nullable(), decisionRole: ZDecisionRole.nullable() }),
  account: ZNamed,
  health: z.object({ band: ZHealthBand, score: z.number().nullable() }),
  /** Their latest NPS answer (a promoter's: 9 or 10). */
  nps: z.object({ score: z.number().int(), answeredAt: ZTimestamp }),
  /** Outcomes of the account's key players with status achieved. */
  outcomesAchieved: z.number().int(),
  /** The account's ARR in its own currency (minor units). */
  arrMinor: z.number().int(),
  currency: ZCurrency,
  /** Their latest ask of any kind (before the window; never when null). */
  lastAsk: z.object({ askedOn: ZDate, kind: ZAdvocacyKind, state: ZAdvocacyState }).nullable(),
  /** Why they are suggested, in words with the figures. */
  reasons: z.array(z.string()),
});
export type AdvocacyCandidate = z.infer<typeof ZAdvocacyCandidate>;

export const ZAdvocacyCandidates = z.object({
  doNotAskDays: z.number().int(),
  kind: ZAdvocacyKind.nullable(),
  segmentId: ZId.nullable(),
  data: z.array(ZAdvocacyCandidate),
});
export type AdvocacyCandidates = z.infer<typeof ZAdvocacyCandidates>;

const count = z.number().int();

/** NPS of a set of answers: null without answers, never 0. */
export const ZNpsFigure = z.object({
  score: z.number().nullable(),
  responses: count,
  promoters: count,
  passives: count,
  detractors: count,
});

export const ZAdvocacySummary = z.object({
  /** The period in whole months. */
  from: ZDate,
  to: ZDate,
  segmentId: ZId.nullable(),
  /** Asks made in the period by kind, counted by the state each is in now. */
  byKind: z.array(
    z.object({
      kind: ZAdvocacyKind,
      asked: count,
      agreed: count,
      delivered: count,
      declined: count,
      total: count,
    }),
  ),
  /** Asks delivered in the period (whenever they were asked), by kind. */
  delivered: z.object({ total: count, byKind: z.array(z.object({ kind: ZAdvocacyKind, count })) }),
  /** NPS over the period's answers. */
  nps: ZNpsFigure,
  /** NPS month by month (`month` as YYYY-MM). */
  npsByMonth: z.array(ZNpsFigure.extend({ month: z.string() })),
});
export type AdvocacySummary = z.infer<typeof ZAdvocacySummary>;

const ZAskParams = z.strictObject({ askId: ZId });
const tag = "Advocacy";

export const advocacyRoutes = {
  listAdvocacyAsks: defineRoute({
    method: "GET",
    path: "/api/v1/advocacy/asks",
    access: "read",
    tag,
    summary: "Asks for references, testimonials, referrals, reviews and case studies, newest first",
    query: ZAdvocacyAskListQuery,
    response: ZPage(ZAdvocacyAsk),
  }),
  createAdvocacyAsk: defineRoute({
    method: "POST",
    path: "/api/v1/advocacy/asks",
    access: "write",
    tag,
    summary:
      "Ask an account or one of its key players to advocate (refused within the do-not-ask window unless ignoreWindow)",
    body: ZAdvocacyAskCreate,
    response: ZAdvocacyAsk,
    status: 201,
  }),
  getAdvocacyAsk: defineRoute({
    method: "GET",
    path: "/api/v1/advocacy/asks/:askId",
    access: "read",
    tag,
    summary: "One ask",
    params: ZAskParams,
    response: ZAdvocacyAsk,
  }),
  updateAdvocacyAsk: defineRoute({
    method: "PATCH",
    path: "/api/v1/advocacy/asks/:askId",
    access: "write",
    tag,
    summary: "Change an ask's detail (the prospect referred, the review site, the story's title)",
    params: ZAskParams,
    body: ZAdvocacyAskUpdate,
    response: ZAdvocacyAsk,
  }),
  changeAdvocacyAskState: defineRoute({
    method: "POST",
    path: "/api/v1/advocacy/asks/:askId/state",
    access: "write",
    tag,
    summary:
      "Move an ask on: asked → agreed, delivered or declined; agreed → delivered or declined (409 for any other move)",
    params: ZAskParams,
    body: ZAdvocacyStateChange,
    response: ZAdvocacyAsk,
  }),
  deleteAdvocacyAsk: defineRoute({
    method: "DELETE",
    path: "/api/v1/advocacy/asks/:askId",
    access: "write",
    tag,
    summary: "Delete an ask recorded by mistake",
    params: ZAskParams,
    response: null,
    status: 204,
  }),
  listAdvocacyCandidates: defineRoute({
    method: "GET",
    path: "/api/v1/advocacy/candidates",
    access: "read",
    tag,
    summary:
      "Who could be asked next: promoters among the key players of healthy customers with outcomes achieved, not asked within the window, with the reasons",
    query: ZAdvocacyCandidateQuery,
    response: ZAdvocacyCandidates,
  }),
  getAdvocacySummary: defineRoute({
    method: "GET",
    path: "/api/v1/advocacy/summary",
    access: "read",
    tag,
    summary: "Asks by kind and state, what was delivered, and the NPS trend over whole months",
    query: ZRevenueQuery,
    response: ZAdvocacySummary,
  }),
} as const;
