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
  /**
   * Deepest nesting of objects and arrays in an event, the event itself being level 1. Analytics
   * payloads nest a few levels; far deeper ones overflow recursive code (JSON.stringify fails near
   * 5,000 levels) and PostgreSQL's JSON parser, so such an event is refused alone.
   */
  maxDepth: 64,
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
    | "invalid_character"
    | "too_deep"
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

/**
 * Whether `v` nests objects or arrays more than `levels` deep (`v` itself counting as one). It
 * stops going down at the limit, so a value nested a million levels cannot overflow the stack.
 */
function deeperThan(v: object, levels: number): boolean {
  if (levels <= 0) return true;
  if (Array.isArray(v)) {
    for (const x of v) if (typeof x === "object" && x !== null && deeperThan(x, levels - 1)) return true;
    return false;
  }
  for (const k in v) {
    const x = (v as Json)[k];
    if (typeof x === "object" && x !== null && deeperThan(x, levels - 1)) return true;
  }
  return false;
}

// Half of a UTF-16 surrogate pair, alone: JSON can carry it (`"\ud800"`), but it is not text.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * What in a string or key of `v` PostgreSQL cannot store as text or jsonb: U+0000, or a lone
 * surrogate (which the driver would also silently turn into U+FFFD in a text column).
 */
function unstorableText(v: unknown): string | null {
  if (typeof v === "string") {
    if (v.includes("\0")) return "the NUL character (\\u0000)";
    return LONE_SURROGATE.test(v) ? "half of a surrogate pair (\\ud800 to \\udfff) alone" : null;
  }
  if (typeof v !== "object" || v === null) return null;
  if (Array.isArray(v)) {
    for (const x of v) {
      const found = unstorableText(x);
      if (found) return found;
    }
    return null;
  }
  for (const k in v) {
    const found = unstorableText(k) ?? unstorableText((v as Json)[k]);
    if (found) return found;
  }
  return null;
}

/**
 * Why an event cannot be stored at all, checked before anything reads it: too deep (first, so the
 * recursive checks and JSON.stringify after it stay shallow), or text PostgreSQL refuses, looked for
 * only when the request's text holds a `\u` escape (the only way JSON can carry such text).
 */
function unstorable(raw: unknown, mayHoldBadText: boolean, what = "the event"): ItemError | null {
  if (typeof raw !== "object" || raw === null) return null;
  if (deeperThan(raw, LIMITS.maxDepth)) {
    return new ItemError("too_deep", `${what} is nested more than ${LIMITS.maxDepth} levels deep`);
  }
  const bad = mayHoldBadText ? unstorableText(raw) : null;
  if (bad) {
    return new ItemError(
      "invalid_character",
      `${what} holds ${bad} in a string or key, which cannot be stored`,
    );
  }
  return null;
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
 * items need measuring against the 32 KB limit. `mayHoldBadText` is false when the request's text
 * has no `\u` escape: then no item is searched for text PostgreSQL cannot store.
 */
export function readRequest(
  kind: SegmentType | "batch",
  body: unknown,
  requestBytes: number,
  receivedAt: Date,
  mayHoldBadText = true,
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
  // The batch's context goes into every item: if it cannot be stored, no item can.
  const shared = batch.context
    ? unstorable({ context: batch.context }, mayHoldBadText, "the batch's context")
    : null;
  const events: NormalizedEvent[] = [];
  const problems: ItemProblem[] = [];
  raws.forEach((raw, index) => {
    const bad = shared ?? unstorable(raw, mayHoldBadText);
    const id = isObject(raw) ? (idOf(raw.messageId) ?? null) : null;
    // A messageId PostgreSQL cannot store cannot be kept with its problem; the excerpt shows it.
    const messageId = id !== null && bad?.code === "invalid_character" && unstorableText(id) ? null : id;
    try {
      if (bad) throw bad;
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
        // Too deep to write out (JSON.stringify overflows the stack at a few thousand levels).
        excerpt: err.code === "too_deep" ? null : excerpt(raw),
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
