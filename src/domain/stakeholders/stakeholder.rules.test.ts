import { describe, expect, it } from "vitest";
import {
  byRoleThenInfluence,
  groupTouchpoints,
  outcomeCounts,
  type PlayerFacts,
  type RecentTouchpoint,
  relationshipRisks,
} from "./stakeholder.rules.ts";

const now = new Date("2026-06-30T12:00:00.000Z");
const daysBefore = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();

let seq = 0;
const id = () => `00000000-0000-7000-8000-${String(++seq).padStart(12, "0")}`;

const player = (name: string, decisionRole: PlayerFacts["decisionRole"], more: Partial<PlayerFacts> = {}) =>
  ({
    contactId: id(),
    name,
    decisionRole,
    leftCompany: false,
    lastTouchpoint: null,
    latestNps: null,
    ...more,
  }) satisfies PlayerFacts;

const touch = (daysAgo: number, title = "Call") => ({
  touchpointId: id(),
  occurredAt: daysBefore(daysAgo),
  channel: "call" as const,
  title,
});
const nps = (score: number, daysAgo = 10, comment: string | null = null) => ({
  responseId: id(),
  kind: "nps" as const,
  dimension: null,
  score,
  scale: 10,
  comment,
  answeredAt: daysBefore(daysAgo),
});
const met = (players: PlayerFacts[], daysAgo: number): RecentTouchpoint => ({
  ...touch(daysAgo),
  contactIds: players.map((p) => p.contactId),
});

const codes = (players: PlayerFacts[], recent: RecentTouchpoint[] = []) =>
  relationshipRisks(players, recent, now).map((r) => r.code);
const riskOf = (code: string, players: PlayerFacts[], recent: RecentTouchpoint[] = []) =>
  relationshipRisks(players, recent, now).find((r) => r.code === code);

/** A healthy map: an active champion, an economic buyer met last month, no detractor. */
const healthy = (): [PlayerFacts, PlayerFacts] => [
  player("Bea Champion", "champion"),
  player("Eve Buyer", "economic_buyer", { lastTouchpoint: touch(30, "QBR") }),
];

