import { AppError } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import { EVENT_TYPES } from "../../contract/index.ts";
import { eventTime } from "./segment-time.rules.ts";

/**
 * Reading Segment Tracking API requests (https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/)
 * into events Steward stores. Limits and the answers to breaking them are in docs/API.md.
 */

export type SegmentType = (typeof EVENT_TYPES)[number];
export type Json = Record<string, unknown>;

export const LIMITS = {
  /** Segment's limits: requests over them are still stored (see `readRequest`), with a warning. */
  eventBytes: 32 * 1024,
  requestBytes: 500 * 1024,
  batchEvents: 2_500,
  /** Steward's own ceilings; beyond them a request is refused with 413. */
  maxRequestBytes: 16 * 1024 * 1024,
  maxBatchEvents: 20_000,
  idLength: 500,
} as const;

export type NormalizedEvent = {
  index: number;
  messageId: string;
  type: SegmentType;
  /** The track event's name, or a page/screen's name. */
  event: string | null;
  userId: string | null;
  anonymousId: string | null;
  /** `group`: the group; other calls: `context.groupId`. */
  groupId: string | null;
  previousId: string | null;
  /** Properties of track/page/screen, traits of identify/group. */
  properties: Json | null;
  context: Json | null;
  ts: Date;
};

/** An item that was not stored, or stored with a change, reported back and kept for the source. */
export type ItemProblem = {
  index: number;
  messageId: string | null;
  code:
    | "invalid_event"
    | "invalid_type"
    | "missing_user"
    | "missing_event"
    | "missing_group_id"
    | "missing_previous_id"
    | "value_too_long"
    | "event_truncated";
  message: string;
  excerpt: string | null;
  /** True when the event was stored anyway (e.g. truncated). */
  stored: boolean;
};

export type ReadRequest = { events: NormalizedEvent[]; problems: ItemProblem[]; warnings: string[] };

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const objectOrNull = (v: unknown): Json | null => (isObject(v) ? v : null);
const EXCERPT_CHARS = 2_000;

/** Ids may arrive as numbers; blank means absent. */
function idOf(v: unknown): string | null | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v !== "string") return v === undefined || v === null ? null : undefined;
  const t = v.trim();
  return t === "" ? null : t;
}

class ItemError extends Error {
  constructor(
    readonly code: ItemProblem["code"],
    message: string,
  ) {
    super(message);
  }
}

function requireId(v: unknown, field: string): string | null {
  const id = idOf(v);
  if (id === undefined) throw new ItemError("invalid_event", `${field} must be a string or a number`);
  if (id !== null && id.length > LIMITS.idLength) {
    throw new ItemError("value_too_long", `${field} is longer than ${LIMITS.idLength} characters`);
  }
  return id;
}

function readItem(
  raw: unknown,
  type: unknown,
  batch: { context: Json | null; sentAt: unknown },
  receivedAt: Date,
): NormalizedEvent {
  if (!isObject(raw)) throw new ItemError("invalid_event", "an event must be a JSON object");
  if (typeof type !== "string" || !(EVENT_TYPES as readonly string[]).includes(type)) {
    throw new ItemError("invalid_type", `type must be one of ${EVENT_TYPES.join(", ")}`);
  }
  const t = type as SegmentType;
  const userId = requireId(raw.userId, "userId");
  const anonymousId = requireId(raw.anonymousId, "anonymousId");
  const context = batch.context || raw.context ? { ...batch.context, ...objectOrNull(raw.context) } : null;
  const groupId = requireId(t === "group" ? raw.groupId : context?.groupId, "groupId");
  if (t === "group" && !groupId) throw new ItemError("missing_group_id", "a group call needs a groupId");
  if (!userId && !anonymousId && t !== "group") {
    throw new ItemError("missing_user", "an event needs a userId or an anonymousId");
  }
  const previousId = t === "alias" ? requireId(raw.previousId, "previousId") : null;
  if (t === "alias" && (!previousId || !userId)) {
    throw new ItemError("missing_previous_id", "an alias call needs a previousId and a userId");
  }
  let event: string | null = null;
  if (t === "track") {
    event = requireId(raw.event, "event");
    if (!event) throw new ItemError("missing_event", "a track call needs an event name");
  } else if (t === "page" || t === "screen") {
    event = requireId(raw.name ?? objectOrNull(raw.properties)?.name, "name");
  }
  const time = eventTime(raw.timestamp ?? raw.originalTimestamp, raw.sentAt ?? batch.sentAt, receivedAt);
  const steward =
    time.rule === "invalid_timestamp"
      ? { _steward: { timestamp: "unreadable; the time received was used", given: String(raw.timestamp) } }
      : null;
  const props = t === "identify" || t === "group" ? (raw.traits ?? context?.traits) : raw.properties;
  const messageId = requireId(raw.messageId, "messageId") ?? `steward-${newId()}`;
  return {
    index: 0,
    messageId,
    type: t,
    event,
    userId,
    anonymousId,
    groupId,
    previousId,
    properties: objectOrNull(props),
    context: context || steward ? { ...context, ...steward } : null,
    ts: time.ts,
  };
}

