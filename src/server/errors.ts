import type { Socket } from "node:net";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError, type ErrorCode } from "../common/errors.ts";
import {
  isDatabaseDown,
  isDateOutOfRange,
  isUniqueViolation,
  isUnstorableText,
  sqlState,
} from "../domain/kernel/index.ts";

const codeByStatus: Record<number, ErrorCode> = {
  400: "BAD_REQUEST",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  408: "REQUEST_TIMEOUT",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "RATE_LIMITED",
  431: "HEADERS_TOO_LARGE",
};

/** Maps any error to `{ error: { code, message, details? } }`; only 5xx are logged with stacks. */
export function toAppError(err: FastifyError | Error): AppError {
  if (err instanceof AppError) return err;
  if (isDatabaseDown(err)) {
    return new AppError("DATABASE_UNAVAILABLE", "The database is unavailable; try again shortly");
  }
  if (isUnstorableText(err)) {
    // Only a request carries such text, so it is the client's error, not ours.
    return new AppError("BAD_REQUEST", "Text must not contain the NUL character (\\u0000)");
  }
  // Dates the contract lets through but PostgreSQL cannot hold (e.g. year 0).
  if (isDateOutOfRange(err)) {
    return new AppError("VALIDATION_FAILED", "A date or time is out of range (years 1 to 9999)");
  }
  // A unique value taken between our check and our insert, by a concurrent request.
  if (isUniqueViolation(err)) {
    return new AppError("CONFLICT", "A concurrent request wrote the same record first; reload and try again");
  }
  const fe = err as FastifyError;
  const status = fe.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    if (fe.code === "FST_ERR_CTP_INVALID_JSON_BODY" || err instanceof SyntaxError) {
      return new AppError("BAD_REQUEST", `The request body is not valid JSON: ${err.message}`);
    }
    return new AppError(codeByStatus[status] ?? "BAD_REQUEST", err.message);
  }
  return new AppError("INTERNAL", "Something went wrong on our side; the error has been logged");
}

/**
 * What to log of a failure. Query errors carry their parameters in the message (drizzle's
 * "Failed query: … params: …"): those can be password hashes, tokens or customer data, so only the
 * statement and the driver's own error are kept.
 */
function loggable(err: Error): Record<string, unknown> {
  const cause = (err as { cause?: unknown }).cause;
  if (err.message.includes("\nparams:") && cause instanceof Error) {
    return { query: err.message.split("\nparams:")[0], err: cause };
  }
  return { err };
}

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const appError = toAppError(err);
  if (appError.code === "DATABASE_UNAVAILABLE") {
    req.log.warn({ code: sqlState(err) ?? (err as { code?: string }).code }, "database unavailable");
  } else if (appError.status >= 500) {
    req.log.error(loggable(err), "request failed");
  }
  if (appError.code === "DATABASE_UNAVAILABLE") reply.header("retry-after", "5");
  if (appError.code === "RATE_LIMITED" && !reply.getHeader("retry-after")) reply.header("retry-after", "60");
  return reply.code(appError.status).send({
    error: {
      code: appError.code,
      message: appError.message,
      ...(appError.details ? { details: appError.details } : {}),
    },
  });
}

/** What Node's HTTP parser refuses, before any request object exists, as code and message. */
function clientErrorAnswer(err: NodeJS.ErrnoException): AppError {
  if (err.code === "HPE_HEADER_OVERFLOW") {
    return new AppError("HEADERS_TOO_LARGE", "The request's headers are too large (16 KB in all at most)");
  }
  if (err.code === "ERR_HTTP_REQUEST_TIMEOUT") {
    return new AppError("REQUEST_TIMEOUT", "The request took too long to arrive");
  }
  return new AppError("BAD_REQUEST", "The request is not valid HTTP/1.1");
}

/**
 * Node answers requests its parser refuses (headers too large, malformed request line or
 * headers, conflicting lengths) without Fastify: this server `clientError` handler gives them
 * the same `{ error: { code, message } }` envelope as every other answer.
 */
export function clientErrorHandler(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Socket) {
  // A reset connection has no one left to answer.
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const answer = clientErrorAnswer(err);
  this.log.debug({ err }, "refused by the HTTP parser");
  if (socket.writable) {
    const body = JSON.stringify({ error: { code: answer.code, message: answer.message } });
    socket.write(
      `HTTP/1.1 ${answer.status} ${STATUS_TEXT[answer.status] ?? "Bad Request"}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  408: "Request Timeout",
  431: "Request Header Fields Too Large",
};
