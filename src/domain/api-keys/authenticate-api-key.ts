import type { ApiScope, Role } from "../../common/roles.ts";
import type { Db } from "../../db/index.ts";
import { safeEqual, sha256 } from "../kernel/crypto.ts";
import { findApiKeyByPrefix, touchApiKey } from "./api-key.queries.ts";
import { parseApiKey } from "./api-key.rules.ts";

/** A key and the person it acts for, with their role in the key's workspace as it is now. */
export type ApiKeyPrincipal = {
  workspaceId: string;
  apiKeyId: string;
  userId: string;
  role: Role;
  scopes: ApiScope[];
};

type CacheEntry = { principal: ApiKeyPrincipal; hash: string; until: number };

// A hot API client would otherwise cost a key lookup per request. Entries live a few seconds;
// revoking a key or changing its person's role through this process drops the entry at once, other
// processes see it on expiry.
const CACHE_MS = 5_000;
const cache = new Map<string, CacheEntry>();
// Counts forgets: a lookup that read the row before a revocation (or role change) committed must
// not put the key back into the cache after it was cleared, so it caches only when none happened.
let forgets = 0;

/** Drops a key from this process's cache; call it after the revocation has committed. */
export const forgetApiKey = (prefix: string): void => {
  forgets += 1;
  cache.delete(prefix);
};

export const forgetApiKeys = (prefixes: readonly string[]): void => {
  for (const prefix of prefixes) forgetApiKey(prefix);
};

/** Drops every cached key of a person; call it once a change to their role or membership committed. */
export const forgetPersonKeys = (workspaceId: string, userId: string): void => {
  forgets += 1;
  for (const [prefix, entry] of cache) {
    if (entry.principal.workspaceId === workspaceId && entry.principal.userId === userId)
      cache.delete(prefix);
  }
};

/**
 * The workspace, person and scopes behind a bearer key, or null for a malformed, unknown or
 * revoked key, or one whose person is no longer a member of its workspace.
 */
export async function authenticateApiKey(
  db: Db,
  key: string,
  now = Date.now(),
): Promise<ApiKeyPrincipal | null> {
  const parsed = parseApiKey(key);
  if (!parsed) return null;
  const hash = sha256(key);
  const cached = cache.get(parsed.prefix);
  if (cached && cached.until > now) return safeEqual(cached.hash, hash) ? cached.principal : null;
  const forgetsBefore = forgets;
  const found = await findApiKeyByPrefix(db, parsed.prefix);
  const row = found?.key;
  if (!row || row.revokedAt || !safeEqual(row.keyHash, hash) || !found.role) {
    cache.delete(parsed.prefix);
    return null;
  }
  const principal: ApiKeyPrincipal = {
    workspaceId: row.workspaceId,
    apiKeyId: row.id,
    userId: row.userId,
    role: found.role as Role,
    scopes: row.scopes as ApiScope[],
  };
  const stale = !row.lastUsedAt || now - row.lastUsedAt.getTime() > 60_000;
  if (stale) await touchApiKey(db, row.workspaceId, row.id, new Date(now));
  if (forgets === forgetsBefore) cache.set(parsed.prefix, { principal, hash, until: now + CACHE_MS });
  return principal;
}
