import { newId } from "../../common/ids.ts";
import { EVENT_PAYLOADS, type NewEvent } from "../../contract/events.ts";
import type { Db } from "../../db/transaction.ts";
import { type Actor, actorPerson, type Ctx } from "../context.ts";
import { type OutboxPoint, pointAfter } from "./cursor.rules.ts";
import { insertEvents } from "./events.queries.ts";

/** An event as a use case states it: its type and payload, and the account it is about. */
export type EventInput = NewEvent & { accountId?: string | null };

const actorOf = (actor: Actor) => ({
  kind: actor.kind,
  userId: actorPerson(actor),
  apiKeyId: actor.kind === "apiKey" ? actor.apiKeyId : null,
  ...(actor.kind === "system" && actor.ruleId ? { ruleId: actor.ruleId } : {}),
});

/**
 * Writes domain events in the caller's transaction, so they exist exactly when the change does.
 * Call it inside the use case's `withTx`. A payload that does not match its type's schema is a
 * programming error and fails the change rather than publishing a malformed event.
 */
export async function recordEvents(ctx: Ctx, events: EventInput[]): Promise<void> {
  if (events.length === 0) return;
  const last = await writeEvents(ctx.db, ctx.workspaceId, ctx.actor, events);
  // The transport waits for consumers up to the last event its work wrote.
  if (ctx.outbox && (!ctx.outbox.last || pointAfter(last, ctx.outbox.last))) ctx.outbox.last = last;
}

/** For writers without a request context (the scheduled health recompute). */
export function writeEvents(db: Db, workspaceId: string, actor: Actor, events: EventInput[]) {
  return insertEvents(
    db,
    workspaceId,
    actorOf(actor),
    events.map((e) => ({
      id: newId(),
      accountId: e.accountId ?? ("accountId" in e.data ? (e.data.accountId as string) : null),
      type: e.type,
      data: EVENT_PAYLOADS[e.type].parse(e.data) as Record<string, unknown>,
    })),
  );
}

/** Notes the furthest event a unit of work wrote (see `Ctx.outbox`). */
export type OutboxTracker = { last: OutboxPoint | null };
export const trackOutbox = (): OutboxTracker => ({ last: null });
