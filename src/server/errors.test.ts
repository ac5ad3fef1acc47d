import { describe, expect, it } from "vitest";
import { toAppError } from "./errors.ts";

/** How a database failure is told apart from a request's fault (the PostgreSQL suites prove it live). */
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });
// drizzle wraps the driver's error as the cause of its "Failed query" error.
const wrapped = (cause: Error) => Object.assign(new Error("Failed query: select 1\nparams: "), { cause });

describe("toAppError", () => {
  it.each([
    ["3D000", 'database "steward_gone" does not exist'],
    ["57P01", "terminating connection due to administrator command"],
    ["08006", "connection failure"],
    ["53300", "sorry, too many clients already"],
  ])("a database that is missing or unreachable (%s) is a 503 to retry", (code, message) => {
    for (const err of [pgError(code, message), wrapped(pgError(code, message))]) {
      const app = toAppError(err);
      expect(app.code).toBe("DATABASE_UNAVAILABLE");
      expect(app.status).toBe(503);
    }
  });

  it("a bug is still a 500", () => {
    expect(toAppError(wrapped(pgError("42703", 'column "x" does not exist'))).status).toBe(500);
  });
});
