export type SessionPolicy = {
  /** Ends a session unused for this long. */
  idleMinutes: number;
  /** Ends a session this long after sign-in, however active. */
  absoluteHours: number;
};

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 60, absoluteHours: 12 };

export type SessionTimes = { createdAt: Date; lastSeenAt: Date; expiresAt: Date };

export function sessionExpired(s: SessionTimes, policy: SessionPolicy, now: Date): boolean {
  if (now >= s.expiresAt) return true;
  return now.getTime() - s.lastSeenAt.getTime() > policy.idleMinutes * 60_000;
}

/** Touching last_seen_at on every request would turn reads into writes; once a minute is enough. */
export const shouldTouch = (lastSeenAt: Date, now: Date): boolean =>
  now.getTime() - lastSeenAt.getTime() > 60_000;
