export {
  decodeChangesCursor,
  encodeChangesCursor,
  OUTBOX_START,
  type OutboxPoint,
  pointAfter,
} from "./cursor.rules.ts";
export {
  accountsConcerned,
  createDispatcher,
  type DeliveredEvent,
  type Dispatcher,
  type DispatcherOptions,
  type EventConsumer,
} from "./dispatcher.ts";
export { listParked } from "./events.queries.ts";
export { listChanges } from "./list-changes.ts";
export { EVENT_RETENTION_DAYS, pruneOldEvents } from "./prune-events.ts";
export {
  type EventInput,
  type OutboxTracker,
  recordEvents,
  trackOutbox,
  writeEvents,
} from "./record-events.ts";
