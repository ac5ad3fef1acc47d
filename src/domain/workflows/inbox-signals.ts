import type { RelationshipRiskCode } from "../../contract/stakeholders.ts";
import type { Ctx } from "../context.ts";
import type { DeliveredEvent, EventConsumer } from "../events/index.ts";
import { findFollowUps, followUpReason } from "../experience/index.ts";
import { accountsWithDepartureSignals, getStakeholderMap } from "../stakeholders/index.ts";
import { autoResolveTasks, type RaisedTask, raiseTasks } from "../tasks/index.ts";

/**
 * The closed loop reaches the inbox: each `survey.follow_up_needed` opens a risk alert for the
 * account's owner to call the person back. One open alert per person: a second unhappy answer
 * while the first is open counts as another occurrence rather than another item.
 */
export const inboxFollowUps: EventConsumer = {
  name: "inbox.survey_follow_up",
  types: ["survey.follow_up_needed"],
  async handle(ctx, events) {
    const ids = events.flatMap((e) => (typeof e.data.responseId === "string" ? [e.data.responseId] : []));
    const followUps = await findFollowUps(ctx, ids);
    await raiseTasks(
      ctx,
      followUps.map((f) => ({
        accountId: f.accountId,
        kind: "alert",
        type: "risk",
        title: f.title,
        description: f.body,
        // A detractor who scores 0–3 is the loudest warning a survey gives.
        priority: f.kind === "nps" && f.score <= 3 ? "urgent" : "high",
        reason: {
          kind: "survey_follow_up",
          text: followUpReason(f.who, f.kind, f.score),
          data: { responseId: f.responseId, contactId: f.contactId, surveyKind: f.kind, score: f.score },
        },
        reasonKey: `survey_follow_up:${f.contactId}`,
      })),
    );
  },
};

/**
 * The relationship risks that are news — a champion or the economic buyer gone, a decision maker
 * who is a detractor — become alerts; the standing ones (no champion mapped, single-threaded,
 * economic buyer not met) stay on the stakeholder map, where rules can act on them. An alert
 * closes by itself when its risk clears (a new champion is named).
 */
const ALERTED: Partial<Record<RelationshipRiskCode, (names: string) => string>> = {
  champion_left: (names) => `Champion left: ${names}`,
  economic_buyer_left: (names) => `Economic buyer left: ${names}`,
  detractor_decision_maker: (names) => `A decision maker is a detractor: ${names}`,
};
const ALERTED_KEYS = Object.keys(ALERTED).map((code) => `stakeholder_risk:${code}`);

async function reviewRelationshipRisks(ctx: Ctx, accountId: string): Promise<void> {
  const map = await getStakeholderMap(ctx, accountId);
  const raised: RaisedTask[] = map.risks.flatMap((risk) => {
    const title = ALERTED[risk.code];
    if (!title) return [];
    const names = risk.evidence.contacts.map((c) => c.name).join(", ");
    return [
      {
        accountId,
        kind: "alert" as const,
        type: "risk" as const,
        title: title(names || "see the stakeholder map"),
        description: risk.message,
        priority: "high" as const,
        reason: {
          kind: "stakeholder_risk" as const,
          text: risk.message,
          data: { riskCode: risk.code, contactIds: risk.evidence.contacts.map((c) => c.contactId) },
        },
        reasonKey: `stakeholder_risk:${risk.code}`,
      },
    ];
  });
  await raiseTasks(ctx, raised);
  const present = new Set(raised.map((r) => r.reasonKey));
  await autoResolveTasks(
    ctx,
    [accountId],
    ALERTED_KEYS.filter((k) => !present.has(k)),
    "The relationship risk is no longer on the stakeholder map.",
  );
}

/** Contact fields the alerted risks read; other edits (a phone number) cannot change them. */
const RISK_FIELDS = new Set(["leftCompany", "decisionRole", "accountId"]);

/** Whether an event can change the alerted risks of its account. */
const touchesRisks = (e: DeliveredEvent): boolean => {
  if (e.type === "contact.changed") {
    return Array.isArray(e.data.fields) && e.data.fields.some((f) => RISK_FIELDS.has(String(f)));
  }
  if (e.type === "survey.answered") return e.data.kind === "nps";
  return true;
};

export const inboxRelationshipRisks: EventConsumer = {
  name: "inbox.relationship_risks",
  // What the alerted risks read: key players' roles and departures, and their NPS answers.
  types: [
    "contact.created",
    "contact.changed",
    "contact.deleted",
    "survey.answered",
    "survey.response_deleted",
  ],
  async handle(ctx, events) {
    const accounts = new Set<string>();
    for (const e of events.filter(touchesRisks)) {
      if (e.accountId) accounts.add(e.accountId);
      const previous = e.data.previousAccountId;
      if (typeof previous === "string") accounts.add(previous);
    }
    const worth = await accountsWithDepartureSignals(ctx.db, ctx.workspaceId, [...accounts]);
    for (const accountId of worth) await reviewRelationshipRisks(ctx, accountId);
  },
};
