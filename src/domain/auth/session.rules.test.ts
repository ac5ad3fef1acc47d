import { describe, expect, it } from "vitest";
import { DEFAULT_SESSION_POLICY, sessionExpired, shouldTouch } from "./session.rules.ts";

const MIN = 60_000;
const HOUR = 60 * MIN;
const policy = { idleMinutes: 30, absoluteHours: 8 };
const signedIn = new Date("2026-03-01T09:00:00Z");
const session = (lastSeenMinutesAgo: number, now: Date) => ({
  createdAt: signedIn,
  lastSeenAt: new Date(now.getTime() - lastSeenMinutesAgo * MIN),
  expiresAt: new Date(signedIn.getTime() + policy.absoluteHours * HOUR),
});

describe("sessionExpired", () => {
  const now = new Date(signedIn.getTime() + 2 * HOUR);

  it("keeps a session used within the idle window", () => {
    expect(sessionExpired(session(0, now), policy, now)).toBe(false);
    expect(sessionExpired(session(29, now), policy, now)).toBe(false);
    expect(sessionExpired(session(30, now), policy, now)).toBe(false);
  });

  it("ends a session idle for longer than the idle window", () => {
    const s = session(30, now);
    expect(sessionExpired({ ...s, lastSeenAt: new Date(s.lastSeenAt.getTime() - 1) }, policy, now)).toBe(
      true,
    );
    expect(sessionExpired(session(31, now), policy, now)).toBe(true);
  });

  it("ends a session at its absolute expiry however active it is", () => {
    const atExpiry = new Date(signedIn.getTime() + 8 * HOUR);
    expect(sessionExpired(session(0, atExpiry), policy, new Date(atExpiry.getTime() - 1))).toBe(false);
    expect(sessionExpired(session(0, atExpiry), policy, atExpiry)).toBe(true);
    expect(sessionExpired(session(0, atExpiry), policy, new Date(atExpiry.getTime() + HOUR))).toBe(true);
  });

  it("follows the policy it is given", () => {
    const s = session(45, now);
    expect(sessionExpired(s, policy, now)).toBe(true);
    expect(sessionExpired(s, { ...policy, idleMinutes: 60 }, now)).toBe(false);
    expect(DEFAULT_SESSION_POLICY).toEqual({ idleMinutes: 60, absoluteHours: 12 });
  });
});

describe("shouldTouch", () => {
  const now = new Date("2026-03-01T12:00:00Z");
  it("records activity at most once a minute", () => {
    expect(shouldTouch(new Date(now.getTime() - 30_000), now)).toBe(false);
    expect(shouldTouch(new Date(now.getTime() - 60_000), now)).toBe(false);
    expect(shouldTouch(new Date(now.getTime() - 60_001), now)).toBe(true);
  });
});
