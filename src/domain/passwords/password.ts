import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1. Argon2id is the library's default.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export {
  assertStrongPassword,
  judgePassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  MIN_PASSWORD_SCORE,
} from "./password-strength.ts";

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

const b64 = (bytes: number) => randomBytes(bytes).toString("base64").replace(/=+$/, "");

/**
 * What unknown emails (and logins without a password) are verified against, so that they cost the
 * same argon2 work as a wrong password. Written from OPTIONS, so it can never drift from the real
 * parameters, and needs no hashing at start or on first use; its random digest matches nothing.
 */
export const DUMMY_HASH = `$argon2id$v=19$m=${OPTIONS.memoryCost},t=${OPTIONS.timeCost},p=${OPTIONS.parallelism}$${b64(16)}$${b64(32)}`;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // Always one verification, whoever asks: timing must not tell known emails from unknown ones.
  const ok = await verify(passwordHash ?? DUMMY_HASH, password).catch(() => false);
  return ok && passwordHash !== null;
}
