import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeWorkspace } from "../../../tests/factories/index.ts";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import type { Database } from "../../db/index.ts";
import { findUserByEmail } from "../members/index.ts";
import { DUMMY_HASH } from "../passwords/password.ts";
import { login } from "./login.ts";

// The real argon2, watched: the test counts the verifications sign-in does, not milliseconds.
const argon2 = vi.hoisted(() => ({ verify: null as unknown as import("vitest").Mock }));
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  argon2.verify = vi.fn(real.verify);
  return { ...real, verify: argon2.verify };
});

let database: Database;
let email: string;
let storedHash: string;

beforeAll(async () => {
  database = await createTestDb();
  const ws = await makeWorkspace(database.db);
  email = ws.owner.email;
  storedHash = (await findUserByEmail(database.db, email))?.passwordHash as string;
});

afterAll(async () => {
  await database?.close();
});

const attempt = async (who: string, password: string) => {
  argon2.verify.mockClear();
  const error = await login(database.db, { email: who, password, ip: null, userAgent: null }).catch((e) => e);
  return {
    error,
    calls: argon2.verify.mock.calls.map((c) => c[0] as string),
  };
};

/** The argon2 parameters of a PHC string: `m=…,t=…,p=…`. */
const params = (phc: string) => phc.split("$")[3];

describe("sign-in does the same work for known and unknown emails", () => {
  it("verifies an unknown email against a dummy hash with the real parameters", async () => {
    const unknown = await attempt("nobody@nowhere.test", "some-guess-123");
    const wrong = await attempt(email, "some-guess-123");
    expect(unknown.error.code).toBe("INVALID_CREDENTIALS");
    expect(wrong.error.code).toBe("INVALID_CREDENTIALS");
    expect(wrong.calls).toEqual([storedHash]);
    expect(unknown.calls).toEqual([DUMMY_HASH]);
    expect(params(DUMMY_HASH)).toBe(params(storedHash));
    expect(DUMMY_HASH.startsWith("$argon2id$v=19$")).toBe(true);
  });

  it("a login without a password hash still costs one verification and never succeeds", async () => {
    const ok = await (await import("../passwords/password.ts")).verifyPassword(null, "anything-at-all");
    expect(ok).toBe(false);
    expect(argon2.verify).toHaveBeenLastCalledWith(DUMMY_HASH, "anything-at-all");
  });
});
