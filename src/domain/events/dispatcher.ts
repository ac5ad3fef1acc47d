import type { DomainEventType } from "../../contract/events.ts";
import { type Db, withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { isDatabaseDown } from "../kernel/index.ts";
import { lockKey } from "../kernel/locks.queries.ts";
import type { OutboxPoint } from "./cursor.rules.ts";
import {
  consumerPosition,
  consumersPast,
  type EventRow,
  hasWaitingEvents,
  parkEvent,
  readEvents,
  saveConsumerPosition,
} from "./events.queries.ts";

/** An event as a consumer receives it. */
export type DeliveredEvent = {
  id: string;
  type: DomainEventType;
  accountId: string | null;
  data: Record<string, unknown>;
  position: number;
  occurredAt: Date;
  /** The rule whose actions made the change, if one did. */
  byRule: string | null;
};

/**
 * The accounts a batch of events concerns: each event's account, and the account a record moved
 * away from. Events of no account (an import committed) add none.
 */
export function accountsConcerned(events: readonly DeliveredEvent[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.accountId) ids.add(e.accountId);
    const previous = e.data.previousAccountId;
    if (typeof previous === "string") ids.add(previous);
  }
  return [...ids];
}

/**
 * Something that reacts to domain events (health rescoring; later rules, webhooks, notifications).
 * It gets the events of one workspace at a time, in order, in a transaction that also moves its
 * position: its database effects and its progress commit together. It must be idempotent all the
 * same, because an event can come again after a crash between its effects and that commit
 * elsewhere (an outside call it made, for one).
 */
export type EventConsumer = {
  /** Its position is kept under this name; never rename a consumer that has run. */
  name: string;
  /** The types it reacts to; it moves past the others without being called. */
  types: readonly DomainEventType[];
  handle(ctx: Ctx, events: DeliveredEvent[]): Promise<void>;
};

export type Dispatcher = {
  /** Delivers everything deliverable now to every consumer; concurrent calls share passes. */
  drain(): Promise<void>;
  /**
   * Waits until every consumer is past `point` (what a request or command wrote), draining as
   * needed; gives up after `timeoutMs` (a transaction elsewhere can hold delivery back), leaving
   * the rest to the poller.
   */
  settle(point: OutboxPoint | null, timeoutMs?: number): Promise<boolean>;
  /** Drains every `intervalMs` from now on (events written by other processes, and retries). */
  start(intervalMs?: number): void;
  /** Stops polling and waits for a pass in progress. */
  stop(): Promise<void>;
};

export type DispatcherOptions = {
  batchSize?: number;
  /** Tries of one event before it is parked. */
  attempts?: number;
  onError?: (err: unknown, consumer: string) => void;
};

const toDelivered = (r: EventRow): DeliveredEvent => ({
  id: r.id,
  type: r.type as DomainEventType,
  accountId: r.account_id,
  data: r.data,
  position: r.position,
  occurredAt: new Date(r.occurred_at),
  byRule: r.actor.ruleId ?? null,
});

/**
 * Delivers the outbox to in-process consumers, at least once and in order per account. Each pass
 * takes, per consumer, a batch after its position under an advisory lock (so two processes never
 * deliver the same batch at once), hands it over workspace by workspace, and saves the new
 * position in the same transaction. A workspace's batch that fails is retried event by event; an
 * event that keeps failing is parked with its error and the consumer moves on, so one bad event
 * never blocks other accounts. When the database itself is down nothing is parked: the pass stops
 * and the next one starts from the same position.
 */
export function createDispatcher(
  db: Db,
  consumers: EventConsumer[],
  options: DispatcherOptions = {},
): Dispatcher {
  const batchSize = options.batchSize ?? 1000;
  const attempts = options.attempts ?? 3;
  const names = consumers.map((c) => c.name);
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;

  async function deliverBatch(consumer: EventConsumer): Promise<number> {
    return withTx(db, async (tx) => {
      await lockKey(tx, "events.consumer", consumer.name);
      const from = await consumerPosition(tx, consumer.name);
      const batch = await readEvents(tx, from, batchSize);
      const last = batch.at(-1);
      if (!last) return 0;
      const wanted = new Set<string>(consumer.types);
      const byWorkspace = new Map<string, EventRow[]>();
      for (const e of batch) {
        if (!wanted.has(e.type)) continue;
        const list = byWorkspace.get(e.workspace_id);
        if (list) list.push(e);
        else byWorkspace.set(e.workspace_id, [e]);
      }
      for (const [workspaceId, events] of byWorkspace) {
        await deliverToWorkspace(tx, consumer, workspaceId, events);
      }
      await saveConsumerPosition(tx, consumer.name, { txid: last.txid, position: last.position });
      return batch.length;
    });
  }

  async function deliverToWorkspace(
    tx: Db,
    consumer: EventConsumer,
    workspaceId: string,
    events: EventRow[],
  ) {
    const ctxFor = (db: Db): Ctx => ({
      db,
      workspaceId,
      actor: { kind: "system", label: `events:${consumer.name}` },
    });
    try {
      await withTx(tx, (s) => consumer.handle(ctxFor(s), events.map(toDelivered)));
      return;
    } catch (e) {
      if (isDatabaseDown(e)) throw e;
    }
    // One of them failed: find which, event by event, keeping the order.
    for (const event of events) {
      let lastError: unknown = null;
      for (let i = 0; i < attempts; i++) {
        try {
          await withTx(tx, (s) => consumer.handle(ctxFor(s), [toDelivered(event)]));
          lastError = null;
          break;
        } catch (e) {
          if (isDatabaseDown(e)) throw e;
          lastError = e;
        }
      }
      if (lastError !== null) {
        options.onError?.(lastError, consumer.name);
        await parkEvent(tx, {
          workspaceId,
          consumer: consumer.name,
          position: event.position,
          attempts,
          error: lastError instanceof Error ? lastError.message : String(lastError),
        });
      }
    }
  }

  async function pass(): Promise<void> {
    if (consumers.length === 0 || !(await hasWaitingEvents(db, names))) return;
    for (const consumer of consumers) {
      while ((await deliverBatch(consumer)) > 0) {}
    }
  }

  const drain = (): Promise<void> => {
    if (!running) {
      running = pass().finally(() => {
        running = null;
      });
      return running;
    }
    // A pass is under way and may have read before the caller's commit: one more pass after it
    // serves everyone who asked meanwhile.
    queued ??= running
      .catch(() => {})
      .then(() => {
        queued = null;
        return drain();
      });
    return queued;
  };

  return {
    drain,
    async settle(point, timeoutMs = 5000) {
      if (!point || consumers.length === 0) return true;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await drain();
        if (await consumersPast(db, names, point)) return true;
        if (Date.now() > deadline) return false;
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    start(intervalMs = 2000) {
      if (timer) return;
      const tick = () => {
        drain().catch((e) => options.onError?.(e, "*"));
      };
      timer = setInterval(tick, intervalMs);
      timer.unref();
      // What a stopped (or killed) process committed but never delivered goes out now.
      tick();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await (queued ?? running)?.catch(() => {});
    },
  };
}
