import { z } from "zod";
import { ZBusinessDate, ZId, ZList, ZTimestamp } from "./common.ts";
import { ZOutcomeKind, ZOutcomeStatus } from "./outcomes.ts";
import { defineRoute } from "./route.ts";

/**
 * Success plans (PRODUCT.md capability 12): what the account and we set out to achieve together —
 * objectives broken into milestones, each serving key players' outcomes, with owners on both
 * sides and due dates — shared with the customer through links that open a read-only page where
 * a key player confirms their outcomes (docs/success-plans.md).
 */

export const PLAN_STATUSES = ["draft", "active", "completed", "archived"] as const;
export const PLAN_ITEM_STATUSES = ["not_started", "in_progress", "done", "at_risk"] as const;
export const PLAN_ITEM_KINDS = ["objective", "milestone"] as const;
export const ZPlanStatus = z.enum(PLAN_STATUSES);
export const ZPlanItemStatus = z.enum(PLAN_ITEM_STATUSES);
export const ZPlanItemKind = z.enum(PLAN_ITEM_KINDS);
export type PlanStatus = z.infer<typeof ZPlanStatus>;
export type PlanItemStatus = z.infer<typeof ZPlanItemStatus>;

/** A share link lasts 90 days unless told otherwise; a year at most. */
export const PLAN_LINK_DEFAULT_DAYS = 90;
export const PLAN_LINK_MAX_DAYS = 365;

const title = z.string().trim().min(1, "is required").max(200, "must be at most 200 characters");
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "must not be blank")
    .max(max, `must be at most ${max.toLocaleString("en-US")} characters`)
    .nullable();

/** A person on either side, as shown. */
const ZPerson = z.object({ id: ZId, name: z.string() });

/** An outcome an item serves, as the plan shows it. */
export const ZPlanOutcome = z.object({
  id: ZId,
  contactId: ZId,
  contactName: z.string(),
  kind: ZOutcomeKind,
  title: z.string(),
  status: ZOutcomeStatus,
  dueDate: z.string().nullable(),
  /** The latest confirmation by the key player through their link, if any. */
  customerConfirmation: z
    .object({ verdict: z.enum(["achieved", "not_yet"]), comment: z.string().nullable(), at: ZTimestamp })
    .nullable(),
});
export type PlanOutcome = z.infer<typeof ZPlanOutcome>;

export const ZPlanItem = z.object({
  id: ZId,
  kind: ZPlanItemKind,
  /** The objective a milestone belongs to; null for objectives. */
  parentId: ZId.nullable(),
  title: z.string(),
  description: z.string().nullable(),
  internalNotes: z.string().nullable(),
  status: ZPlanItemStatus,
  dueDate: z.string().nullable(),
  owner: ZPerson.nullable(),
  customerOwner: ZPerson.nullable(),
  shared: z.boolean(),
  position: z.number().int(),
  /** Done milestones ÷ milestones for an objective that has any; otherwise 1 when done, else 0. */
  progress: z.number(),
  /** Past its due date and not done. */
  overdue: z.boolean(),
  completedAt: ZTimestamp.nullable(),
  outcomes: z.array(ZPlanOutcome),
});
export type PlanItem = z.infer<typeof ZPlanItem>;

export const ZPlanLink = z.object({
  id: ZId,
  /** The key player the link was made for (who may confirm their outcomes); null: view only. */
  contact: ZPerson.nullable(),
  createdBy: ZPerson.nullable(),
  createdAt: ZTimestamp,
  expiresAt: ZTimestamp.nullable(),
  revokedAt: ZTimestamp.nullable(),
  /** active | expired | revoked */
  state: z.enum(["active", "expired", "revoked"]),
});
export type PlanLink = z.infer<typeof ZPlanLink>;

