import { addDays, daysBetween, utcDay } from "../../common/dates.ts";
import { newId } from "../../common/ids.ts";
import type { SurveyKind } from "../../contract/experience.ts";
import type { TaskOutcome, TaskPriority, TaskReason } from "../../contract/tasks.ts";
import type { schema } from "../../db/index.ts";
import { followUpReason } from "../experience/index.ts";
import type { Rng } from "../kernel/random.ts";
import { closedTimelineTitle } from "../tasks/index.ts";
import { atOffset } from "./dates.ts";
import type {
  AccountInsert,
  ContactInsert,
  SubscriptionInsert,
  SurveyResponseInsert,
  TimelineInsert,
} from "./factories.ts";
import { DEMO_MEMBERS, type MemberIds } from "./roster.ts";

export type TaskInsert = typeof schema.tasks.$inferInsert;

type Sources = {
  accounts: AccountInsert[];
  contacts: ContactInsert[];
  subscriptions: SubscriptionInsert[];
  surveyResponses: SurveyResponseInsert[];
};

/** Follow-ups answered this recently are still open; older ones were worked and closed. */
const OPEN_FOLLOW_UP_DAYS = 7;

const HAND_NOTES: Record<Exclude<TaskOutcome, "auto_resolved">, string[]> = {
  done: ["Done on the call.", "Sent and acknowledged.", "Booked for next month."],
  resolved: [
    "Walked them through the fix; they are happy with the workaround.",
    "Escalated to support, fixed in the next release; called back to confirm.",
    "Their admin was overloaded: we ran a training session for the team.",
  ],
  not_needed: ["Already handled by their account executive."],
  unsuccessful: ["No answer after three tries; will try again at the QBR."],
};

/**
 * The demo's inbox, built from the demo's own data as the product would have raised it: the closed
 * loop's follow-ups of unhappy answers (recent ones open, older ones worked and closed on the
 * timeline), an alert where a champion left and nobody replaced them, and the CSMs' own work —
 * renewal calls, onboarding check-ins, business reviews — some done, some overdue and escalated to
 * the manager, a few snoozed.
 */
