import type { Db } from "../../db/index.ts";
import { findSourceByKeyHash } from "./source.queries.ts";
import { hashWriteKey } from "./source.rules.ts";

export type SourceAuth = {
  workspaceId: string;
  sourceId: string;
  status: "active" | "disabled";
  unknownAccounts: "create" | "park";
  /** Whether traits may replace a contact's non-empty fields (else they only fill empty ones). */
  traitsMayOverwrite: boolean;
  rateLimit: number;
};

// Every ingestion request would otherwise cost a key lookup. Entries live a few seconds; changes made
// through this process drop the entry at once, other processes see them on expiry.
const CACHE_MS = 5_000;
const cache = new Map<string, { auth: SourceAuth | null; until: number }>();
let forgets = 0;

export const forgetSource = (keyHash: string): void => {
  forgets += 1;
  cache.delete(keyHash);
};

/** The source behind a write key (active or disabled), or null for an unknown key. */
export async function authenticateSource(
  db: Db,
  writeKey: string,
  now = Date.now(),
): Promise<SourceAuth | null> {
  if (writeKey.length === 0 || writeKey.length > 200) return null;
  const hash = hashWriteKey(writeKey);
  const cached = cache.get(hash);
  if (cached && cached.until > now) return cached.auth;
  const forgetsBefore = forgets;
  const row = await findSourceByKeyHash(db, hash);
  const auth: SourceAuth | null = row
    ? {
        workspaceId: row.workspaceId,
        sourceId: row.id,
        status: row.status as SourceAuth["status"],
        unknownAccounts: row.unknownAccounts as SourceAuth["unknownAccounts"],
        traitsMayOverwrite: row.traitsMayOverwrite,
        rateLimit: row.rateLimit,
      }
    : null;
  // Unknown keys are cached too, so a client with a wrong key cannot make every request a lookup;
  // the map is bounded so made-up keys cannot grow it without limit.
  if (forgets === forgetsBefore) {
    if (cache.size > 10_000) cache.clear();
    cache.set(hash, { auth, until: now + CACHE_MS });
  }
  return auth;
}