const excerpt = (raw: unknown): string | null => {
  try {
    return JSON.stringify(raw)?.slice(0, EXCERPT_CHARS) ?? null;
  } catch {
    return null;
  }
};

/** Keeps who did what and when of an event over 32 KB, and drops its payload. */
function truncate(e: NormalizedEvent, bytes: number): NormalizedEvent {
  return { ...e, properties: null, context: { _steward: { truncated: true, bytes } } };
}

/**
 * Reads one request. `kind` is the endpoint: `batch` or the single call's type. Items that cannot
 * be read are returned as problems and the rest are kept, as Segment does; a body that is not a
 * request at all is a 400 (see `assertReadable` for a request with nothing readable).
 * `requestBytes` is the body's real size (after gzip): it decides the size warnings, and whether
 * items need measuring against the 32 KB limit.
 */
export function readRequest(
  kind: SegmentType | "batch",
  body: unknown,
  requestBytes: number,
  receivedAt: Date,
): ReadRequest {
  if (!isObject(body)) throw new AppError("BAD_REQUEST", "The request body must be a JSON object");
  const warnings: string[] = [];
  let raws: unknown[];
  let types: unknown[];
  let batch = { context: null as Json | null, sentAt: undefined as unknown };
  if (kind === "batch") {
    if (!Array.isArray(body.batch)) {
      throw new AppError("VALIDATION_FAILED", "batch must be an array of events", {
        issues: [{ path: "batch", message: "must be an array" }],
      });
    }
    raws = body.batch;
    types = raws.map((r) => (isObject(r) ? r.type : undefined));
    batch = { context: objectOrNull(body.context), sentAt: body.sentAt };
    if (raws.length > LIMITS.maxBatchEvents) {
      throw new AppError(
        "PAYLOAD_TOO_LARGE",
        `A batch holds at most ${LIMITS.maxBatchEvents} events here (Segment's limit is ${LIMITS.batchEvents}); split it`,
      );
    }
    if (raws.length > LIMITS.batchEvents) {
      warnings.push(
        `The batch has ${raws.length} events, over the limit of ${LIMITS.batchEvents}; all were read`,
      );
    }
  } else {
    raws = [body];
    types = [kind];
  }
  if (requestBytes > LIMITS.requestBytes) {
    warnings.push(
      `The request is ${Math.ceil(requestBytes / 1024)} KB, over the limit of ${LIMITS.requestBytes / 1024} KB; all events were read. Send smaller batches.`,
    );
  }
  const events: NormalizedEvent[] = [];
  const problems: ItemProblem[] = [];
  raws.forEach((raw, index) => {
    const messageId = isObject(raw) ? (idOf(raw.messageId) ?? null) : null;
    try {
      let e = { ...readItem(raw, types[index], batch, receivedAt), index };
      // No item of a request within 32 KB can be over 32 KB: measure items only in bigger requests.
      const bytes = requestBytes > LIMITS.eventBytes ? Buffer.byteLength(JSON.stringify(raw)) : 0;
      if (bytes > LIMITS.eventBytes) {
        e = truncate(e, bytes);
        problems.push({
          index,
          messageId,
          code: "event_truncated",
          message: `The event is ${Math.ceil(bytes / 1024)} KB, over the limit of 32 KB: stored without its properties, traits and context`,
          excerpt: excerpt(raw),
          stored: true,
        });
      }
      events.push(e);
    } catch (err) {
      if (!(err instanceof ItemError)) throw err;
      problems.push({
        index,
        messageId,
        code: err.code,
        message: err.message,
        excerpt: excerpt(raw),
        stored: false,
      });
    }
  });
  return { events, problems, warnings };
}

/** A request with items of which none could be read is refused as a whole (400), naming the problems. */
export function assertReadable(kind: SegmentType | "batch", read: ReadRequest): void {
  if (read.events.length > 0 || read.problems.length === 0) return;
  const first = read.problems[0] as ItemProblem;
  throw new AppError(
    "VALIDATION_FAILED",
    kind === "batch"
      ? `No event of the batch could be read: ${first.message}`
      : `Invalid event: ${first.message}`,
    {
      issues: read.problems.map((p) => ({
        path: kind === "batch" ? `batch.${p.index}` : "",
        message: p.message,
        code: p.code,
      })),
    },
  );
}
