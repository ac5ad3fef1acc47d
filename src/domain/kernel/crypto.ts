import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A random secret (session tokens, API keys, write keys), URL-safe. */
export const newToken = (bytes = 32): string => randomBytes(bytes).toString("base64url");

/** Secrets are stored as their SHA-256: a leaked table does not hand out working credentials. */
export const sha256 = (value: string): string => createHash("sha256").update(value).digest("hex");

/** Compares secrets in constant time, so the answer's timing does not reveal how much matched. */
export const safeEqual = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};
