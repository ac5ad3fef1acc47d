import { z } from "zod";
import { ZId, ZPage, ZPageQuery, ZTimestamp } from "./common.ts";
import { defineRoute } from "./route.ts";

/**
 * Segments (PRODUCT.md capability 8): saved dynamic filters over accounts or contacts — any field
 * or custom field, health, churn probability, usage, success index, lifecycle, renewal, coverage,
 * owner, survey scores, last touchpoint — with AND/OR groups, live counts and a membership history
 * (who entered and left, when). Lists, rules and surveys use them (docs/segments.md).
 */

export const SEGMENT_ENTITIES = ["account", "contact"] as const;
export const ZSegmentEntity = z.enum(SEGMENT_ENTITIES);
export type SegmentEntity = z.infer<typeof ZSegmentEntity>;

/** What kind of value a field holds; it decides the operators and the value a condition takes. */
export const FIELD_TYPES = ["text", "number", "date", "enum", "member", "boolean"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const CONDITION_OPS = [
  // text
  "contains",
  "not_contains",
  // text, number
  "eq",
  "neq",
  // number
  "gt",
  "gte",
  "lt",
  "lte",
  "between",
  // text, enum, member
  "in",
  "not_in",
  // date
  "before",
  "after",
  "in_last_days",
  "in_next_days",
  "more_than_days_ago",
  // boolean
  "is_true",
  "is_false",
  // any
  "is_set",
  "is_empty",
] as const;
export const ZConditionOp = z.enum(CONDITION_OPS);
export type ConditionOp = z.infer<typeof ZConditionOp>;

/**
 * Operators in words, as the end of a sentence that starts with the field ("Churn probability" +
 * "is more than" + "30"): the builder's labels and the server's messages say the same thing.
 */
export const CONDITION_OP_WORDS: Record<ConditionOp, string> = {
  contains: "contains",
  not_contains: "does not contain",
  eq: "is",
  neq: "is not",
  gt: "is more than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  between: "is between",
  in: "is any of",
  not_in: "is none of",
  before: "is before",
  after: "is after",
  in_last_days: "is in the last … days",
  in_next_days: "is in the next … days",
  more_than_days_ago: "is more than … days ago",
  is_true: "is yes",
  is_false: "is no",
  is_set: "has a value",
  is_empty: "is empty",
};

/** The operators each type of field takes. */
export const OPS_BY_TYPE: Record<FieldType, readonly ConditionOp[]> = {
  text: ["eq", "neq", "contains", "not_contains", "in", "not_in", "is_set", "is_empty"],
  number: ["eq", "neq", "gt", "gte", "lt", "lte", "between", "is_set", "is_empty"],
  date: [
    "before",
    "after",
    "between",
    "in_last_days",
    "in_next_days",
    "more_than_days_ago",
    "is_set",
    "is_empty",
  ],
  enum: ["in", "not_in", "is_set", "is_empty"],
  member: ["in", "not_in", "is_set", "is_empty"],
  boolean: ["is_true", "is_false"],
};

/**
 * One test of a field. `value` by operator: none (`is_set`, `is_empty`, `is_true`, `is_false`);
 * a list (`in`, `not_in`); `[from, to]` (`between`, both ends included); a whole number of days
 * (`in_last_days`, `in_next_days`, `more_than_days_ago`); else one value (a date as YYYY-MM-DD).
 */
export const ZCondition = z.strictObject({
  field: z.string().min(1).max(120),
  op: ZConditionOp,
  value: z
    .union([
      z.string().max(500),
      z.number(),
      z.boolean(),
      z.array(z.union([z.string().max(500), z.number()])).max(200),
    ])
    .optional(),
});
export type Condition = z.infer<typeof ZCondition>;

export type FilterGroup = { match: "all" | "any"; conditions: (Condition | FilterGroup)[] };

/** Conditions joined by AND (`all`) or OR (`any`); groups nest three deep at most. */
export const ZFilterGroup: z.ZodType<FilterGroup> = z.lazy(() =>
  z.strictObject({
    match: z.enum(["all", "any"]),
    conditions: z.array(z.union([ZCondition, ZFilterGroup])).max(50),
  }),
);

/** A field a segment can test, as the builder lists it. */
export const ZSegmentField = z.object({
  key: z.string(),
  label: z.string(),
  /** Where the builder files it: Account, Health and risk, Usage, Voice of the customer, … */
  group: z.string(),
  type: z.enum(FIELD_TYPES),
  /** enum fields: the values and their labels. */
  options: z.array(z.object({ value: z.string(), label: z.string() })).nullable(),
  /** e.g. "%" for a probability given as 0–100, "days". */
  unit: z.string().nullable(),
  /** Kept day by day, so a replay can read it as it was; otherwise only today's value is known. */
  historical: z.boolean(),
  description: z.string(),
});
export type SegmentField = z.infer<typeof ZSegmentField>;

const ZPerson = z.object({ userId: ZId, name: z.string() });

export const ZSegment = z.object({
  id: ZId,
  name: z.string(),
  description: z.string().nullable(),
  entity: ZSegmentEntity,
  filter: ZFilterGroup,
  /** Members at the last refresh (every 15 minutes, and whenever the segment is saved). */
  memberCount: z.number().int(),
  refreshedAt: ZTimestamp.nullable(),
  createdBy: ZPerson.nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type Segment = z.infer<typeof ZSegment>;

const ZName = z.string().trim().min(1, "is required").max(120);

export const ZSegmentCreate = z.strictObject({
  name: ZName,
  description: z.string().trim().max(2000).nullable().optional(),
  entity: ZSegmentEntity,
  filter: ZFilterGroup,
});
export type SegmentCreate = z.infer<typeof ZSegmentCreate>;

export const ZSegmentUpdate = z
  .strictObject({
    name: ZName,
    description: z.string().trim().max(2000).nullable(),
    filter: ZFilterGroup,
  })
  .partial();
export type SegmentUpdate = z.infer<typeof ZSegmentUpdate>;

export const ZSegmentPreview = z.strictObject({ entity: ZSegmentEntity, filter: ZFilterGroup });

/** A record of the segment: an account, or a contact with its account. */
export const ZSegmentMember = z.object({
  id: ZId,
  name: z.string(),
  /** The contact's account (contact segments). */
  account: z.object({ id: ZId, name: z.string() }).nullable(),
  /** When it entered this time (members); absent in a preview. */
  enteredAt: ZTimestamp.nullable(),
});
export type SegmentMember = z.infer<typeof ZSegmentMember>;

export const ZSegmentPreviewResult = z.object({
  count: z.number().int(),
  /** The first 20 by name. */
  sample: z.array(ZSegmentMember),
});

/** One entry or exit, newest first. */
export const ZSegmentChange = z.object({
  id: ZId,
  name: z.string(),
  change: z.enum(["entered", "left"]),
  at: ZTimestamp,
});
export type SegmentChange = z.infer<typeof ZSegmentChange>;

const ZSegmentParams = z.strictObject({ segmentId: ZId });
const tag = "segments";

export const segmentRoutes = {
  listSegments: defineRoute({
    method: "GET",
    path: "/api/v1/segments",
    access: "read",
    tag,
    summary: "The workspace's segments with their member counts",
    query: z.strictObject({ entity: ZSegmentEntity.optional() }),
    response: z.object({ data: z.array(ZSegment) }),
  }),
  listSegmentFields: defineRoute({
    method: "GET",
    path: "/api/v1/segments/fields",
    access: "read",
    tag,
    summary: "The fields a segment of accounts or contacts can test, custom fields included",
    query: z.strictObject({ entity: ZSegmentEntity }),
    response: z.object({ data: z.array(ZSegmentField) }),
  }),
  previewSegment: defineRoute({
    method: "POST",
    path: "/api/v1/segments/preview",
    access: "read",
    tag,
    summary: "How many records a filter matches now, and the first of them (nothing is saved)",
    body: ZSegmentPreview,
    response: ZSegmentPreviewResult,
  }),
  createSegment: defineRoute({
    method: "POST",
    path: "/api/v1/segments",
    access: "write",
    tag,
    summary: "Save a segment; its members are counted at once",
    body: ZSegmentCreate,
    response: ZSegment,
    status: 201,
  }),
  getSegment: defineRoute({
    method: "GET",
    path: "/api/v1/segments/:segmentId",
    access: "read",
    tag,
    summary: "One segment",
    params: ZSegmentParams,
    response: ZSegment,
  }),
  updateSegment: defineRoute({
    method: "PATCH",
    path: "/api/v1/segments/:segmentId",
    access: "write",
    tag,
    summary: "Rename a segment or change its filter (its members are counted again at once)",
    params: ZSegmentParams,
    body: ZSegmentUpdate,
    response: ZSegment,
  }),
  refreshSegment: defineRoute({
    method: "POST",
    path: "/api/v1/segments/:segmentId/refresh",
    access: "write",
    tag,
    summary:
      "Count the segment's members now rather than at the next refresh (entries and exits are recorded)",
    params: ZSegmentParams,
    response: ZSegment,
  }),
  deleteSegment: defineRoute({
    method: "DELETE",
    path: "/api/v1/segments/:segmentId",
    access: "write",
    tag,
    summary: "Delete a segment and its membership history",
    params: ZSegmentParams,
    response: null,
    status: 204,
  }),
  listSegmentMembers: defineRoute({
    method: "GET",
    path: "/api/v1/segments/:segmentId/members",
    access: "read",
    tag,
    summary: "The segment's members at its last refresh, by name, with when each entered",
    params: ZSegmentParams,
    query: z.strictObject({ ...ZPageQuery }),
    response: ZPage(ZSegmentMember),
  }),
  listSegmentChanges: defineRoute({
    method: "GET",
    path: "/api/v1/segments/:segmentId/changes",
    access: "read",
    tag,
    summary: "Who entered and left the segment, and when, newest first",
    params: ZSegmentParams,
    query: z.strictObject({ ...ZPageQuery }),
    response: ZPage(ZSegmentChange),
  }),
} as const;
