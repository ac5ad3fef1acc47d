import zlib from "node:zlib";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../common/errors.ts";
import { systemDb } from "../../db/system.ts";
import {
  assertReadable,
  authenticateSource,
  INGEST_LIMITS,
  ingestEvents,
  readRequest,
  type SegmentType,
  type SourceAuth,
} from "../../domain/usage/index.ts";
import type { ServerState } from "../state.ts";

/**
 * The Segment-compatible Tracking API (`/v1/*`), authenticated by a source's write key rather than
 * a user or API key. Limits and answers are documented in docs/API.md ("Usage ingestion").
 */

const ENDPOINTS: (SegmentType | "batch")[] = [
  "identify",
  "track",
  "group",
  "page",
  "screen",
  "alias",
  "batch",
];
/** What the body parser saw of a request's text: its size, and whether it could hold unstorable text. */
const rawText = new WeakMap<FastifyRequest, { bytes: number; mayHoldBadText: boolean }>();
/** `x-gzip` is gzip's old name (RFC 9110 §8.4.1.3); codings are case-insensitive. */
const GZIP = new Set(["gzip", "x-gzip"]);

/** Per-source event budget: a token bucket refilled at the source's rate, holding one second's worth. */
export class SourceRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** Takes `cost` events from the source's budget, or answers how many seconds until it can. */
  take(source: SourceAuth, cost: number, now = Date.now()): number {
    const rate = source.rateLimit;
    const b = this.buckets.get(source.sourceId) ?? { tokens: rate, at: now };
    b.tokens = Math.min(rate, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    this.buckets.set(source.sourceId, b);
    // A request bigger than a second's budget may pass on a full bucket, or it could never pass.
    const need = Math.min(cost, rate);
    if (b.tokens >= need) {
      b.tokens -= cost;
      return 0;
    }
    return Math.max(1, Math.ceil((need - b.tokens) / rate));
  }
}

/** The write key from HTTP Basic auth (key as user name), else from the body's `writeKey`. */
function writeKeyOf(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (header?.toLowerCase().startsWith("basic ")) {
    const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
    const user = decoded.split(":")[0] ?? "";
    if (user) return user;
  }
  const body = req.body as { writeKey?: unknown } | null;
  return typeof body?.writeKey === "string" && body.writeKey ? body.writeKey : null;
}

/** JSON (or text/plain, which browser libraries send to avoid a preflight), optionally gzipped. */
function parseBody(req: FastifyRequest, body: Buffer, done: (err: Error | null, value?: unknown) => void) {
  try {
    let buf = body;
    if (GZIP.has(req.headers["content-encoding"]?.trim().toLowerCase() ?? "")) {
      buf = zlib.gunzipSync(body, { maxOutputLength: INGEST_LIMITS.maxRequestBytes });
    }
    if (buf.length === 0) throw new AppError("BAD_REQUEST", "The request body is empty: send a JSON object");
    const text = buf.toString("utf8");
    // JSON carries text PostgreSQL cannot store (NUL, a lone surrogate) only as a \u escape, which
    // JSON clients rarely write: one search of the text spares looking into every string of every event.
    rawText.set(req, { bytes: buf.length, mayHoldBadText: text.includes("\\u") });
    done(null, JSON.parse(text));
  } catch (e) {
    if (e instanceof AppError) return done(e);
    if (e instanceof RangeError) {
      return done(new AppError("PAYLOAD_TOO_LARGE", "The request is larger than 16 MB once unzipped"));
    }
    const reason = e instanceof SyntaxError ? e.message : "it could not be decompressed";
    done(new AppError("BAD_REQUEST", `The request body is not valid JSON: ${reason}`));
  }
}

const cors = (reply: FastifyReply) =>
  reply.header("access-control-allow-origin", "*").header("cross-origin-resource-policy", "cross-origin");

export function registerIngestRoutes(app: FastifyInstance, state: ServerState) {
  const limiter = new SourceRateLimiter();
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(["application/json", "text/plain"], { parseAs: "buffer" }, parseBody);
    for (const kind of ENDPOINTS) {
      scope.options(`/v1/${kind}`, { schema: { hide: true } }, async (_req, reply) =>
        cors(reply)
          .header("access-control-allow-methods", "POST, OPTIONS")
          .header("access-control-allow-headers", "authorization, content-type, content-encoding")
          .header("access-control-max-age", "86400")
          .code(204)
          .send(),
      );
      scope.post(
        `/v1/${kind}`,
        { bodyLimit: INGEST_LIMITS.maxRequestBytes, schema: { hide: true } },
        async (req, reply) => {
          cors(reply);
          const receivedAt = new Date();
          const key = writeKeyOf(req);
          if (!key)
            throw new AppError("UNAUTHENTICATED", "Send the source's write key as the Basic auth user name");
          // The write key is a credential looked up before the workspace is known: the system path.
          const source = await authenticateSource(systemDb(state.db), key);
          if (!source) throw new AppError("UNAUTHENTICATED", "Unknown write key");
          if (source.status !== "active") throw new AppError("UNAUTHENTICATED", "This source is disabled");
          const body = req.body as { batch?: unknown };
          const cost = kind === "batch" && Array.isArray(body?.batch) ? body.batch.length : 1;
          const wait = limiter.take(source, cost);
          if (wait > 0) {
            reply.header("retry-after", String(wait));
            throw new AppError("RATE_LIMITED", `The source's limit is ${source.rateLimit} events per second`);
          }
          const raw = rawText.get(req) ?? { bytes: 0, mayHoldBadText: true };
          const read = readRequest(kind, req.body, raw.bytes, receivedAt, raw.mayHoldBadText);
          // The database itself: ingestion opens its own transactions in the source's workspace.
          const result = await ingestEvents(state.db, source, read, receivedAt);
          assertReadable(kind, read);
          const rejected = result.problems
            .filter((p) => !p.stored)
            .map(({ index, messageId, code, message }) => ({ index, messageId, code, message }));
          const truncated = result.problems
            .filter((p) => p.stored)
            .map(({ index, messageId }) => ({ index, messageId }));
          return {
            success: true,
            stored: result.stored,
            duplicates: result.duplicates,
            ...(rejected.length ? { rejected } : {}),
            ...(truncated.length ? { truncated } : {}),
            ...(result.warnings.length ? { warnings: result.warnings } : {}),
          };
        },
      );
    }
  });
}
