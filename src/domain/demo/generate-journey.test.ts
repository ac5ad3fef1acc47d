import { describe, expect, it } from "vitest";
import { addDays } from "../../common/dates.ts";
import { FUNCTIONS } from "../../common/roles.ts";
import type { SurveyKind } from "../../contract/experience.ts";
import { TOUCHPOINT_CHANNELS } from "../../contract/touchpoints.ts";
import { isKeyPlayer } from "../contacts/index.ts";
import { followUpAlert, needsFollowUp } from "../experience/index.ts";
import { DEFAULT_LIST_ITEMS } from "../journey/index.ts";
import { generateDemo } from "./generate.ts";
import { DEMO_MEMBERS } from "./roster.ts";

const memberIds = Object.fromEntries(
  DEMO_MEMBERS.map((m, i) => [m.key, `00000000-0000-7000-8000-${String(i + 1).padStart(12, "0")}`]),
);
const functionOf = new Map(DEMO_MEMBERS.map((m) => [memberIds[m.key], m.function]));
const TODAY = "2026-03-15";
const rows = generateDemo({ workspaceId: "00000000-0000-7000-8000-00000000ffff", today: TODAY, memberIds });
const dayStart = (offset: number) => Date.parse(`${addDays(TODAY, offset)}T00:00:00Z`);
const contactOf = new Map(rows.contacts.map((c) => [c.id as string, c]));
const storyOf = new Map(rows.usage.map((u) => [u.accountId, u]));
const playersOf = new Map<string, string[]>();
for (const p of rows.touchpointPlayers)
  playersOf.set(p.touchpointId, [...(playersOf.get(p.touchpointId) ?? []), p.contactId]);
const keyPlayer = (c: { decisionRole?: string | null; influence?: number | null }) =>
  isKeyPlayer({ decisionRole: c.decisionRole ?? null, influence: c.influence ?? null });
const steps = (list: string) => DEFAULT_LIST_ITEMS.filter((i) => i.list === list).map((i) => i.key);

