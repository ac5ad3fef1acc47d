import { z } from "zod";
import { ZAdvocacyKind, ZAdvocacyState } from "./advocacy.ts";
import { ZHealthBand } from "./health.ts";
import { defineRoute } from "./route.ts";
import { ZTaskKind, ZTaskOutcome, ZTaskReasonKind, ZTaskType } from "./tasks.ts";

/**
 * Domain events: what changed in a workspace, written in the same transaction as the change
 * (a transactional outbox). Steward's own consumers (health rescoring first; rules, webhooks and
 * notifications later) react to them, and `GET /api/v1/changes` lets an integrator follow them.
 * Types are `<entity>.<verb>`; payloads carry ids and codes, never personal data (names, emails,
 * notes): a consumer reads what it needs from the entity itself.
 */

const ZUuid = z.uuid();

const account = { accountId: ZUuid };
const moved = {
  /** Set when the change moved the record to another account: that account changed too. */
  previousAccountId: ZUuid.nullable().optional(),
};

/** Every event type with its payload; `data` of an event is validated against its type's schema. */
export const EVENT_PAYLOADS = {
  "account.created": z.object(account),
  "account.changed": z.object({ ...account, fields: z.array(z.string()) }),
  "account.deleted": z.object(account),
  "contact.created": z.object({ ...account, contactId: ZUuid }),
  "contact.changed": z.object({ ...account, contactId: ZUuid, ...moved, fields: z.array(z.string()) }),
  "contact.deleted": z.object({ ...account, contactId: ZUuid }),
  "subscription.created": z.object({ ...account, subscriptionId: ZUuid }),
  "subscription.changed": z.object({
    ...account,
    subscriptionId: ZUuid,
    ...moved,
    fields: z.array(z.string()),
  }),
  "subscription.deleted": z.object({ ...account, subscriptionId: ZUuid }),
  "account_team.changed": z.object({ ...account, userId: ZUuid }),
  "outcome.created": z.object({ ...account, contactId: ZUuid, outcomeId: ZUuid }),
  "outcome.changed": z.object({
    ...account,
    contactId: ZUuid,
    outcomeId: ZUuid,
    /** Fields that changed; "evidence" when evidence was added or removed. */
    fields: z.array(z.string()),
  }),
  "outcome.deleted": z.object({ ...account, contactId: ZUuid, outcomeId: ZUuid }),
  "plan.created": z.object({ ...account, planId: ZUuid }),
  /** Fields of the plan, or "items" / "links" when its objectives, milestones or share links changed. */
  "plan.changed": z.object({ ...account, planId: ZUuid, fields: z.array(z.string()) }),
  "plan.deleted": z.object({ ...account, planId: ZUuid }),
  /** A key player answered through their plan link: confirmed an outcome achieved, or said not yet. */
  "outcome.customer_confirmed": z.object({
    ...account,
    contactId: ZUuid,
    outcomeId: ZUuid,
    planId: ZUuid,
    verdict: z.enum(["achieved", "not_yet"]),
  }),
  "ticket.created": z.object({ ...account, ticketId: ZUuid }),
  "ticket.changed": z.object({ ...account, ticketId: ZUuid, fields: z.array(z.string()) }),
  "ticket.deleted": z.object({ ...account, ticketId: ZUuid }),
  /** A survey answer was recorded (answered on Steward's page or imported); scores are not personal data. */
  "survey.answered": z.object({
    ...account,
    contactId: ZUuid,
    responseId: ZUuid,
    kind: z.enum(["nps", "csat", "ces", "dimension"]),
    score: z.number(),
  }),
  "survey.response_deleted": z.object({ ...account, contactId: ZUuid, responseId: ZUuid }),
  /** The closed loop: an answer that calls for a call back (detractor, CSAT 1–2, CES ≤ 2). */
  "survey.follow_up_needed": z.object({ ...account, contactId: ZUuid, responseId: ZUuid }),
  /** An inbox item was opened (an occurrence of an open one is not a new item). */
  "task.created": z.object({
    ...account,
    taskId: ZUuid,
    kind: ZTaskKind,
    type: ZTaskType,
    reasonKind: ZTaskReasonKind,
    ruleId: ZUuid.nullable(),
  }),
  /** Fields of the item that changed: "ownerId" (reassigned), "snoozedUntil", "escalated", "reopened", … */
  "task.changed": z.object({ ...account, taskId: ZUuid, fields: z.array(z.string()) }),
  "task.closed": z.object({
    ...account,
    taskId: ZUuid,
    outcome: ZTaskOutcome,
  }),
  /** A playbook was applied to an account (or, `heldOut`, the account was held out of it by its rule). */
  "playbook.started": z.object({
    ...account,
    playbookId: ZUuid,
    runId: ZUuid,
    ruleId: ZUuid.nullable(),
    heldOut: z.boolean(),
  }),
  /** A playbook run ended: every step closed (`completed`) or stopped by hand (`cancelled`). */
  "playbook.ended": z.object({
    ...account,
    playbookId: ZUuid,
    runId: ZUuid,
    status: z.enum(["completed", "cancelled"]),
  }),
  /** A refresh found the record newly in a segment (an account, or a contact of `accountId`). */
  "segment.entered": z.object({ ...account, segmentId: ZUuid, contactId: ZUuid.nullable() }),
  "segment.left": z.object({ ...account, segmentId: ZUuid, contactId: ZUuid.nullable() }),
  "touchpoint.created": z.object({ ...account, touchpointId: ZUuid }),
  "touchpoint.changed": z.object({ ...account, touchpointId: ZUuid, fields: z.array(z.string()) }),
  "touchpoint.deleted": z.object({ ...account, touchpointId: ZUuid }),
  /** Mail sent to the capture address was kept: matched (a touchpoint of `accountId`) or unmatched (to review). */
  "captured_email.received": z.object({
    capturedEmailId: ZUuid,
    accountId: ZUuid.nullable(),
    status: z.enum(["matched", "unmatched"]),
  }),
  "captured_email.assigned": z.object({ ...account, capturedEmailId: ZUuid, touchpointId: ZUuid }),
  "captured_email.dismissed": z.object({ capturedEmailId: ZUuid }),
  "member.added": z.object({ userId: ZUuid }),
  "member.changed": z.object({ userId: ZUuid, fields: z.array(z.string()) }),
  "member.removed": z.object({ userId: ZUuid }),
  "health.band_changed": z.object({
    ...account,
    day: z.iso.date(),
    /** null: the account had no band (new, or not enough data yet). */
    from: ZHealthBand.nullable(),
    to: ZHealthBand.nullable(),
  }),
  "sentiment.rated": z.object({ ...account, sentimentId: ZUuid, rating: z.number() }),
  "renewal.changed": z.object({
    ...account,
    subscriptionId: ZUuid,
    dueDate: z.iso.date(),
    fields: z.array(z.string()),
  }),
  /**
   * A renewal's outcome was recorded, changed, or (null) withdrawn. An imported outcome that no
   * subscription's end matches names only the account (`subscriptionId` null).
   */
  "renewal.decided": z.object({
    ...account,
    subscriptionId: ZUuid.nullable(),
    dueDate: z.iso.date(),
    outcome: z.enum(["renewed", "expanded", "downgraded", "churned"]).nullable(),
    reasonCode: z.string().nullable(),
  }),
  "expansion.created": z.object({ ...account, opportunityId: ZUuid }),
  "expansion.changed": z.object({
    ...account,
    opportunityId: ZUuid,
    fields: z.array(z.string()),
    stage: z.enum(["open", "won", "lost"]),
  }),
  "expansion.deleted": z.object({ ...account, opportunityId: ZUuid }),
  /** Someone at the account (`contactId`, or the account as a whole) was asked to advocate. */
  "advocacy.asked": z.object({
    ...account,
    askId: ZUuid,
    contactId: ZUuid.nullable(),
    kind: ZAdvocacyKind,
  }),
  /** An ask moved on ("state", with the state it is in now) or its detail changed ("detail"). */
  "advocacy.changed": z.object({
    ...account,
    askId: ZUuid,
    fields: z.array(z.string()),
    state: ZAdvocacyState,
  }),
  "advocacy.deleted": z.object({ ...account, askId: ZUuid }),
  /** A charter version was approved: it is the current charter now. */
  "charter.approved": z.object({ charterVersionId: ZUuid, version: z.number().int() }),
  "import.committed": z.object({
    importId: ZUuid,
    target: z.string(),
    created: z.number().int(),
    updated: z.number().int(),
  }),
} as const;

