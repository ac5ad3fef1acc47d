import { describe, expect, it } from "vitest";
import { addDays } from "../../common/dates.ts";

import { TEAM_ROLES } from "../../contract/account-team.ts";

import { LIFECYCLE_STAGES } from "../../contract/accounts.ts";

import { DECISION_ROLES, SENIORITIES } from "../../contract/contacts.ts";

import { SURVEY_SCALES, TICKET_PRIORITIES } from "../../contract/experience.ts";

import { BILLING_PERIODS, SUBSCRIPTION_STATUSES } from "../../contract/subscriptions.ts";

import { TIMELINE_KINDS } from "../../contract/timeline.ts";

import { isKeyPlayer } from "../contacts/index.ts";

import { validateCustomFields } from "../custom-fields/index.ts";

import { csatOf, npsOf } from "../experience/index.ts";

import { type DemoRows, generateDemo } from "./generate.ts";

import { DEMO_CUSTOM_FIELDS } from "./plan-profile.ts";

import { DEMO_MEMBERS } from "./roster.ts";

const memberIds = Object.fromEntries(
  DEMO_MEMBERS.map((m, i) => [m.key, `00000000-0000-7000-8000-${String(i + 1).padStart(12, "0")}`]),
);
const TODAY = "2026-03-15";
const build = (today = TODAY) =>
  generateDemo({ workspaceId: "00000000-0000-7000-8000-00000000ffff", today, memberIds });

/** The rows with ids replaced by positions and dates dropped: what must not change between runs. */
function shape(rows: DemoRows) {
  const index = new Map(rows.accounts.map((a, i) => [a.id, i]));
  const strip = <T extends object>(row: T, drop: string[]) =>
    Object.fromEntries(Object.entries(row).filter(([k]) => !drop.includes(k)));
  const dates = [
    "id",
    "createdAt",
    "updatedAt",
    "occurredAt",
    "startDate",
    "endDate",
    "renewalDate",
    "openedAt",
    "closedAt",
    "answeredAt",
    "contactId",
    "workspaceId",
    "touchpointId",
    "recipientId",
    "alertedAt",
  ];
  return {
    accounts: rows.accounts.map((a) => ({
      ...strip(a, dates),
      parentId: a.parentId ? index.get(a.parentId) : null,
    })),
    contacts: rows.contacts.map((c) => ({ ...strip(c, dates), accountId: index.get(c.accountId) })),
    subscriptions: rows.subscriptions.map((s) => ({ ...strip(s, dates), accountId: index.get(s.accountId) })),
    team: rows.teamMembers.map((t) => ({ ...strip(t, dates), accountId: index.get(t.accountId) })),
    timeline: rows.timeline.map((t) => ({ ...strip(t, dates), accountId: index.get(t.accountId) })),
    tickets: rows.tickets.map((t) => ({ ...strip(t, dates), accountId: index.get(t.accountId) })),
    answers: rows.surveyResponses.map((r) => ({
      ...strip(r, dates),
      accountId: index.get(r.accountId),
      linked: r.touchpointId !== null,
      invited: r.recipientId !== null,
      alerted: r.alertedAt !== null,
    })),
    touchpoints: rows.touchpoints.map((t) => ({ ...strip(t, dates), accountId: index.get(t.accountId) })),
    players: rows.touchpointPlayers.length,
    invitations: rows.surveyRecipients.map((r) => [index.get(r.accountId), r.email, r.answeredAt !== null]),
  };
}