describe("generateDemo touchpoints", () => {
  it("has a year of touchpoints from every function, on every channel but the catch-alls, at fitting steps", () => {
    expect(rows.touchpoints.length).toBeGreaterThan(2_500);
    expect(new Set(rows.touchpoints.map((t) => t.function))).toEqual(new Set(FUNCTIONS));
    const channels = new Set(rows.touchpoints.map((t) => t.channel));
    for (const c of TOUCHPOINT_CHANNELS.filter((c) => c !== "other")) expect(channels, c).toContain(c);
    for (const t of rows.touchpoints) {
      expect(steps("decision")).toContain(t.decisionStep);
      expect(steps("development")).toContain(t.developmentStep);
      expect(t.occurredAt.getTime()).toBeLessThan(dayStart(0));
      expect(t.occurredAt.getTime()).toBeGreaterThanOrEqual(dayStart(-364));
      // The employee is a member of the function that owns the touchpoint (tickets are imported by CS ops).
      expect(functionOf.get(t.employeeId as string), t.title).toBe(t.function);
      expect(t.title.trim()).toBeTruthy();
      if (t.channel === "ticket") expect(t.function).toBe("support");
    }
    // Marketing early, sales at evaluation, services at implementation, CS while in use.
    const at = (fn: string, step: string) =>
      rows.touchpoints.filter((t) => t.function === fn && t.decisionStep === step).length;
    expect(at("marketing", "recognize_need")).toBeGreaterThan(50);
    expect(at("sales", "evaluate_select")).toBeGreaterThan(20);
    expect(at("services", "implement")).toBeGreaterThan(50);
    expect(at("customer_success", "realize_value")).toBeGreaterThan(500);
    expect(at("sales", "renew_expand") + at("finance", "renew_expand")).toBeGreaterThan(100);
    // Realistic words, many different ones.
    expect(new Set(rows.touchpoints.map((t) => t.notes)).size).toBeGreaterThan(60);
  });

  it("leaves gaps on purpose: no marketing at renewal, no sales evaluation for small customers", () => {
    expect(at("marketing", "renew_expand")).toBe(0);
    const smb = new Set(rows.accounts.filter((a) => a.tier === "SMB").map((a) => a.id));
    expect(rows.touchpoints.some((t) => smb.has(t.accountId) && t.decisionStep === "evaluate_select")).toBe(
      false,
    );
    function at(fn: string, step: string) {
      return rows.touchpoints.filter((t) => t.function === fn && t.decisionStep === step).length;
    }
  });

  it("rates quality 1–5 mostly 3–5, by a reviewer or self-assessed, and some customer experience", () => {
    const rated = rows.touchpoints.filter((t) => t.qualityRating !== null);
    expect(rated.length / rows.touchpoints.length).toBeGreaterThan(0.5);
    for (const t of rows.touchpoints) {
      for (const r of [t.qualityRating, t.experienceRating]) {
        if (r === null || r === undefined) continue;
        expect(r).toBeGreaterThanOrEqual(1);
        expect(r).toBeLessThanOrEqual(5);
      }
      if (t.qualityRating === null) expect([t.qualityRatedBy, t.qualitySelfAssessed]).toEqual([null, false]);
      if (t.qualitySelfAssessed) expect(t.qualityRatedBy).toBeNull();
      if (t.qualityRatedBy) expect(t.qualityRatedBy).not.toBe(t.employeeId);
    }
    expect(rated.filter((t) => (t.qualityRating as number) >= 3).length / rated.length).toBeGreaterThan(0.8);
    expect(rated.some((t) => t.qualitySelfAssessed)).toBe(true);
    expect(rated.some((t) => t.qualityRatedBy)).toBe(true);
    const experienced = rows.touchpoints.filter((t) => t.experienceRating !== null);
    expect(experienced.length).toBeGreaterThan(500);
    // Lower where the account was heading for churn or contraction.
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const troubled = (id: string) => ["churned", "contracted"].includes(storyOf.get(id)?.story ?? "");
    const calm = experienced.filter((t) => !troubled(t.accountId)).map((t) => t.experienceRating as number);
    const hard = experienced.filter((t) => troubled(t.accountId)).map((t) => t.experienceRating as number);
    expect(mean(hard)).toBeLessThan(mean(calm));
  });

  it("has key players of the account present, never after they left, and one timeline entry each", () => {
    for (const t of rows.touchpoints) {
      for (const id of playersOf.get(t.id) ?? []) {
        const c = contactOf.get(id);
        expect(c?.accountId).toBe(t.accountId);
        expect(c && keyPlayer(c)).toBe(true);
        if (c?.leftCompany) expect(t.occurredAt.getTime()).toBeLessThan((c.updatedAt as Date).getTime());
      }
    }
    const withPlayers = rows.touchpoints.filter((t) => playersOf.has(t.id));
    expect(withPlayers.length / rows.touchpoints.length).toBeGreaterThan(0.7);
    const entries = rows.timeline.filter((e) => e.kind === "touchpoint");
    expect(entries).toHaveLength(rows.touchpoints.length);
    const titles = new Set(entries.map((e) => `${e.accountId}|${e.occurredAt.toISOString()}|${e.title}`));
    const calls = rows.touchpoints.filter((t) => t.channel === "call");
    for (const t of calls.slice(0, 50))
      expect(titles).toContain(`${t.accountId}|${t.occurredAt.toISOString()}|Call: ${t.title}`);
  });

  it("keeps every active customer in touch in the last 90 days, except the relationships told on purpose", () => {
    const since = dayStart(-89);
    const stories = [...rows.relationships.values()];
    expect(stories.filter((s) => s.quiet).length).toBeGreaterThanOrEqual(3);
    expect(stories.filter((s) => s.singleThreaded).length).toBeGreaterThanOrEqual(5);
    expect(stories.filter((s) => s.buyerUnmet).length).toBeGreaterThanOrEqual(10);
    for (const a of rows.accounts) {
      const story = rows.relationships.get(a.id);
      const recent = rows.touchpoints.filter((t) => t.accountId === a.id && t.occurredAt.getTime() >= since);
      const players = rows.contacts.filter((c) => c.accountId === a.id && !c.leftCompany && keyPlayer(c));
      if (a.lifecycleStage === "churned" || players.length === 0) continue;
      expect(recent.length > 0, a.name).toBe(!story?.quiet);
      const buyer = players.find((c) => c.decisionRole === "economic_buyer");
      const met = recent.some((t) => playersOf.get(t.id)?.includes(buyer?.id as string));
      if (story?.buyerUnmet || story?.quiet) expect(met, a.name).toBe(false);
      else if (buyer && (buyer.createdAt as Date).getTime() < dayStart(-80)) expect(met, a.name).toBe(true);
      if (story?.singleThreaded) {
        const present = new Set(recent.flatMap((t) => playersOf.get(t.id) ?? []));
        expect(present.size, a.name).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe("generateDemo surveys and the closed loop", () => {
  it("links each answer to its key player's last touchpoint at or before it", () => {
    const byContact = new Map<string, Date[]>();
    const when = new Map(rows.touchpoints.map((t) => [t.id, t.occurredAt]));
    for (const p of rows.touchpointPlayers)
      byContact.set(p.contactId, [...(byContact.get(p.contactId) ?? []), when.get(p.touchpointId) as Date]);
    let linked = 0;
    for (const r of rows.surveyResponses) {
      const before = (byContact.get(r.contactId) ?? []).filter((d) => d <= r.answeredAt);
      if (before.length === 0) {
        expect(r.touchpointId).toBeNull();
        continue;
      }
      linked++;
      const last = Math.max(...before.map((d) => d.getTime()));
      expect(when.get(r.touchpointId as string)?.getTime()).toBe(last);
      expect(playersOf.get(r.touchpointId as string)).toContain(r.contactId);
    }
    expect(linked / rows.surveyResponses.length).toBeGreaterThan(0.4);
  });

  it("groups the NPS answers into quarterly surveys sent to key players, answered by 35–60%", () => {
    expect(rows.surveys.length).toBeGreaterThanOrEqual(4);
    const recipients = new Map(rows.surveyRecipients.map((r) => [r.id, r]));
    for (const s of rows.surveys) {
      expect(s.name).toMatch(/^Relationship NPS — Q[1-4] \d{4}$/);
      const sent = rows.surveyRecipients.filter((r) => r.surveyId === s.id);
      const rate = sent.filter((r) => r.answeredAt).length / sent.length;
      expect(rate, s.name).toBeGreaterThan(0.35);
      expect(rate, s.name).toBeLessThan(0.6);
    }
    for (const r of rows.surveyRecipients) {
      expect(r.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(r.email).toBe(contactOf.get(r.contactId)?.email);
      expect(r.expiresAt.getTime() - r.sentAt.getTime()).toBe(30 * 86_400_000);
    }
    expect(new Set(rows.surveyRecipients.map((r) => r.tokenHash)).size).toBe(rows.surveyRecipients.length);
    for (const a of rows.surveyResponses) {
      if (a.kind !== "nps") continue;
      const invitation = recipients.get(a.recipientId as string);
      expect(invitation?.contactId).toBe(a.contactId);
      expect(invitation?.answeredAt).toEqual(a.answeredAt);
      expect(invitation?.sentAt.getTime()).toBeLessThan(a.answeredAt.getTime());
    }
    expect(rows.surveyRecipients.filter((r) => r.answeredAt)).toHaveLength(
      rows.surveyResponses.filter((a) => a.kind === "nps").length,
    );
    // One sent invitation email each, without a body.
    expect(rows.mailMessages).toHaveLength(rows.surveyRecipients.length);
    expect(
      rows.mailMessages.every((m) => m.status === "sent" && m.textBody === null && m.htmlBody === null),
    ).toBe(true);
  });

  it("puts an alert on the timeline for every answer that calls for a call back, as the closed loop words it", () => {
    const alarming = rows.surveyResponses.filter((a) => needsFollowUp(a.kind as SurveyKind, a.score));
    expect(alarming.length).toBeGreaterThan(50);
    const alerts = rows.timeline.filter((e) => e.kind === "alert");
    expect(alerts).toHaveLength(alarming.length);
    expect(rows.surveyResponses.filter((a) => a.alertedAt)).toHaveLength(alarming.length);
    const byKey = new Map(alerts.map((e) => [`${e.contactId}|${e.occurredAt.toISOString()}`, e]));
    for (const a of alarming) {
      expect(a.alertedAt).toEqual(a.answeredAt);
      const c = contactOf.get(a.contactId);
      const expected = followUpAlert({
        kind: a.kind as SurveyKind,
        score: a.score,
        dimension: null,
        comment: a.comment ?? null,
        who: `${c?.firstName} ${c?.lastName}`,
      });
      const e = byKey.get(`${a.contactId}|${a.answeredAt.toISOString()}`);
      expect(e?.accountId).toBe(a.accountId);
      expect([e?.title, e?.body]).toEqual([expected.title, expected.body]);
    }
  });
});
