import { newToken, sha256 } from "../kernel/crypto.ts";

/** Events per second a new source may send; high enough for a busy product, low enough to stop a runaway loop. */
export const DEFAULT_SOURCE_RATE_LIMIT = 50_000;

/** Write keys are 32 URL-safe characters like Segment's; only their hash and first 6 characters are stored. */
export function generateWriteKey(): { key: string; prefix: string; hash: string } {
  const key = newToken(24).replace(/[-_]/g, "x").slice(0, 32);
  return { key, prefix: key.slice(0, 6), hash: sha256(key) };
}

export const hashWriteKey = (key: string): string => sha256(key);

type SourceRow = {
  id: string;
  name: string;
  status: string;
  unknownAccounts: string;
  traitsMayOverwrite: boolean;
  rateLimit: number;
  writeKeyPrefix: string;
  createdAt: Date;
  updatedAt: Date;
  keyRotatedAt: Date | null;
  lastEventAt: Date | null;
};

export const toSource = (r: SourceRow, stats: { events: number; rejected: number }) => ({
  id: r.id,
  name: r.name,
  status: r.status as "active" | "disabled",
  unknownAccounts: r.unknownAccounts as "create" | "park",
  traitsMayOverwrite: r.traitsMayOverwrite,
  rateLimit: r.rateLimit,
  writeKeyPrefix: `${r.writeKeyPrefix}…`,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  keyRotatedAt: r.keyRotatedAt?.toISOString() ?? null,
  lastEventAt: r.lastEventAt?.toISOString() ?? null,
  eventsLast24h: stats.events,
  rejectedLast24h: stats.rejected,
});