describe("generateDemo", () => {
  const rows = build();
  const byAccount = <T extends { accountId: string }>(items: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of items) map.set(item.accountId, [...(map.get(item.accountId) ?? []), item]);
    return map;
  };

  it("is the same book every time, and another day only moves the dates", () => {
    expect(shape(build())).toEqual(shape(rows));
    const later = build(addDays(TODAY, 40));
    expect(later.accounts.map((a) => a.name)).toEqual(rows.accounts.map((a) => a.name));
    expect(later.subscriptions.map((s) => s.mrrMinor)).toEqual(rows.subscriptions.map((s) => s.mrrMinor));
    expect(later.subscriptions[0]?.startDate).toBe(addDays(rows.subscriptions[0]?.startDate as string, 40));
  });

  it("has 200 uniquely named accounts in a tier pyramid, with parent/child groups", () => {
    expect(rows.accounts).toHaveLength(200);
    expect(new Set(rows.accounts.map((a) => a.name)).size).toBe(200);
    expect(new Set(rows.accounts.map((a) => a.externalId)).size).toBe(200);
    const tiers = (t: string) => rows.accounts.filter((a) => a.tier === t).length;
    expect(tiers("SMB")).toBeGreaterThan(tiers("Mid-Market"));
    expect(tiers("Mid-Market")).toBeGreaterThan(tiers("Enterprise"));
    const ids = new Set(rows.accounts.map((a) => a.id));
    const children = rows.accounts.filter((a) => a.parentId);
    expect(children.every((c) => ids.has(c.parentId as string))).toBe(true);
    expect(new Set(children.map((c) => c.parentId)).size).toBeGreaterThanOrEqual(10);
    for (const a of rows.accounts) {
      expect(LIFECYCLE_STAGES).toContain(a.lifecycleStage);
      expect(() => validateCustomFields([...DEMO_CUSTOM_FIELDS], a.customFields ?? {})).not.toThrow();
    }
  });

  it("gives each account 3–8 contacts at its domain, one economic buyer, influence fitting seniority", () => {
    const contacts = byAccount(rows.contacts);
    for (const a of rows.accounts) {
      const list = contacts.get(a.id) ?? [];
      expect(list.length).toBeGreaterThanOrEqual(3);
      expect(list.length).toBeLessThanOrEqual(8);
      expect(list.filter((c) => c.decisionRole === "economic_buyer")).toHaveLength(1);
      expect(list.every((c) => c.email?.endsWith(`@${a.domain}`))).toBe(true);
    }
    for (const c of rows.contacts) {
      expect(DECISION_ROLES).toContain(c.decisionRole);
      expect(SENIORITIES).toContain(c.seniority);
      if (c.seniority === "executive") expect(c.influence).toBe(5);
      if (c.seniority === "individual_contributor") expect(c.influence).toBeLessThanOrEqual(2);
      expect(c.leftCompany).toBe(c.status === "inactive");
    }
    expect(rows.contacts.some((c) => c.leftCompany)).toBe(true);
  });

  it("keeps subscriptions consistent: live ones renew ahead, ended ones ended in the past", () => {
    for (const s of rows.subscriptions) {
      expect(SUBSCRIPTION_STATUSES).toContain(s.status);
      if (s.billingPeriod) expect(BILLING_PERIODS).toContain(s.billingPeriod);
      if (s.endDate) expect(s.endDate >= s.startDate).toBe(true);
      if (s.status === "active") {
        expect(s.endDate).toBeNull();
        expect((s.renewalDate as string) >= TODAY).toBe(true);
        expect(s.startDate <= TODAY).toBe(true);
      }
      if (s.status === "canceled" || s.status === "expired") expect((s.endDate as string) < TODAY).toBe(true);
    }
    const subs = byAccount(rows.subscriptions);
    const churned = rows.accounts.filter((a) => a.lifecycleStage === "churned");
    expect(churned.length / rows.accounts.length).toBeGreaterThanOrEqual(0.07);
    expect(churned.length / rows.accounts.length).toBeLessThanOrEqual(0.11);
    for (const a of churned) expect((subs.get(a.id) ?? []).every((s) => s.status === "canceled")).toBe(true);
    const currencies = new Set(rows.subscriptions.map((s) => s.currency));
    expect([...currencies].sort()).toEqual(["EUR", "GBP", "USD"]);
  });

  it("gives key players outcomes and wins in every state, slipping where the account is in trouble", () => {
    const contactOf = new Map(rows.contacts.map((c) => [c.id, c]));
    const storyOf = new Map(rows.usage.map((u) => [u.accountId, u.story]));
    expect(new Set(rows.outcomes.map((o) => o.status))).toEqual(
      new Set(["planned", "in_progress", "achieved", "at_risk", "missed"]),
    );
    expect(new Set(rows.outcomes.map((o) => o.kind))).toEqual(new Set(["business_outcome", "personal_win"]));
    // Every account's economic buyer wants something.
    const withOutcomes = new Set(rows.outcomes.map((o) => contactOf.get(o.contactId)?.accountId));
    expect(withOutcomes.size).toBe(200);
    for (const o of rows.outcomes) {
      const person = contactOf.get(o.contactId);
      expect(person?.decisionRole).not.toBe("user");
      // Recorded after the person was met, settled after it was recorded.
      expect((o.createdAt as Date) > (person?.createdAt as Date)).toBe(true);
      if (o.achievedAt) expect(o.achievedAt > (o.createdAt as Date)).toBe(true);
      expect((o.dueDate ?? "") > (o.createdAt as Date).toISOString().slice(0, 10)).toBe(true);
      if (o.status === "achieved") {
        expect(o.achievedAt).toBeInstanceOf(Date);
        if (o.target !== null) expect(o.current).toBe(o.target);
      } else expect(o.achievedAt ?? null).toBeNull();
      if (o.status === "missed" || o.status === "achieved") expect((o.dueDate ?? "") < TODAY).toBe(true);
    }
    const slipping = (stories: string[]) => {
      const of = rows.outcomes.filter((o) =>
        stories.includes(storyOf.get(contactOf.get(o.contactId)?.accountId ?? "") ?? ""),
      );
      return of.filter((o) => o.status === "missed" || o.status === "at_risk").length / of.length;
    };
    expect(slipping(["contracted", "churned"])).toBeGreaterThan(0.5);
    expect(slipping(["steady", "expanded"])).toBeLessThan(0.2);
    // Each outcome has its creation in the history; achieved ones have evidence.
    const created = new Set(
      rows.outcomeChanges.filter((c) => c.action === "created").map((c) => c.outcomeId),
    );
    expect(created.size).toBe(rows.outcomes.length);
    const withEvidence = new Set(rows.outcomeEvidence.map((e) => e.outcomeId));
    for (const o of rows.outcomes.filter((x) => x.status === "achieved"))
      expect(withEvidence.has(o.id)).toBe(true);
  });

  it("gives the high-touch book success plans built on its key players' outcomes, one shared and confirmed", () => {
    const accountOf = new Map(rows.accounts.map((a) => [a.id, a]));
    const contactOf = new Map(rows.contacts.map((c) => [c.id, c]));
    const outcomeOf = new Map(rows.outcomes.map((o) => [o.id, o]));
    expect(rows.plans.length).toBeGreaterThan(20);
    for (const p of rows.plans) {
      expect(["Enterprise", "Mid-Market"]).toContain(accountOf.get(p.accountId)?.tier);
      const items = rows.planItems.filter((i) => i.planId === p.id);
      expect(items.some((i) => i.kind === "objective")).toBe(true);
      // Milestones sit under an objective of the same plan; linked outcomes are the account's own.
      for (const m of items.filter((i) => i.kind === "milestone"))
        expect(items.some((o) => o.id === m.parentId && o.kind === "objective")).toBe(true);
      for (const l of rows.planItemOutcomes.filter((x) => items.some((i) => i.id === x.itemId))) {
        const o = outcomeOf.get(l.outcomeId);
        expect(contactOf.get(o?.contactId ?? "")?.accountId).toBe(p.accountId);
      }
    }
    // Milestone states follow the outcomes: some done, some at risk, some not started.
    expect(new Set(rows.planItems.map((i) => i.status))).toEqual(
      new Set(["not_started", "in_progress", "done", "at_risk"]),
    );
    expect(rows.planItems.some((i) => !i.shared && i.internalNotes)).toBe(true);
    expect(rows.planLinks).toHaveLength(1);
    const link = rows.planLinks[0];
    const confirmed = rows.outcomeEvidence.filter((e) => e.source === "customer_confirmed");
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0]).toMatchObject({ contactId: link?.contactId, verdict: "achieved" });
    expect(outcomeOf.get(confirmed[0]?.outcomeId ?? "")?.status).toBe("achieved");
  });

  it("gives accounts support tickets that follow their story, satisfaction unanswered as null", () => {
    const storyOf = new Map(rows.usage.map((u) => [u.accountId, u.story]));
    const startOfToday = Date.parse(`${TODAY}T00:00:00Z`);
    expect(new Set(rows.tickets.map((t) => t.externalId)).size).toBe(rows.tickets.length);
    for (const t of rows.tickets) {
      expect(TICKET_PRIORITIES).toContain(t.priority);
      expect(t.openedAt.getTime()).toBeLessThan(startOfToday);
      expect(t.subject?.trim()).toBeTruthy();
      if (t.satisfaction !== null) {
        expect(t.closedAt).toBeInstanceOf(Date);
        expect([1, 2, 3, 4, 5]).toContain(t.satisfaction);
      }
      if (t.closedAt) {
        expect(t.closedAt.getTime()).toBeGreaterThan(t.openedAt.getTime());
        expect(t.closedAt.getTime()).toBeLessThan(startOfToday);
        expect(t.resolutionHours).toBeGreaterThan(0);
      } else expect(t.resolutionHours).toBeNull();
    }
    const closed = rows.tickets.filter((t) => t.closedAt);
    const rated = closed.filter((t) => t.satisfaction !== null);
    expect(rated.length / closed.length).toBeGreaterThan(0.5);
    expect(rated.length / closed.length).toBeLessThan(0.65);
    const of = (stories: string[]) => {
      const accounts = rows.usage.filter((u) => stories.includes(u.story)).length;
      const list = rows.tickets.filter((t) => stories.includes(storyOf.get(t.accountId) ?? ""));
      const scores = list.flatMap((t) => (t.satisfaction === null ? [] : [t.satisfaction as number]));
      return {
        perAccount: list.length / accounts,
        escalated: list.filter((t) => t.escalated).length / list.length,
        csat: csatOf({ responses: scores.length, satisfied: scores.filter((x) => x >= 4).length }) as number,
      };
    };
    const good = of(["steady", "expanded"]);
    const bad = of(["contracted", "churned"]);
    expect(bad.perAccount).toBeGreaterThan(good.perAccount);
    expect(bad.escalated).toBeGreaterThan(2 * good.escalated);
    expect(bad.csat).toBeLessThan(good.csat - 0.1);
    const all = of(["steady", "expanded", "new", "trial", "contracted", "churned"]);
    expect(all.csat).toBeGreaterThan(0.75);
    expect(all.csat).toBeLessThan(0.92);
  });

  it("has key players answer NPS, CSAT and CES surveys within their scales, during their time there", () => {
    const contactOf = new Map(rows.contacts.map((c) => [c.id, c]));
    const usageOf = new Map(rows.usage.map((u) => [u.accountId, u]));
    const startOfToday = Date.parse(`${TODAY}T00:00:00Z`);
    expect(new Set(rows.surveyResponses.map((r) => r.kind))).toEqual(new Set(["nps", "csat", "ces"]));
    for (const r of rows.surveyResponses) {
      const person = contactOf.get(r.contactId);
      if (!person) throw new Error(`answer by an unknown contact ${r.contactId}`);
      expect(person.accountId).toBe(r.accountId);
      expect(
        isKeyPlayer({ decisionRole: person.decisionRole ?? null, influence: person.influence ?? null }),
      ).toBe(true);
      const { min, max } = SURVEY_SCALES[r.kind as keyof typeof SURVEY_SCALES];
      expect(r.scale).toBe(max);
      expect(r.score).toBeGreaterThanOrEqual(min);
      expect(r.score).toBeLessThanOrEqual(max);
      if (r.kind !== "nps") expect(r.score).toBeGreaterThan(0);
      expect(r.dimension ?? null).toBeNull();
      if (r.comment !== null) expect(r.comment?.trim()).toBeTruthy();
      // Within the person's time at the account and the account's life, before today.
      expect(r.answeredAt.getTime()).toBeLessThan(startOfToday);
      expect(r.answeredAt.getTime()).toBeGreaterThan((person.createdAt as Date).getTime());
      if (person.leftCompany)
        expect(r.answeredAt.getTime()).toBeLessThan((person.updatedAt as Date).getTime());
      const end = usageOf.get(r.accountId)?.endOffset;
      if (end !== null && end !== undefined)
        expect(r.answeredAt.getTime()).toBeLessThan(Date.parse(`${addDays(TODAY, end)}T00:00:00Z`));
    }
    // One answer per person, kind and moment (the table's unique key).
    const keys = rows.surveyResponses.map((r) => `${r.contactId}|${r.kind}|${r.answeredAt.toISOString()}`);
    expect(new Set(keys).size).toBe(keys.length);
    const comments = rows.surveyResponses.filter((r) => r.comment !== null);
    expect(comments.length / rows.surveyResponses.length).toBeGreaterThan(0.3);
    expect(new Set(comments.map((r) => r.comment)).size).toBeGreaterThan(100);
  });

  it("gives every current customer an NPS that follows its story, with recent detractors among decision makers", () => {
    const contactOf = new Map(rows.contacts.map((c) => [c.id, c]));
    const nps = rows.surveyResponses.filter((r) => r.kind === "nps");
    const latest = new Map<string, (typeof nps)[number]>();
    for (const r of nps) {
      const seen = latest.get(r.accountId);
      if (!seen || r.answeredAt > seen.answeredAt) latest.set(r.accountId, r);
    }
    const threeDaysAgo = Date.parse(`${addDays(TODAY, -3)}T00:00:00Z`);
    for (const a of rows.accounts) {
      const story = rows.usage.find((u) => u.accountId === a.id)?.story;
      const met = rows.contacts.some(
        (c) =>
          c.accountId === a.id &&
          !c.leftCompany &&
          isKeyPlayer({ decisionRole: c.decisionRole ?? null, influence: c.influence ?? null }) &&
          (c.createdAt as Date).getTime() < threeDaysAgo,
      );
      if (story !== "trial" && a.lifecycleStage !== "churned" && met)
        expect(latest.has(a.id), a.name).toBe(true);
      const last = latest.get(a.id)?.score;
      if (a.lifecycleStage === "churned") expect(last).toBeLessThanOrEqual(6);
      if (a.lifecycleStage === "advocacy") expect(last).toBeGreaterThanOrEqual(9);
      if (story === "trial") expect(last).toBeUndefined();
    }
    const counts = (scores: number[]) => ({
      responses: scores.length,
      promoters: scores.filter((x) => x >= 9).length,
      detractors: scores.filter((x) => x <= 6).length,
    });
    // A mid-size B2B book: clearly positive overall, negative where customers left or shrank.
    const overall = npsOf(counts(nps.map((r) => r.score))) as number;
    expect(overall).toBeGreaterThan(15);
    expect(overall).toBeLessThan(50);
    const troubled = new Set(
      rows.usage.filter((u) => u.story === "churned" || u.story === "contracted").map((u) => u.accountId),
    );
    expect(npsOf(counts(nps.filter((r) => troubled.has(r.accountId)).map((r) => r.score)))).toBeLessThan(0);
    const recent = Date.parse(`${addDays(TODAY, -90)}T00:00:00Z`);
    const decidersDetracting = nps.filter(
      (r) =>
        r.score <= 6 &&
        r.answeredAt.getTime() > recent &&
        ["economic_buyer", "decision_maker"].includes(contactOf.get(r.contactId)?.decisionRole ?? ""),
    );
    expect(new Set(decidersDetracting.map((r) => r.accountId)).size).toBeGreaterThanOrEqual(5);
  });

  it("no longer keeps a last NPS answer in a custom field: the survey answers hold it", () => {
    expect(DEMO_CUSTOM_FIELDS.map((d) => d.key)).not.toContain("nps_last");
    for (const a of rows.accounts) expect(a.customFields).not.toHaveProperty("nps_last");
  });

  it("writes a history that is all in the past, with authored notes", () => {
    const startOfToday = Date.parse(`${TODAY}T00:00:00Z`);
    for (const t of rows.timeline) {
      expect(TIMELINE_KINDS).toContain(t.kind);
      expect(t.occurredAt.getTime()).toBeLessThan(startOfToday);
    }
    const notes = rows.timeline.filter((t) => t.kind === "note");
    expect(notes.length).toBeGreaterThan(rows.accounts.length * 3);
    expect(notes.every((n) => n.authorId && Object.values(memberIds).includes(n.authorId))).toBe(true);
    for (const t of rows.teamMembers) expect(TEAM_ROLES).toContain(t.teamRole);
  });
});
