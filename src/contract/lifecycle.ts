import { z } from "zod";
import { type BuiltInStage, LIFECYCLE_STAGES, ZLifecycleStage, ZSettingSource } from "./accounts.ts";
import { ZDate, ZId, ZTimestamp } from "./common.ts";
import { defineRoute } from "./route.ts";
import { ZFilterGroup } from "./segments.ts";

/**
 * An account's lifecycle (PRODUCT.md capability 9): the stages it went through and when, how long
 * it has been in its stage, and its time to first value — from the contract's start to the first
 * outcome achieved (docs/lifecycle.md).
 */

export const ZStageVisit = z.object({
  /** null: the account's first stage. */
  from: ZLifecycleStage.nullable(),
  to: ZLifecycleStage,
  at: ZTimestamp,
  source: ZSettingSource,
  by: z.object({ userId: ZId, name: z.string() }).nullable(),
  /** Whole days spent in `to`: until the next change, or until now for the current stage. */
  days: z.number().int(),
});

export const ZAccountLifecycle = z.object({
  stage: ZLifecycleStage,
  /** When the account entered its current stage. */
  since: ZTimestamp,
  daysInStage: z.number().int(),
  /** Oldest first. */
  history: z.array(ZStageVisit),
  /**
   * From the first subscription's start to first value — the first outcome achieved or the
   * workspace's usage milestone reached, whichever came first; null until both exist.
   */
  timeToFirstValue: z
    .object({
      contractStart: ZDate,
      firstValueAt: ZTimestamp,
      /** What counted: an outcome achieved, or the usage milestone (in words). */
      by: z.enum(["outcome", "milestone"]),
      /** The outcome achieved first, when that is what counted. */
      outcome: z.object({ id: ZId, title: z.string() }).nullable(),
      milestone: z.string().nullable(),
      days: z.number().int(),
    })
    .nullable(),
  /** The contract started but nothing is achieved yet: days since the start. */
  daysWithoutValue: z.number().int().nullable(),
  /**
   * The next visible stage after the current one with entry criteria, and whether the account
   * meets them now (an automatic stage moves it there in the nightly pass).
   */
  next: z
    .object({ stage: ZLifecycleStage, label: z.string(), meetsEntry: z.boolean(), automatic: z.boolean() })
    .nullable(),
});
export type AccountLifecycle = z.infer<typeof ZAccountLifecycle>;

/** The built-in stages' names and what each means (docs/lifecycle.md). */
export const BUILT_IN_STAGES: Record<BuiltInStage, { label: string; description: string }> = {
  onboarding: { label: "Onboarding", description: "Set up, trained, first use" },
  adoption: { label: "Adoption", description: "Used regularly by the people who should" },
  value: {
    label: "Performance and value outcomes",
    description: "Key players' outcomes achieved and confirmed",
  },
  transformation: { label: "Transformation", description: "The customer works differently because of it" },
  roi: { label: "ROI", description: "The return is measured and agreed" },
  advocacy: { label: "Advocacy", description: "The customer speaks for us" },
  renewal: { label: "Renewal", description: "The renewal conversation is under way" },
  churned: { label: "Churned", description: "No longer a customer" },
};

/** One stage of a workspace's lifecycle, in journey order. */
export const ZStageDefinition = z.strictObject({
  key: ZLifecycleStage,
  label: z.string().trim().min(1, "is required").max(60, "has at most 60 characters"),
  description: z.string().trim().max(300, "has at most 300 characters").nullable().default(null),
  /** Not offered when setting a stage; accounts already in it stay. Built-in stages are hidden, never removed. */
  hidden: z.boolean().default(false),
  /** Accounts fitting these conditions are ready for the stage; null: no criteria. */
  entry: ZFilterGroup.nullable().default(null),
  /** Accounts meeting the entry criteria move into the stage on their own (forward only, nightly or by hand). */
  automatic: z.boolean().default(false),
});
export type StageDefinition = z.output<typeof ZStageDefinition>;

/** The usage milestone that counts as first value: the account has used `event` `count` times in all. */
export const ZFirstValueMilestone = z.strictObject({
  event: z.string().trim().min(1, "is required").max(200),
  count: z.number().int().min(1, "must be at least 1").max(1_000_000),
});

export const ZLifecycleSettings = z.object({
  stages: z.array(ZStageDefinition.extend({ builtIn: z.boolean(), accounts: z.number().int() })),
  firstValueMilestone: ZFirstValueMilestone.nullable(),
  updatedAt: ZTimestamp.nullable(),
  updatedBy: z.object({ userId: ZId, name: z.string() }).nullable(),
});
export type LifecycleSettings = z.infer<typeof ZLifecycleSettings>;

export const ZLifecycleSettingsUpdate = z.strictObject({
  /** Every stage in order: the eight built-in keys must all be there (hide one rather than drop it). */
  stages: z.array(ZStageDefinition).min(LIFECYCLE_STAGES.length).max(30, "has at most 30 stages").optional(),
  firstValueMilestone: ZFirstValueMilestone.nullable().optional(),
});
export type LifecycleSettingsUpdate = z.input<typeof ZLifecycleSettingsUpdate>;

/** An account moving (or that would move) into a stage whose entry criteria it meets. */
export const ZStageTransition = z.object({
  account: z.object({ id: ZId, name: z.string() }),
  from: ZLifecycleStage,
  to: ZLifecycleStage,
});

export const ZTransitionsResult = z.object({
  /** Applied (false: a preview). */
  applied: z.boolean(),
  moved: z.number().int(),
  /** Account by account (at most 500; `moved` counts all). */
  transitions: z.array(ZStageTransition),
});
export type TransitionsResult = z.infer<typeof ZTransitionsResult>;

export const ZTransitionsPreview = z.strictObject({
  /** Stages to try instead of the saved ones (the editor's unsaved draft). */
  stages: z.array(ZStageDefinition).max(30).optional(),
});

export const lifecycleRoutes = {
  getLifecycleSettings: defineRoute({
    method: "GET",
    path: "/api/v1/lifecycle/settings",
    access: "read",
    tag: "Lifecycle",
    summary: "The workspace's lifecycle stages in order, their entry criteria, and the first-value milestone",
    response: ZLifecycleSettings,
  }),
  updateLifecycleSettings: defineRoute({
    method: "PUT",
    path: "/api/v1/lifecycle/settings",
    access: "admin",
    tag: "Lifecycle",
    summary: "Rename, hide, add or reorder stages, set entry criteria, or name the first-value milestone",
    body: ZLifecycleSettingsUpdate,
    response: ZLifecycleSettings,
  }),
  previewTransitions: defineRoute({
    method: "POST",
    path: "/api/v1/lifecycle/transitions/preview",
    access: "read",
    tag: "Lifecycle",
    summary: "The accounts automatic stages (saved, or these) would move now, without moving them",
    body: ZTransitionsPreview,
    response: ZTransitionsResult,
  }),
  applyTransitions: defineRoute({
    method: "POST",
    path: "/api/v1/lifecycle/transitions/apply",
    access: "admin",
    tag: "Lifecycle",
    summary: "Move every account meeting an automatic stage's entry criteria into it now",
    response: ZTransitionsResult,
  }),
  getAccountLifecycle: defineRoute({
    method: "GET",
    path: "/api/v1/accounts/:accountId/lifecycle",
    access: "read",
    tag: "Accounts",
    summary: "The account's stage history, time in stage and time to first value",
    params: z.strictObject({ accountId: ZId }),
    response: ZAccountLifecycle,
  }),
} as const;
