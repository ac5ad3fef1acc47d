import { describe, expect, it } from "vitest";
import type { Account } from "../../../contract/index.ts";
import { signalsFor } from "./signals.ts";

const account = (nextRenewalDate: string | null): Account => ({
  id: "0190a1b2-0000-7000-8000-000000000001",
  name: "Acme",
  externalId: null,
  parentId: null,
  domain: null,
  industry: null,
  region: null,
  country: null,
  tier: null,
  lifecycleStage: "adoption",
  coverage: null,
  ownerId: "0190a1b2-0000-7000-8000-000000000002",
  ownerName: "Dana",
  tierSource: null,
  coverageSource: null,
  ownerSource: "hand",
  customFields: {},
  mrrMinor: 100_00,
  arrMinor: 1_200_00,
  currency: "USD",
  nextRenewalDate,
  health: null,
  createdAt: "2025-01-01T00:00:00.000Z",
  updatedAt: "2025-01-01T00:00:00.000Z",
});

const renewal = (date: string | null, now: string) =>
  signalsFor(account(date), [], [], [], Date.parse(now)).find((s) => s.text.startsWith("Renews"));

describe("What needs attention: the renewal", () => {
  it("keeps a renewal due today in the list, all day", () => {
    expect(renewal("2026-03-18", "2026-03-18T00:00:00Z")?.text).toMatch(/^Renews today \(/);
    expect(renewal("2026-03-18", "2026-03-18T18:30:00Z")?.text).toMatch(/^Renews today \(/);
  });

  it("counts whole calendar days: tomorrow, then in 17 days", () => {
    expect(renewal("2026-03-19", "2026-03-18T23:59:00Z")?.text).toMatch(/^Renews tomorrow \(/);
    expect(renewal("2026-04-04", "2026-03-18T09:00:00Z")?.text).toMatch(/^Renews in 17 days \(/);
  });

  it("drops a renewal once its day has passed, and one beyond 90 days", () => {
    expect(renewal("2026-03-18", "2026-03-19T00:00:00Z")).toBeUndefined();
    expect(renewal("2026-06-17", "2026-03-18T12:00:00Z")).toBeUndefined();
    expect(renewal("2026-06-16", "2026-03-18T12:00:00Z")).toBeDefined();
  });
});
