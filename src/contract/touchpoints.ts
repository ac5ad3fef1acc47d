import { z } from "zod";
import { ZDate, ZFunction, ZId, ZList, ZPage, ZPageQuery, ZTimestamp } from "./common.ts";
import { defineRoute } from "./route.ts";

/**
 * Touchpoints from every function and the journey view (PRODUCT.md capability 3, docs/journey.md):
 * each encounter with a customer, the customer's decision step and our business-development step it
 * served, who was there, how well our employee performed and how the customer experienced it.
 */

export const TOUCHPOINT_CHANNELS = [
  "meeting",
  "call",
  "email",
  "event",
  "webinar",
  "demo",
  "proposal",
  "kickoff",
  "training",
  "ticket",
  "qbr_ebr",
  "in_app",
  "other",
] as const;
export const ZTouchpointChannel = z.enum(TOUCHPOINT_CHANNELS);

/** Each channel in words, for pickers, lists and timeline titles. */
export const CHANNEL_LABELS: Record<(typeof TOUCHPOINT_CHANNELS)[number], string> = {
  meeting: "Meeting",
  call: "Call",
  email: "Email",
  event: "Event",
  webinar: "Webinar",
  demo: "Demo",
  proposal: "Proposal",
  kickoff: "Kickoff",
  training: "Training",
  ticket: "Support ticket",
  qbr_ebr: "QBR / EBR",
  in_app: "In-app",
  other: "Other",
};
export type TouchpointChannel = z.infer<typeof ZTouchpointChannel>;

export const TOUCHPOINT_SOURCES = ["manual", "import", "email"] as const;

/** The workspace's editable lists: customer decision steps, our development steps, experience dimensions. */
export const JOURNEY_LISTS = ["decision", "development", "dimension"] as const;
export const ZJourneyList = z.enum(JOURNEY_LISTS);
export type JourneyList = z.infer<typeof ZJourneyList>;

export const ZListItem = z.object({
  list: ZJourneyList,
  key: z.string(),
  label: z.string(),
  description: z.string().nullable(),
  position: z.number().int(),
  archived: z.boolean(),
  /** Touchpoints (or survey answers, for dimensions) that use the item: such an item is archived, not deleted. */
  uses: z.number().int(),
});
export type ListItem = z.infer<typeof ZListItem>;

export const ZJourneyLists = z.object({
  decision: z.array(ZListItem),
  development: z.array(ZListItem),
  dimension: z.array(ZListItem),
});
export type JourneyLists = z.infer<typeof ZJourneyLists>;

const ZItemKey = z
  .string()
  .trim()
  .min(1, "is required")
  .max(60, "must be at most 60 characters")
  .regex(/^[a-z0-9]+(?:_[a-z0-9]+)*$/, "must be lower-case letters and digits joined by underscores");
const ZItemLabel = z.string().trim().min(1, "is required").max(100, "must be at most 100 characters");
const ZItemDescription = z
  .string()
  .trim()
  .min(1, "must not be blank")
  .max(500, "must be at most 500 characters")
  .nullable();

export const ZListItemCreate = z.strictObject({
  /** Made from the label when left out (`Renew and expand` → `renew_and_expand`). */
  key: ZItemKey.optional(),
  label: ZItemLabel,
  description: ZItemDescription.optional(),
});
export type ListItemCreate = z.infer<typeof ZListItemCreate>;

export const ZListItemUpdate = z.strictObject({
  label: ZItemLabel.optional(),
  description: ZItemDescription.optional(),
  archived: z.boolean().optional(),
});
export type ListItemUpdate = z.infer<typeof ZListItemUpdate>;

export const ZListOrder = z.strictObject({
  /** Every key of the list, archived ones included, in their new order. */
  keys: z.array(z.string().max(60)).min(1, "must name the list's items").max(200),
});

const ZRating = z
  .number()
  .int("must be a whole number from 1 to 5")
  .min(1, "must be from 1 to 5")
  .max(5, "must be from 1 to 5");

export const ZTouchpointPlayer = z.object({ contactId: ZId, name: z.string() });

