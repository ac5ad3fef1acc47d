import { z } from "zod";
import { ZLifecycleStage, ZSettingSource } from "./accounts.ts";
import { ZDate, ZId, ZTimestamp } from "./common.ts";
import { defineRoute } from "./route.ts";

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
  /** From the first subscription's start to the first outcome achieved; null until both exist. */
  timeToFirstValue: z
    .object({
      contractStart: ZDate,
      firstValueAt: ZTimestamp,
      /** The outcome achieved first. */
      outcome: z.object({ id: ZId, title: z.string() }),
      days: z.number().int(),
    })
    .nullable(),
  /** The contract started but nothing is achieved yet: days since the start. */
  daysWithoutValue: z.number().int().nullable(),
});
export type AccountLifecycle = z.infer<typeof ZAccountLifecycle>;

export const lifecycleRoutes = {
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