export function planInbox(
  rng: Rng,
  src: Sources,
  build: { workspaceId: string; today: string; memberIds: MemberIds },
): { tasks: TaskInsert[]; timeline: TimelineInsert[] } {
  const { workspaceId, today, memberIds } = build;
  const tasks: TaskInsert[] = [];
  const timeline: TimelineInsert[] = [];
  const account = new Map(src.accounts.map((a) => [a.id as string, a]));
  const managerOf = new Map(
    DEMO_MEMBERS.filter((m) => m.manager).map((m) => [memberIds[m.key], memberIds[m.manager as string]]),
  );
  const contactName = new Map(src.contacts.map((c) => [c.id as string, `${c.firstName} ${c.lastName}`]));

  const add = (t: {
    accountId: string;
    kind: "alert" | "task";
    type: "risk" | "opportunity" | "lifecycle" | "activity";
    title: string;
    description?: string | null;
    priority: TaskPriority;
    createdAt: Date;
    dueDate: string;
    reason: TaskReason;
    reasonKey: string;
    createdBy?: string | null;
    closed?: { outcome: Exclude<TaskOutcome, "auto_resolved">; at: Date };
    snoozeDays?: number;
  }) => {
    const ownerId = account.get(t.accountId)?.ownerId ?? null;
    const overdueDays = t.closed ? 0 : daysBetween(t.dueDate, today);
    const manager = ownerId ? managerOf.get(ownerId) : undefined;
    // The hourly job escalates what is a day past due; the demo shows it as having run.
    const escalated = overdueDays >= 2 && manager !== undefined;
    const note = t.closed ? rng.pick(HAND_NOTES[t.closed.outcome]) : null;
    tasks.push({
      workspaceId,
      id: newId(),
      accountId: t.accountId,
      kind: t.kind,
      type: t.type,
      title: t.title,
      description: t.description ?? null,
      priority: t.priority,
      ownerId,
      dueDate: t.dueDate,
      snoozedUntil: t.snoozeDays ? atOffset(today, t.snoozeDays, 9, 0) : null,
      reason: t.reason,
      reasonKey: t.reasonKey,
      occurrences: 1,
      lastOccurredAt: t.createdAt,
      escalatedAt: escalated ? atOffset(addDays(t.dueDate, 1), 0, 1, 5) : null,
      escalatedTo: escalated ? [manager as string] : [],
      createdBy: t.createdBy ?? null,
      createdAt: t.createdAt,
      updatedAt: t.closed?.at ?? t.createdAt,
      closedAt: t.closed?.at ?? null,
      closedBy: t.closed ? ownerId : null,
      outcome: t.closed?.outcome ?? null,
      outcomeNote: note,
    });
    if (t.closed) {
      timeline.push({
        workspaceId,
        accountId: t.accountId,
        id: newId(),
        kind: "task",
        title: closedTimelineTitle(t.title, t.closed.outcome),
        body: note,
        authorId: null,
        contactId: null,
        occurredAt: t.closed.at,
        createdAt: t.closed.at,
        updatedAt: t.closed.at,
      });
    }
  };

  // The closed loop: the latest alarming answer of each person.
  const latest = new Map<string, SurveyResponseInsert>();
  for (const r of src.surveyResponses) {
    if (!r.alertedAt) continue;
    const seen = latest.get(r.contactId);
    if (!seen || seen.answeredAt < r.answeredAt) latest.set(r.contactId, r);
  }
  for (const r of latest.values()) {
    const day = utcDay(r.answeredAt);
    const age = daysBetween(day, today);
    if (age < 0 || !account.get(r.accountId)?.ownerId) continue;
    const kind = r.kind as SurveyKind;
    const priority: TaskPriority = kind === "nps" && r.score <= 3 ? "urgent" : "high";
    const who = contactName.get(r.contactId) ?? "A key player";
    add({
      accountId: r.accountId,
      kind: "alert",
      type: "risk",
      title: `${kind === "nps" ? "Detractor" : "Unhappy answer"}: ${who} answered ${kind.toUpperCase()} ${r.score}`,
      description: r.comment ? `“${r.comment}” — call ${who} back.` : `No comment given — call ${who} back.`,
      priority,
      createdAt: r.answeredAt,
      dueDate: addDays(day, priority === "urgent" ? 1 : 2),
      reason: {
        kind: "survey_follow_up",
        text: followUpReason(who, kind, r.score),
        data: { responseId: r.id as string, contactId: r.contactId, surveyKind: kind, score: r.score },
      },
      reasonKey: `survey_follow_up:${r.contactId}`,
      ...(age > OPEN_FOLLOW_UP_DAYS
        ? {
            closed: {
              outcome: rng.chance(0.8) ? "resolved" : "done",
              at: atOffset(day, rng.int(1, 4), 15, 30),
            },
          }
        : {}),
    });
  }

  // A champion gone with nobody in their place.
  const byAccount = new Map<string, ContactInsert[]>();
  for (const c of src.contacts) byAccount.set(c.accountId, [...(byAccount.get(c.accountId) ?? []), c]);
  for (const [accountId, people] of byAccount) {
    const champions = people.filter((c) => c.decisionRole === "champion");
    const gone = champions.filter((c) => c.leftCompany);
    if (gone.length === 0 || champions.some((c) => !c.leftCompany) || !account.get(accountId)?.ownerId)
      continue;
    const left = gone.map((c) => c.updatedAt as Date).sort((a, b) => b.getTime() - a.getTime())[0] as Date;
    if (daysBetween(utcDay(left), today) > 120) continue;
    const names = gone.map((c) => `${c.firstName} ${c.lastName}`).join(", ");
    add({
      accountId,
      kind: "alert",
      type: "risk",
      title: `Champion left: ${names}`,
      description: `No active champion: ${names} left the company and nobody has taken the role. Find someone who wants this account to succeed and make them the champion.`,
      priority: "high",
      createdAt: left,
      dueDate: addDays(utcDay(left), 2),
      reason: {
        kind: "stakeholder_risk",
        text: `No active champion: ${names} left the company and nobody has taken the role.`,
        data: { riskCode: "champion_left", contactIds: gone.map((c) => c.id as string) },
      },
      reasonKey: "stakeholder_risk:champion_left",
    });
  }

  // The CSMs' own work on their books.
  const renewal = new Map<string, string>();
  for (const s of src.subscriptions) {
    if (!s.renewalDate || s.renewalDate < today) continue;
    const seen = renewal.get(s.accountId);
    if (!seen || s.renewalDate < seen) renewal.set(s.accountId, s.renewalDate);
  }
  const manual = (ownerId: string) => ({
    kind: "manual" as const,
    text: `Created by ${DEMO_MEMBERS.find((m) => memberIds[m.key] === ownerId)?.name ?? "a colleague"}`,
    data: { userId: ownerId },
  });
  for (const a of src.accounts) {
    const ownerId = a.ownerId;
    if (!ownerId || a.lifecycleStage === "churned") continue;
    const id = a.id as string;
    const renews = renewal.get(id);
    const toRenewal = renews ? daysBetween(today, renews) : null;
    if (toRenewal !== null && toRenewal <= 75) {
      add({
        accountId: id,
        kind: "task",
        type: "lifecycle",
        title: "Renewal call: confirm the decision process and budget",
        description: `Renews on ${renews}. Agree who signs, by when, and what they need to see from us.`,
        priority: toRenewal <= 30 ? "urgent" : "high",
        createdAt: atOffset(today, -rng.int(5, 20), 9, 30),
        dueDate: addDays(today, Math.max(-2, Math.min(10, toRenewal - 40 + rng.int(-3, 3)))),
        reason: manual(ownerId),
        reasonKey: `manual:${newId()}`,
        createdBy: ownerId,
        ...(rng.chance(0.15) ? { snoozeDays: rng.int(1, 5) } : {}),
      });
    }
    if (a.lifecycleStage === "onboarding") {
      add({
        accountId: id,
        kind: "task",
        type: "activity",
        title: "Onboarding check-in: is the first value milestone on track?",
        priority: "medium",
        createdAt: atOffset(today, -rng.int(3, 12), 10, 0),
        dueDate: addDays(today, rng.int(-3, 7)),
        reason: manual(ownerId),
        reasonKey: `manual:${newId()}`,
        createdBy: ownerId,
      });
    }
    if (rng.chance(0.12)) {
      add({
        accountId: id,
        kind: "task",
        type: "activity",
        title: "Prepare the quarterly business review",
        description: "Outcomes achieved since the last review, usage trends, and the plan for next quarter.",
        priority: "medium",
        createdAt: atOffset(today, -rng.int(2, 10), 11, 0),
        dueDate: addDays(today, rng.int(-2, 21)),
        reason: manual(ownerId),
        reasonKey: `manual:${newId()}`,
        createdBy: ownerId,
        ...(rng.chance(0.2) ? { snoozeDays: rng.int(2, 6) } : {}),
      });
    }
    if (rng.chance(0.3)) {
      const due = -rng.int(15, 90);
      add({
        accountId: id,
        kind: "task",
        type: "activity",
        title: "Quarterly check-in call",
        priority: "low",
        createdAt: atOffset(today, due - 7, 9, 0),
        dueDate: addDays(today, due),
        reason: manual(ownerId),
        reasonKey: `manual:${newId()}`,
        createdBy: ownerId,
        closed: {
          outcome: rng.chance(0.85) ? "done" : "unsuccessful",
          at: atOffset(today, due + rng.int(-2, 1), 16, 0),
        },
      });
    }
  }
  return { tasks, timeline };
}