export const ZPlanSummary = z.object({
  id: ZId,
  accountId: ZId,
  accountName: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  status: ZPlanStatus,
  owner: ZPerson.nullable(),
  customerOwner: ZPerson.nullable(),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  /** The mean of the objectives' progress, 0–1; 0 without objectives. */
  progress: z.number(),
  objectives: z.number().int(),
  milestones: z.number().int(),
  overdue: z.number().int(),
  /** Whether an active share link exists. */
  shared: z.boolean(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type PlanSummary = z.infer<typeof ZPlanSummary>;

export const ZPlan = ZPlanSummary.extend({
  /** Objectives in order, each followed in `items` by its milestones. */
  items: z.array(ZPlanItem),
  links: z.array(ZPlanLink),
});
export type Plan = z.infer<typeof ZPlan>;

const planFields = {
  title,
  summary: text(5000),
  status: ZPlanStatus,
  ownerId: ZId.nullable(),
  customerOwnerId: ZId.nullable(),
  startDate: ZBusinessDate.nullable(),
  dueDate: ZBusinessDate.nullable(),
};

export const ZPlanCreate = z.strictObject({
  accountId: ZId,
  title,
  ...z.object(planFields).omit({ title: true }).partial().shape,
  /** Objectives and milestones copied from this template, due dates counted from the start. */
  templateId: ZId.optional(),
});
export type PlanCreate = z.infer<typeof ZPlanCreate>;

export const ZPlanUpdate = z.strictObject(planFields).partial();
export type PlanUpdate = z.infer<typeof ZPlanUpdate>;

export const ZPlanListQuery = z.strictObject({
  accountId: ZId.optional(),
  status: ZList(ZPlanStatus).optional(),
});

const itemFields = {
  title,
  description: text(5000),
  internalNotes: text(5000),
  status: ZPlanItemStatus,
  dueDate: ZBusinessDate.nullable(),
  ownerId: ZId.nullable(),
  customerOwnerId: ZId.nullable(),
  shared: z.boolean(),
  /** The key players' outcomes the item serves (outcomes of the account's contacts). */
  outcomeIds: z.array(ZId).max(50, "must list at most 50 outcomes"),
};

export const ZPlanItemCreate = z.strictObject({
  kind: ZPlanItemKind,
  /** Required for a milestone: the objective it belongs to. */
  parentId: ZId.optional(),
  title,
  ...z.object(itemFields).omit({ title: true }).partial().shape,
});
export type PlanItemCreate = z.infer<typeof ZPlanItemCreate>;

export const ZPlanItemUpdate = z
  .strictObject({
    ...itemFields,
    /** Moves the item to this place among its siblings (0 first). */
    position: z.number().int().min(0, "must be 0 or more"),
  })
  .partial();
export type PlanItemUpdate = z.infer<typeof ZPlanItemUpdate>;

export const ZPlanLinkCreate = z.strictObject({
  /** A key player of the plan's account: the link lets them confirm their own outcomes. */
  contactId: ZId.optional(),
  /** Days until the link stops working (default 90, at most 365); null: it never expires. */
  expiresInDays: z
    .number()
    .int("must be a whole number of days")
    .min(1, "must be at least 1 day")
    .max(PLAN_LINK_MAX_DAYS, `must be at most ${PLAN_LINK_MAX_DAYS} days`)
    .nullable()
    .optional(),
});
export type PlanLinkCreate = z.infer<typeof ZPlanLinkCreate>;

/** A new link: the address is shown once; Steward keeps only its hash. */
export const ZPlanLinkCreated = z.object({ link: ZPlanLink, url: z.string() });

const ZTemplateMilestone = z.strictObject({
  title,
  dueInDays: z.number().int().min(0, "must be 0 or more").max(3650, "must be at most 3,650").optional(),
});
const ZTemplateObjective = z.strictObject({
  title,
  description: z.string().trim().max(5000, "must be at most 5,000 characters").optional(),
  dueInDays: ZTemplateMilestone.shape.dueInDays,
  milestones: z.array(ZTemplateMilestone).max(30, "must have at most 30 milestones").default([]),
});

export const ZPlanTemplate = z.object({
  id: ZId,
  name: z.string(),
  description: z.string().nullable(),
  objectives: z.array(
    z.object({
      title: z.string(),
      description: z.string().optional(),
      dueInDays: z.number().optional(),
      milestones: z.array(z.object({ title: z.string(), dueInDays: z.number().optional() })),
    }),
  ),
  createdAt: ZTimestamp,
});
export type PlanTemplate = z.infer<typeof ZPlanTemplate>;

const templateFields = {
  name: title,
  description: text(1000),
  objectives: z
    .array(ZTemplateObjective)
    .min(1, "must have at least one objective")
    .max(20, "must have at most 20 objectives"),
};
export const ZPlanTemplateCreate = z.strictObject({
  ...templateFields,
  description: templateFields.description.optional(),
});
export type PlanTemplateCreate = z.infer<typeof ZPlanTemplateCreate>;
export const ZPlanTemplateUpdate = z.strictObject(templateFields).partial();
export type PlanTemplateUpdate = z.infer<typeof ZPlanTemplateUpdate>;

const ZPlanParams = z.strictObject({ planId: ZId });
const ZItemParams = z.strictObject({ planId: ZId, itemId: ZId });
const tag = "success plans";

export const planRoutes = {
  listPlans: defineRoute({
    method: "GET",
    path: "/api/v1/success-plans",
    access: "read",
    tag,
    summary: "List success plans with their progress (by account, status)",
    query: ZPlanListQuery,
    response: z.object({ data: z.array(ZPlanSummary) }),
  }),
  createPlan: defineRoute({
    method: "POST",
    path: "/api/v1/success-plans",
    access: "write",
    tag,
    summary: "Start a success plan for an account, empty or from a template",
    body: ZPlanCreate,
    response: ZPlan,
    status: 201,
  }),
  getPlan: defineRoute({
    method: "GET",
    path: "/api/v1/success-plans/:planId",
    access: "read",
    tag,
    summary: "A plan with its objectives, milestones, the outcomes they serve and its share links",
    params: ZPlanParams,
    response: ZPlan,
  }),
  updatePlan: defineRoute({
    method: "PATCH",
    path: "/api/v1/success-plans/:planId",
    access: "write",
    tag,
    summary: "Change a plan (only the fields given)",
    params: ZPlanParams,
    body: ZPlanUpdate,
    response: ZPlan,
  }),
  deletePlan: defineRoute({
    method: "DELETE",
    path: "/api/v1/success-plans/:planId",
    access: "write",
    tag,
    summary: "Delete a plan with its items and links (the outcomes stay)",
    params: ZPlanParams,
    response: null,
    status: 204,
  }),
  createPlanItem: defineRoute({
    method: "POST",
    path: "/api/v1/success-plans/:planId/items",
    access: "write",
    tag,
    summary: "Add an objective, or a milestone under an objective",
    params: ZPlanParams,
    body: ZPlanItemCreate,
    response: ZPlan,
    status: 201,
  }),
  updatePlanItem: defineRoute({
    method: "PATCH",
    path: "/api/v1/success-plans/:planId/items/:itemId",
    access: "write",
    tag,
    summary: "Change an objective or milestone (only the fields given; outcomeIds replaces the list)",
    params: ZItemParams,
    body: ZPlanItemUpdate,
    response: ZPlan,
  }),
  deletePlanItem: defineRoute({
    method: "DELETE",
    path: "/api/v1/success-plans/:planId/items/:itemId",
    access: "write",
    tag,
    summary: "Remove an objective (with its milestones) or a milestone",
    params: ZItemParams,
    response: ZPlan,
  }),
  createPlanLink: defineRoute({
    method: "POST",
    path: "/api/v1/success-plans/:planId/links",
    access: "write",
    tag,
    summary:
      "Make a share link: view only, or for one key player who may then confirm their outcomes; the address is shown once",
    params: ZPlanParams,
    body: ZPlanLinkCreate,
    response: ZPlanLinkCreated,
    status: 201,
  }),
  revokePlanLink: defineRoute({
    method: "DELETE",
    path: "/api/v1/success-plans/:planId/links/:linkId",
    access: "write",
    tag,
    summary: "Revoke a share link: it stops working at once",
    params: z.strictObject({ planId: ZId, linkId: ZId }),
    response: null,
    status: 204,
  }),
  listPlanTemplates: defineRoute({
    method: "GET",
    path: "/api/v1/success-plan-templates",
    access: "read",
    tag,
    summary: "The workspace's plan templates",
    response: z.object({ data: z.array(ZPlanTemplate) }),
  }),
  createPlanTemplate: defineRoute({
    method: "POST",
    path: "/api/v1/success-plan-templates",
    access: "admin",
    tag,
    summary: "Add a plan template",
    body: ZPlanTemplateCreate,
    response: ZPlanTemplate,
    status: 201,
  }),
  updatePlanTemplate: defineRoute({
    method: "PATCH",
    path: "/api/v1/success-plan-templates/:templateId",
    access: "admin",
    tag,
    summary: "Change a plan template (plans made from it keep their own items)",
    params: z.strictObject({ templateId: ZId }),
    body: ZPlanTemplateUpdate,
    response: ZPlanTemplate,
  }),
  deletePlanTemplate: defineRoute({
    method: "DELETE",
    path: "/api/v1/success-plan-templates/:templateId",
    access: "admin",
    tag,
    summary: "Remove a plan template",
    params: z.strictObject({ templateId: ZId }),
    response: null,
    status: 204,
  }),
} as const;
