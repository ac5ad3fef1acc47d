import type { DomainEventType } from "../../contract/events.ts";
import type { Ctx } from "../context.ts";
import { accountsConcerned, type EventConsumer } from "../events/index.ts";
import { recomputeHealth } from "../health/index.ts";
import { ruleTriggers } from "../rules/index.ts";
import { inboxFollowUps, inboxRelationshipRisks } from "./inbox-signals.ts";
import { playbookProgress } from "./playbook-progress.ts";
import { revenueMovements } from "./revenue-movements.ts";
import { successHistory } from "./success-history.ts";
import { surveyFollowUp } from "./survey-follow-up.ts";

/** What health reads besides usage: subscriptions, key players, coverage, tier, sentiment, tickets, survey answers. */
const RESCORED_BY: DomainEventType[] = [
  "account.created",
  "account.changed",
  "contact.created",
  "contact.changed",
  "contact.deleted",
  "subscription.created",
  "subscription.changed",
  "subscription.deleted",
  "account_team.changed",
  "sentiment.rated",
  "ticket.created",
  "ticket.changed",
  "ticket.deleted",
  "survey.answered",
  "survey.response_deleted",
  "import.committed",
];

const UNSCORED_IMPORTS = ["usage", "renewal-outcomes"];

/**
 * The first consumer of domain events: a change to what an account's health reads recomputes its
 * score for today, whichever transport made the change (API, web, `steward import`, a rule later),
 * and an API request waits for it, so the answer and the account page show the new score. An
 * import rescores the whole workspace once. Usage reaches scores through the hourly job.
 * Recomputing is idempotent: a redelivered event costs time, never a wrong score.
 */
export const healthRescoring: EventConsumer = {
  name: "health.rescore",
  types: RESCORED_BY,
  async handle(ctx: Ctx, events) {
    // Usage imports reach scores through the hourly recompute, like ingested usage; health reads
    // no renewal outcomes.
    if (
      events.some((e) => e.type === "import.committed" && !UNSCORED_IMPORTS.includes(String(e.data.target)))
    ) {
      await recomputeHealth(ctx.db, ctx.workspaceId);
      return;
    }
    const ids = accountsConcerned(events);
    if (ids.length > 0) await recomputeHealth(ctx.db, ctx.workspaceId, { accountIds: ids });
  },
};

/** Every in-process consumer, in the order a pass serves them. */
export const domainConsumers: EventConsumer[] = [
  healthRescoring,
  revenueMovements,
  surveyFollowUp,
  inboxFollowUps,
  inboxRelationshipRisks,
  successHistory,
  playbookProgress,
  ruleTriggers,
];
