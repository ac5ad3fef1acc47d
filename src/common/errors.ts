/** Every failure that leaves Steward is an AppError with one of these codes. */
export type ErrorCode =
  | "VALIDATION_FAILED"
  | "BAD_REQUEST"
  | "INVALID_CURSOR"
  | "UNAUTHENTICATED"
  | "INVALID_CREDENTIALS"
  | "CSRF_FAILED"
  | "FORBIDDEN"
  | "PASSWORD_CHANGE_REQUIRED"
  | "NOT_FOUND"
  | "GONE"
  | "CONFLICT"
  | "NOT_ENOUGH_HISTORY"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "HEADERS_TOO_LARGE"
  | "REQUEST_TIMEOUT"
  | "RATE_LIMITED"
  | "DATA_DIR_LOCKED"
  | "DATABASE_UNAVAILABLE"
  | "INTERNAL";

/** The one table from error code to HTTP status. */
export const errorStatus: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  // A list's `cursor` that this list did not hand out (forged, edited, or from another list).
  INVALID_CURSOR: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  // Signed in with a temporary password: everything but changing it is refused until then.
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  // What the request points at existed but is deleted for good (a `/changes` cursor past retention).
  GONE: 410,
  CONFLICT: 409,
  // The request is well formed, but the workspace's data cannot support it (e.g. too few churned
  // customers to train a model on).
  NOT_ENOUGH_HISTORY: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  HEADERS_TOO_LARGE: 431,
  REQUEST_TIMEOUT: 408,
  RATE_LIMITED: 429,
  DATA_DIR_LOCKED: 409,
  DATABASE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export type ErrorDetails = Record<string, unknown> | unknown[];

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: ErrorDetails;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string): AppError => new AppError("NOT_FOUND", `${what} not found`);

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