export const ZTouchpoint = z.object({
  id: ZId,
  accountId: ZId,
  accountName: z.string(),
  externalId: z.string().nullable(),
  channel: ZTouchpointChannel,
  function: ZFunction,
  employeeId: ZId.nullable(),
  employeeName: z.string().nullable(),
  decisionStep: z.string().nullable(),
  developmentStep: z.string().nullable(),
  title: z.string(),
  notes: z.string().nullable(),
  occurredAt: ZTimestamp,
  /** The key players present. */
  players: z.array(ZTouchpointPlayer),
  /** Our employee's performance, 1–5. */
  qualityRating: z.number().int().nullable(),
  /** Who rated it: a manager or reviewer; null when self-assessed or not rated. */
  qualityRatedBy: ZId.nullable(),
  qualityRatedByName: z.string().nullable(),
  /** The employee rated their own performance. */
  qualitySelfAssessed: z.boolean(),
  /** The customer's experience, 1–5, when known. */
  experienceRating: z.number().int().nullable(),
  source: z.enum(TOUCHPOINT_SOURCES),
  createdBy: ZId.nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type Touchpoint = z.infer<typeof ZTouchpoint>;

const ZStepKey = z.string().trim().min(1, "must not be blank").max(60, "must be at most 60 characters");

const touchpointFields = {
  channel: ZTouchpointChannel,
  function: ZFunction,
  employeeId: ZId.nullable(),
  decisionStep: ZStepKey.nullable(),
  developmentStep: ZStepKey.nullable(),
  title: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
  notes: z.string().trim().max(20_000, "must be at most 20,000 characters").nullable(),
  occurredAt: ZTimestamp,
  contactIds: z.array(ZId).max(50, "must name at most 50 key players"),
  qualityRating: ZRating.nullable(),
  experienceRating: ZRating.nullable(),
};

export const ZTouchpointCreate = z.strictObject({
  accountId: ZId,
  /** The CRM's id, when the touchpoint comes from one; a later import matches on it. */
  externalId: z.string().trim().min(1).max(200).nullable().optional(),
  channel: touchpointFields.channel,
  title: touchpointFields.title,
  ...z.object(touchpointFields).omit({ channel: true, title: true }).partial().shape,
});
export type TouchpointCreate = z.infer<typeof ZTouchpointCreate>;

export const ZTouchpointUpdate = z.strictObject(touchpointFields).partial();
export type TouchpointUpdate = z.infer<typeof ZTouchpointUpdate>;

export const ZTouchpointListQuery = z.strictObject({
  ...ZPageQuery,
  accountId: ZId.optional(),
  contactId: ZId.optional(),
  employeeId: ZId.optional(),
  function: ZList(ZFunction).optional(),
  channel: ZList(ZTouchpointChannel).optional(),
  /** Inclusive UTC days. */
  from: ZDate.optional(),
  to: ZDate.optional(),
});
export type TouchpointListQuery = z.infer<typeof ZTouchpointListQuery>;

/** Count and averages of a set of touchpoints; an average is null without ratings (never 0). */
export const ZJourneyFigures = z.object({
  touchpoints: z.number().int(),
  avgQuality: z.number().nullable(),
  avgExperience: z.number().nullable(),
});
export type JourneyFigures = z.infer<typeof ZJourneyFigures>;

export const ZJourneyGap = z.object({
  kind: z.enum(["step_without_touchpoints", "function_absent"]),
  step: z.string(),
  function: ZFunction.nullable(),
  /** The gap in plain words, for people and screen readers. */
  reason: z.string(),
});
export type JourneyGap = z.infer<typeof ZJourneyGap>;

const ZPeriod = { from: ZDate, to: ZDate };

export const ZJourney = z.object({
  accountId: ZId.nullable(),
  ...ZPeriod,
  /** The decision steps (rows): the list's items in order, and archived ones only when used in the period. */
  steps: z.array(z.object({ key: z.string(), label: z.string(), archived: z.boolean() })),
  /** The functions (columns), in FUNCTIONS order. */
  functions: z.array(ZFunction),
  /** Non-empty cells of step × function. */
  cells: z.array(z.object({ step: z.string(), function: ZFunction, ...ZJourneyFigures.shape })),
  stepTotals: z.array(z.object({ step: z.string(), ...ZJourneyFigures.shape })),
  functionTotals: z.array(z.object({ function: ZFunction, ...ZJourneyFigures.shape })),
  /** Touchpoints that name no decision step. */
  withoutStep: ZJourneyFigures,
  total: ZJourneyFigures,
  gaps: z.array(ZJourneyGap),
  /** Per business-development step, in the list's order (touchpoints naming none under `withoutStep`). */
  development: z.array(
    z.object({ step: z.string(), label: z.string(), archived: z.boolean(), ...ZJourneyFigures.shape }),
  ),
});
export type Journey = z.infer<typeof ZJourney>;

export const ZJourneyQuery = z.strictObject({
  accountId: ZId.optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
});

export const ZEmployeeSummary = z.object({
  employeeId: ZId,
  name: z.string(),
  function: ZFunction.nullable(),
  touchpoints: z.number().int(),
  /** Quality as rated by a manager or reviewer. */
  avgQuality: z.number().nullable(),
  reviewed: z.number().int(),
  /** The employee's own ratings, apart. */
  avgSelfQuality: z.number().nullable(),
  selfAssessed: z.number().int(),
  avgExperience: z.number().nullable(),
  experienceRated: z.number().int(),
});
export type EmployeeSummary = z.infer<typeof ZEmployeeSummary>;

export const ZEmployeeSummaries = z.object({
  ...ZPeriod,
  /** True when the caller sees only their own row (a member). */
  ownOnly: z.boolean(),
  data: z.array(ZEmployeeSummary),
});
export type EmployeeSummaries = z.infer<typeof ZEmployeeSummaries>;

const ZTouchpointParams = z.strictObject({ touchpointId: ZId });
const ZListParams = z.strictObject({ list: ZJourneyList });
const ZItemParams = z.strictObject({ list: ZJourneyList, key: z.string().max(60) });
const tag = "touchpoints and journey";

export const touchpointRoutes = {
  listTouchpoints: defineRoute({
    method: "GET",
    path: "/api/v1/touchpoints",
    access: "read",
    tag,
    summary: "List touchpoints, newest first (by account, key player, employee, function, channel, period)",
    query: ZTouchpointListQuery,
    response: ZPage(ZTouchpoint),
  }),
  createTouchpoint: defineRoute({
    method: "POST",
    path: "/api/v1/touchpoints",
    access: "write",
    tag,
    summary: "Log a touchpoint with an account (the employee defaults to the caller)",
    body: ZTouchpointCreate,
    response: ZTouchpoint,
    status: 201,
  }),
  getTouchpoint: defineRoute({
    method: "GET",
    path: "/api/v1/touchpoints/:touchpointId",
    access: "read",
    tag,
    summary: "Get one touchpoint with its key players",
    params: ZTouchpointParams,
    response: ZTouchpoint,
  }),
  updateTouchpoint: defineRoute({
    method: "PATCH",
    path: "/api/v1/touchpoints/:touchpointId",
    access: "write",
    tag,
    summary: "Update a touchpoint (only the fields given; contactIds replaces the key players)",
    params: ZTouchpointParams,
    body: ZTouchpointUpdate,
    response: ZTouchpoint,
  }),
  deleteTouchpoint: defineRoute({
    method: "DELETE",
    path: "/api/v1/touchpoints/:touchpointId",
    access: "write",
    tag,
    summary: "Delete a touchpoint",
    params: ZTouchpointParams,
    response: null,
    status: 204,
  }),
  getJourney: defineRoute({
    method: "GET",
    path: "/api/v1/journey",
    access: "read",
    tag,
    summary:
      "Touchpoints by decision step × function with counts, average quality and experience, and gaps (an account or the workspace)",
    query: ZJourneyQuery,
    response: ZJourney,
  }),
  listEmployeeSummaries: defineRoute({
    method: "GET",
    path: "/api/v1/journey/employees",
    access: "read",
    tag,
    summary:
      "Per-employee touchpoint quality and experience (members see their own row; managers and up everyone's; viewers none)",
    query: z.strictObject({ from: ZDate.optional(), to: ZDate.optional() }),
    response: ZEmployeeSummaries,
  }),
  listJourneyLists: defineRoute({
    method: "GET",
    path: "/api/v1/journey/lists",
    access: "read",
    tag,
    summary: "The workspace's decision steps, development steps and experience dimensions, in order",
    response: ZJourneyLists,
  }),
  createListItem: defineRoute({
    method: "POST",
    path: "/api/v1/journey/lists/:list/items",
    access: "admin",
    tag,
    summary: "Add an item at the end of a list",
    params: ZListParams,
    body: ZListItemCreate,
    response: ZListItem,
    status: 201,
  }),
  updateListItem: defineRoute({
    method: "PATCH",
    path: "/api/v1/journey/lists/:list/items/:key",
    access: "admin",
    tag,
    summary: "Rename, describe, archive or restore a list item (its key stays, so history keeps it)",
    params: ZItemParams,
    body: ZListItemUpdate,
    response: ZListItem,
  }),
  reorderListItems: defineRoute({
    method: "PUT",
    path: "/api/v1/journey/lists/:list/order",
    access: "admin",
    tag,
    summary: "Put a list's items in a new order (every key, once)",
    params: ZListParams,
    body: ZListOrder,
    response: z.object({ data: z.array(ZListItem) }),
  }),
  deleteListItem: defineRoute({
    method: "DELETE",
    path: "/api/v1/journey/lists/:list/items/:key",
    access: "admin",
    tag,
    summary: "Delete an unused list item; an item in use is archived instead",
    params: ZItemParams,
    response: z.object({ result: z.enum(["deleted", "archived"]) }),
  }),
} as const;