describe("relationship risks", () => {
  it("flags nothing on a healthy map", () => {
    expect(codes(healthy())).toEqual([]);
  });

  it("flags no champion when none is active, naming those who left", () => {
    const [, buyer] = healthy();
    expect(codes([buyer])).toEqual(["no_champion"]);
    expect(riskOf("no_champion", [])?.message).toMatch(/no key players are mapped/);
    const gone = player("Cy Former", "champion", { leftCompany: true });
    const r = riskOf("no_champion", [buyer, gone]);
    expect(r?.message).toMatch(/Cy Former left the company/);
    expect(r?.evidence.contacts.map((c) => c.name)).toEqual(["Cy Former"]);
  });

  it("flags an economic buyer not met in 90 days, saying when they were last met or never", () => {
    const [champion] = healthy();
    const stale = player("Eve Buyer", "economic_buyer", { lastTouchpoint: touch(120, "Kickoff") });
    const r = riskOf("economic_buyer_not_met", [champion, stale]);
    expect(r?.message).toMatch(
      /Eve Buyer, the economic buyer, was last met 120 days ago \(2026-03-02, “Kickoff”\)/,
    );
    expect(r?.evidence.touchpoints).toEqual([stale.lastTouchpoint]);
    expect(r?.evidence.since).toBe("2026-04-02");
    const never = player("Ned Buyer", "economic_buyer");
    expect(riskOf("economic_buyer_not_met", [champion, never])?.message).toMatch(
      /Ned Buyer.*has never been met/,
    );
    // The period is the last 90 calendar days, today included: from 2026-04-02 on.
    const edge = (d: number) => player("E", "economic_buyer", { lastTouchpoint: touch(d) });
    expect(codes([champion, edge(90)])).toEqual(["economic_buyer_not_met"]);
    expect(codes([champion, edge(89)])).toEqual([]);
    const early = { ...touch(0), occurredAt: "2026-04-02T00:00:00.000Z" };
    expect(codes([champion, player("E", "economic_buyer", { lastTouchpoint: early })])).toEqual([]);
    // An economic buyer who left is the departure's risk, not a meeting to book.
    const left = player("Old Buyer", "economic_buyer", { leftCompany: true });
    expect(codes([champion, left])).toEqual(["economic_buyer_left"]);
  });

  it("flags a champion or economic buyer who left while no active one replaces them", () => {
    const [champion, buyer] = healthy();
    const goneChampion = player("Cy Former", "champion", { leftCompany: true, lastTouchpoint: touch(200) });
    const goneBuyer = player("Olga Former", "economic_buyer", { leftCompany: true });
    expect(codes([champion, buyer, goneChampion, goneBuyer])).toEqual([]);
    expect(codes([buyer, goneChampion])).toEqual(["no_champion", "champion_left"]);
    const r = riskOf("champion_left", [buyer, goneChampion]);
    expect(r?.message).toMatch(/^The champion Cy Former left the company and no active champion/);
    expect(r?.evidence.contacts).toEqual([
      { contactId: goneChampion.contactId, name: "Cy Former", decisionRole: "champion", leftCompany: true },
    ]);
    expect(r?.evidence.touchpoints).toEqual([goneChampion.lastTouchpoint]);
    expect(codes([champion, goneBuyer])).toEqual(["economic_buyer_left"]);
    const another = player("Pat Former", "economic_buyer", { leftCompany: true });
    expect(riskOf("economic_buyer_left", [champion, goneBuyer, another])?.message).toMatch(
      /^The economic buyers Olga Former and Pat Former left/,
    );
  });

  it("flags single-threading: one key player at all of at least 3 touchpoints of 90 days", () => {
    const [champion, buyer] = healthy();
    const three = [met([champion], 5), met([champion], 20), met([champion], 60)];
    const r = riskOf("single_threaded", [champion, buyer], three);
    expect(r?.message).toMatch(/Bea Champion was the only key player at all 3 touchpoints/);
    expect(r?.evidence.contacts.map((c) => c.name)).toEqual(["Bea Champion"]);
    expect(r?.evidence.touchpoints.map((t) => t.touchpointId)).toEqual(three.map((t) => t.touchpointId));
    // Two touchpoints say too little; a second key player at any one of them is a second thread.
    expect(codes([champion, buyer], three.slice(0, 2))).toEqual([]);
    expect(codes([champion, buyer], [...three.slice(0, 2), met([champion, buyer], 60)])).toEqual([]);
    expect(codes([champion, buyer], [...three, met([buyer], 70)])).toEqual([]);
  });

  it("flags a decision maker whose latest NPS is 0–6, or anyone with the detractor role", () => {
    const [champion] = healthy();
    const unhappy = player("Dee Maker", "decision_maker", {
      lastTouchpoint: touch(3),
      latestNps: nps(4, 12, "Too slow"),
    });
    const r = riskOf("detractor_decision_maker", [champion, unhappy]);
    expect(r?.message).toMatch(
      /Dee Maker, a decision maker, answered NPS 4 of 10 on 2026-06-18 \(“Too slow”\)/,
    );
    expect(r?.evidence.answers).toEqual([{ ...unhappy.latestNps, contactId: unhappy.contactId }]);
    // 7 is passive, not a detractor; a champion's low score is not a decision maker's.
    expect(codes([champion, { ...unhappy, latestNps: nps(7) }])).toEqual([]);
    expect(codes([{ ...champion, latestNps: nps(2) }])).toEqual([]);
    const buyer = player("Eve Buyer", "economic_buyer", { lastTouchpoint: touch(1), latestNps: nps(0) });
    expect(riskOf("detractor_decision_maker", [champion, buyer])?.message).toMatch(
      /the economic buyer, answered NPS 0/,
    );
    const opponent = player("Otto Opponent", "detractor", { lastTouchpoint: touch(1) });
    expect(riskOf("detractor_decision_maker", [champion, opponent])?.message).toMatch(
      /Otto Opponent is recorded as a detractor/,
    );
    // Someone who left no longer sits among the decision makers.
    expect(codes([champion, { ...opponent, leftCompany: true }])).toEqual([]);
  });
});

describe("the map's figures", () => {
  it("counts outcomes by status", () => {
    expect(outcomeCounts(["achieved", "achieved", "at_risk", "in_progress"])).toEqual({
      total: 4,
      planned: 0,
      inProgress: 1,
      achieved: 2,
      atRisk: 1,
      missed: 0,
    });
  });

  it("orders key players by decision role, then influence, then name", () => {
    const people = [
      { name: "Ua", decisionRole: "user" as const, influence: 5 },
      { name: "Ch", decisionRole: "champion" as const, influence: 3 },
      { name: "No", decisionRole: null, influence: 4 },
      { name: "Eb", decisionRole: "economic_buyer" as const, influence: 2 },
      { name: "Cb", decisionRole: "champion" as const, influence: 5 },
    ];
    expect(people.sort(byRoleThenInfluence).map((p) => p.name)).toEqual(["Eb", "Cb", "Ch", "Ua", "No"]);
  });

  it("groups (touchpoint, player) rows into touchpoints with their players, keeping their order", () => {
    const a = touch(1);
    const b = touch(2);
    const grouped = groupTouchpoints([
      { ...a, contactId: "p1" },
      { ...a, contactId: "p2" },
      { ...b, contactId: "p1" },
    ]);
    expect(grouped).toEqual([
      { ...a, contactIds: ["p1", "p2"] },
      { ...b, contactIds: ["p1"] },
    ]);
  });
});
