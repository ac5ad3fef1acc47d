import { describe, expect, it } from "vitest";
import { addDays, daysBetween } from "../../common/dates.ts";
import { ADVOCACY_KINDS, ADVOCACY_STATES } from "../../contract/advocacy.ts";
import { createRng } from "../kernel/random.ts";
import { type AdvocacyProspect, planAdvocacy } from "./plan-advocacy.ts";

const today = "2026-06-15";
const prospects: AdvocacyProspect[] = Array.from({ length: 120 }, (_, i) => ({
  contactId: `c${i}`,
  accountId: `a${Math.floor(i / 2)}`,
  accountName: `Account ${Math.floor(i / 2)}`,
  ownerId: i % 3 === 0 ? null : `u${i % 5}`,
  outcomeTitle: i % 2 === 0 ? "Close the books faster" : null,
}));
const plan = () => planAdvocacy(createRng("advocacy-test"), prospects, today);

describe("the demo's asks", () => {
  it("covers every kind in every state, over the last 18 months and never later than today", () => {
    const asks = plan();
    for (const kind of ADVOCACY_KINDS)
      for (const state of ADVOCACY_STATES)
        expect(
          asks.some((a) => a.kind === kind && a.state === state),
          `${kind} ${state}`,
        ).toBe(true);
    for (const a of asks) {
      expect(a.askedOn >= addDays(today, -540) && a.askedOn <= today).toBe(true);
      expect(a.stateOn >= a.askedOn && a.stateOn < today).toBe(true);
      if (a.state === "asked") expect(a.stateOn).toBe(a.askedOn);
    }
    expect(
      asks.filter((a) => a.kind === "referral").every((a) => /^Referred .+: intro to their /.test(a.detail)),
    ).toBe(true);
  });

  it("never asks anyone twice within the do-not-ask window, and leaves some promoters never asked", () => {
    const asks = plan();
    const byContact = new Map<string, string[]>();
    for (const a of asks) byContact.set(a.contactId, [...(byContact.get(a.contactId) ?? []), a.askedOn]);
    for (const own of byContact.values()) {
      const days = own.sort();
      for (let i = 1; i < days.length; i++)
        expect(daysBetween(days[i - 1] as string, days[i] as string)).toBeGreaterThan(90);
    }
    const neverAsked = prospects.length - byContact.size;
    expect(neverAsked).toBeGreaterThan(20);
    expect(byContact.size).toBeGreaterThan(40);
  });

  it("is the same plan for the same seed and prospects", () => {
    expect(plan()).toEqual(plan());
  });
});
