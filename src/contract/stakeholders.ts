import { z } from "zod";
import { ZDate, ZId, ZTimestamp } from "./common.ts";
import { ZDecisionRole, ZSeniority } from "./contacts.ts";
import { ZSurveyKind } from "./experience.ts";
import { defineRoute } from "./route.ts";
import { ZTouchpointChannel } from "./touchpoints.ts";

/** The relationship risks the stakeholder map flags (docs/stakeholder-map.md gives each rule). */
export const RELATIONSHIP_RISKS = [
  "no_champion",
  "economic_buyer_not_met",
  "champion_left",
  "economic_buyer_left",
  "single_threaded",
  "detractor_decision_maker",
] as const;
export const ZRelationshipRiskCode = z.enum(RELATIONSHIP_RISKS);
export type RelationshipRiskCode = z.infer<typeof ZRelationshipRiskCode>;

const ZTouchpointRef = z.object({
  touchpointId: ZId,
  occurredAt: ZTimestamp,
  channel: ZTouchpointChannel,
  title: z.string(),
});

const ZAnswerRef = z.object({
  responseId: ZId,
  kind: ZSurveyKind,
  /** The experience dimension's key (kind `dimension` only). */
  dimension: z.string().nullable(),
  score: z.number().int(),
  /** The top of the scale the score was given on (NPS 10, CSAT 5, CES 7). */
  scale: z.number().int(),
  comment: z.string().nullable(),
  answeredAt: ZTimestamp,
});

/** One key player on the map: who they are in the decision, how they fare, when we last heard. */
export const ZStakeholder = z.object({
  contactId: ZId,
  name: z.string(),
  title: z.string().nullable(),
  decisionRole: ZDecisionRole.nullable(),
  influence: z.number().int().nullable(),
  seniority: ZSeniority.nullable(),
  leftCompany: z.boolean(),
  /** Their success index, 0–100 (docs/success-index.md); null without an outcome. */
  index: z.number().nullable(),
  /** Their outcomes and personal wins, counted by status. */
  outcomes: z.object({
    total: z.number().int(),
    planned: z.number().int(),
    inProgress: z.number().int(),
    achieved: z.number().int(),
    atRisk: z.number().int(),
    missed: z.number().int(),
  }),
  /** The latest touchpoint they were present at, up to now; null when never met. */
  lastTouchpoint: ZTouchpointRef.nullable(),
  /** Their latest survey answer of any kind. */
  latestAnswer: ZAnswerRef.nullable(),
});
export type Stakeholder = z.infer<typeof ZStakeholder>;

/** A risk to the relationship, in words a CSM acts on, with what it rests on. */
export const ZRelationshipRisk = z.object({
  code: ZRelationshipRiskCode,
  message: z.string(),
  evidence: z.object({
    /** The key players the risk is about. */
    contacts: z.array(
      z.object({
        contactId: ZId,
        name: z.string(),
        decisionRole: ZDecisionRole.nullable(),
        leftCompany: z.boolean(),
      }),
    ),
    /** The touchpoints it rests on (a last meeting, the touchpoints of a single thread). */
    touchpoints: z.array(ZTouchpointRef),
    /** The survey answers it rests on (a detractor's NPS). */
    answers: z.array(ZAnswerRef.extend({ contactId: ZId })),
    /** The first day (UTC) of the period looked at, for the rules that look back 90 days. */
    since: ZDate.nullable(),
  }),
});
export type RelationshipRisk = z.infer<typeof ZRelationshipRisk>;

export const ZStakeholderMap = z.object({
  accountId: ZId,
  /** The day (UTC) the map is for: its look-back periods end with it. */
  asOf: ZDate,
  /** Key players grouped by decision role (economic buyer first), then by influence. */
  keyPlayers: z.array(ZStakeholder),
  risks: z.array(ZRelationshipRisk),
});
export type StakeholderMap = z.infer<typeof ZStakeholderMap>;

export const stakeholderRoutes = {
  getStakeholderMap: defineRoute({
    method: "GET",
    path: "/api/v1/accounts/:accountId/stakeholders",
    access: "read",
    tag: "key-player success",
    summary:
      "The account's stakeholder map: each key player's role, influence, success index, outcomes, last touchpoint and latest survey answer, and the relationship risks with their evidence",
    params: z.strictObject({ accountId: ZId }),
    response: ZStakeholderMap,
  }),
} as const;
