import { AppError } from "../../common/errors.ts";
import { type ApiScope, type Role, roleAtLeast } from "../../common/roles.ts";
import type { Actor } from "../context.ts";
import { newToken, sha256 } from "../kernel/crypto.ts";

/** `stw_<prefix>_<secret>`: the prefix finds the row and is safe to show; the hash verifies the whole key. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = newToken(6).replace(/[-_]/g, "x");
  const key = `stw_${prefix}_${newToken(32)}`;
  return { key, prefix, hash: sha256(key) };
}

export function parseApiKey(key: string): { prefix: string } | null {
  const m = /^stw_([A-Za-z0-9]{8})_[A-Za-z0-9_-]{20,}$/.exec(key);
  return m?.[1] ? { prefix: m[1] } : null;
}

export const toApiKey = (k: {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  userId: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}) => ({
  id: k.id,
  name: k.name,
  prefix: `stw_${k.prefix}`,
  scopes: k.scopes as ApiScope[],
  userId: k.userId,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

/** The least membership role that may hold each scope: a key never does more than its creator could. */
const MIN_ROLE_FOR_SCOPE: Record<ApiScope, Role> = {
  read: "viewer",
  write: "member",
  ingest: "member",
  admin: "admin",
};

/** Whether a key with these scopes does more than a member with this role may (unknown scopes do). */
export const scopesExceedRole = (scopes: readonly string[], role: Role): boolean =>
  scopes.some((s) => {
    const min = Object.hasOwn(MIN_ROLE_FOR_SCOPE, s) ? MIN_ROLE_FOR_SCOPE[s as ApiScope] : null;
    return min === null || !roleAtLeast(role, min);
  });

/**
 * Refuses a new key that would do more than whoever makes it: scopes are independent (`admin`
 * implies neither `read` nor `write`), so a key grants only scopes it holds itself, and every
 * scope must be one the person's role may hold.
 */
export function assertMayGrantScopes(actor: Actor, scopes: readonly ApiScope[], role: Role): void {
  if (actor.kind === "apiKey") {
    const missing = scopes.filter((s) => !actor.scopes.includes(s));
    if (missing.length > 0) {
      throw new AppError(
        "FORBIDDEN",
        `This API key can only grant scopes it holds itself (it lacks ${missing.map((s) => `"${s}"`).join(", ")})`,
      );
    }
  }
  const beyond = scopes.filter((s) => scopesExceedRole([s], role));
  if (beyond.length > 0) {
    throw new AppError(
      "FORBIDDEN",
      `The key's person (role ${role}) may not hold ${beyond.map((s) => `"${s}"`).join(", ")}`,
    );
  }
}