export type DomainEventType = keyof typeof EVENT_PAYLOADS;
export const DOMAIN_EVENT_TYPES = Object.keys(EVENT_PAYLOADS) as [DomainEventType, ...DomainEventType[]];
export const ZDomainEventType = z.enum(DOMAIN_EVENT_TYPES);
export type EventPayload<T extends DomainEventType> = z.infer<(typeof EVENT_PAYLOADS)[T]>;

/** An event as written by a use case: its type, the account it concerns (if any) and its payload. */
export type NewEvent = { [T in DomainEventType]: { type: T; data: EventPayload<T> } }[DomainEventType];

export const ZChangeEvent = z.object({
  id: ZUuid,
  type: ZDomainEventType,
  /** The account the event concerns, for events about one; their order is kept per account. */
  accountId: ZUuid.nullable(),
  /** Who made the change: a person (id), an API key (id and its person) or Steward itself. */
  actor: z.object({
    kind: z.enum(["user", "apiKey", "system"]),
    userId: ZUuid.nullable(),
    apiKeyId: ZUuid.nullable(),
  }),
  occurredAt: z.iso.datetime({ offset: true }),
  data: z.record(z.string(), z.unknown()),
});
export type ChangeEvent = z.infer<typeof ZChangeEvent>;

export const ZChangesQuery = z.strictObject({
  /** The `next` of the previous page; omitted, the oldest event still kept (30 days). */
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const ZChangesPage = z.object({
  data: z.array(ZChangeEvent),
  /** Pass as `after` for the following events; stays the same when there are none yet. */
  next: z.string(),
  /** More events are ready now (the page was full). */
  hasMore: z.boolean(),
});
export type ChangesPage = z.infer<typeof ZChangesPage>;

export const eventRoutes = {
  listChanges: defineRoute({
    method: "GET",
    path: "/api/v1/changes",
    access: "read",
    tag: "changes",
    summary:
      "The workspace's domain events in commit order, from a cursor: never skips an event that commits late; kept 30 days (an older cursor answers 410)",
    query: ZChangesQuery,
    response: ZChangesPage,
  }),
};
