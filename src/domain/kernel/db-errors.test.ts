import { describe, expect, it } from "vitest";
import { isRetryable, isUniqueViolation, sqlState } from "./db-errors.ts";

const pgError = (code: string) => Object.assign(new Error("from the database"), { code });

describe("database error classification", () => {
  it("finds the SQLSTATE behind wrappers", () => {
    const wrapped = new Error("Failed query", { cause: pgError("23505") });
    expect(sqlState(wrapped)).toBe("23505");
    expect(isUniqueViolation(wrapped)).toBe(true);
  });

  it("ignores codes that are not SQLSTATEs", () => {
    expect(sqlState(Object.assign(new Error("refused"), { code: "ECONNREFUSED" }))).toBeUndefined();
    expect(sqlState(null)).toBeUndefined();
    expect(sqlState("23505")).toBeUndefined();
  });

  it("retries deadlocks and serialization failures only", () => {
    expect(isRetryable(pgError("40P01"))).toBe(true);
    expect(isRetryable(pgError("40001"))).toBe(true);
    expect(isRetryable(pgError("23505"))).toBe(false);
  });
});
