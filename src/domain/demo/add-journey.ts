import { newId } from "../../common/ids.ts";
import type { SurveyKind } from "../../contract/experience.ts";
import { contactName } from "../contacts/index.ts";
import {
  DEFAULT_QUESTIONS,
  DEFAULT_RECONTACT_DAYS,
  followUpAlert,
  LINK_DAYS,
  needsFollowUp,
} from "../experience/index.ts";
import { touchpointTitle } from "../journey/index.ts";
import { newToken, sha256 } from "../kernel/crypto.ts";
import type {
  MailMessageInsert,
  SurveyInsert,
  SurveyRecipientInsert,
  SurveyResponseInsert,
  TimelineInsert,
  TouchpointInsert,
  TouchpointPlayerInsert,
} from "./factories.ts";
import type { WavePlan } from "./plan-experience.ts";
import type { TouchpointPlan } from "./plan-touchpoints.ts";
import { idOf, type MemberIds } from "./roster.ts";

/**
 * Turns an account's planned touchpoints, survey waves and alarming answers into rows: touchpoints
 * with their key players and timeline entries (as the journey module writes them), each answer
 * linked to its key player's last touchpoint before it, invitations for the waves, and the closed
 * loop's alerts. Surveys group the invitations of all accounts at the end (`groupSurveys`).
 */

export type JourneyRows = {
  touchpoints: TouchpointInsert[];
  touchpointPlayers: TouchpointPlayerInsert[];
  surveys: SurveyInsert[];
  surveyRecipients: SurveyRecipientInsert[];
  mailMessages: MailMessageInsert[];
};

type Entry = (kind: string, title: string, when: Date, extra?: Partial<TimelineInsert>) => void;
type At = (offset: number, hour?: number, minute?: number) => Date;
type Keys = { workspaceId: string; accountId: string };

/** Imports from the help desk are run by CS operations. */
const IMPORTER = "alex.kim";

export function addTouchpoints(
  rows: JourneyRows,
  keys: Keys,
  plans: TouchpointPlan[],
  ctx: { contactIds: string[]; memberIds: MemberIds; at: At; entry: Entry },
): TouchpointInsert[] {
  const added: TouchpointInsert[] = [];
  for (const p of plans) {
    const id = newId();
    const occurredAt = ctx.at(p.offset, p.hour, p.minute);
    const employeeId = idOf(ctx.memberIds, p.employeeKey);
    const contactIds = p.contactIndexes.map((i) => ctx.contactIds[i] as string);
    const row: TouchpointInsert = {
      ...keys,
      id,
      externalId: null,
      channel: p.channel,
      function: p.fn,
      employeeId,
      decisionStep: p.decisionStep,
      developmentStep: p.developmentStep,
      title: p.title,
      notes: p.notes,
      occurredAt,
      qualityRating: p.quality,
      qualityRatedBy: p.ratedByKey === null ? null : idOf(ctx.memberIds, p.ratedByKey),
      qualitySelfAssessed: p.selfAssessed,
      experienceRating: p.experience,
      source: p.source,
      createdBy: p.source === "import" ? idOf(ctx.memberIds, IMPORTER) : employeeId,
      createdAt: occurredAt,
      updatedAt: occurredAt,
    };
    added.push(row);
    rows.touchpoints.push(row);
    for (const contactId of contactIds) {
      rows.touchpointPlayers.push({ workspaceId: keys.workspaceId, touchpointId: id, contactId });
    }
    ctx.entry("touchpoint", touchpointTitle(row), occurredAt, {
      contactId: contactIds[0] ?? null,
      authorId: row.createdBy,
    });
  }
  return added;
}

/** Each answer's touchpoint: its key player's last touchpoint at or before the answer, if any. */
export function linkAnswers(
  answers: SurveyResponseInsert[],
  touchpoints: TouchpointInsert[],
  players: TouchpointPlayerInsert[],
) {
  const when = new Map(touchpoints.map((t) => [t.id, t.occurredAt.getTime()]));
  const byContact = new Map<string, { id: string; at: number }[]>();
  for (const p of players) {
    const at = when.get(p.touchpointId);
    if (at === undefined) continue;
    const list = byContact.get(p.contactId);
    if (list) list.push({ id: p.touchpointId, at });
    else byContact.set(p.contactId, [{ id: p.touchpointId, at }]);
  }
  for (const a of answers) {
    const answered = a.answeredAt.getTime();
    let best: { id: string; at: number } | null = null;
    for (const t of byContact.get(a.contactId) ?? []) {
      if (t.at <= answered && (best === null || t.at > best.at)) best = t;
    }
    a.touchpointId = best?.id ?? null;
  }
}

/** The closed loop for answers already given: an alert on the timeline when each was answered. */
export function addAlerts(
  answers: SurveyResponseInsert[],
  contacts: Map<string, { firstName: string; lastName: string; email: string | null }>,
  entry: Entry,
) {
  for (const a of answers) {
    const kind = a.kind as SurveyKind;
    if (!needsFollowUp(kind, a.score)) continue;
    const c = contacts.get(a.contactId);
    const who = contactName({
      firstName: c?.firstName ?? null,
      lastName: c?.lastName ?? null,
      email: c?.email ?? null,
    });
    const alert = followUpAlert({
      kind,
      score: a.score,
      dimension: a.dimension ?? null,
      comment: a.comment ?? null,
      who,
    });
    entry("alert", alert.title, a.answeredAt, { body: alert.body, contactId: a.contactId, authorId: null });
    a.alertedAt = a.answeredAt;
  }
}

const DAY = 86_400_000;

/**
 * One invitation per key player asked in each of the account's relationship-survey waves, sent
 * early on the wave's day; an NPS answer to that wave is its invitation's answer. The survey id is
 * filled in by `groupSurveys`.
 */
export function addInvitations(
  rows: JourneyRows,
  keys: Keys,
  waves: WavePlan[],
  ctx: {
    contactIds: string[];
    emails: string[];
    answers: { row: SurveyResponseInsert; waveOffset: number | null }[];
    at: At;
  },
) {
  for (const w of waves) {
    const sentAt = ctx.at(w.offset, 6, 30);
    for (const i of w.contactIndexes) {
      const contactId = ctx.contactIds[i] as string;
      const answer = ctx.answers.find(
        (a) => a.row.kind === "nps" && a.row.contactId === contactId && a.waveOffset === w.offset,
      )?.row;
      const id = newId();
      rows.surveyRecipients.push({
        ...keys,
        id,
        surveyId: "",
        contactId,
        email: ctx.emails[i] as string,
        // The link's token went out in the email; only its hash is kept, as for a real send.
        tokenHash: sha256(newToken()),
        sentAt,
        expiresAt: new Date(sentAt.getTime() + LINK_DAYS * DAY),
        answeredAt: answer?.answeredAt ?? null,
      });
      if (answer) answer.recipientId = id;
    }
  }
}

const quarterOf = (d: Date) => `Q${Math.floor(d.getUTCMonth() / 3) + 1} ${d.getUTCFullYear()}`;

/**
 * The quarterly relationship NPS surveys: every invitation sent in a calendar quarter belongs to
 * that quarter's survey (each account is asked on its own quarterly rhythm), with the invitation
 * emails as sent (no body kept, as the outbox keeps none for sent mail).
 */
export function groupSurveys(
  rows: JourneyRows,
  workspaceId: string,
  ctx: { createdBy: string; names: Map<string, string> },
) {
  const byQuarter = new Map<string, SurveyRecipientInsert[]>();
  for (const r of [...rows.surveyRecipients].sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime())) {
    const q = quarterOf(r.sentAt);
    const list = byQuarter.get(q);
    if (list) list.push(r);
    else byQuarter.set(q, [r]);
  }
  const question = DEFAULT_QUESTIONS.nps;
  for (const [quarter, recipients] of byQuarter) {
    const id = newId();
    rows.surveys.push({
      workspaceId,
      id,
      kind: "nps",
      name: `Relationship NPS — ${quarter}`,
      question,
      recontactDays: DEFAULT_RECONTACT_DAYS,
      createdBy: ctx.createdBy,
      createdAt: recipients[0]?.sentAt as Date,
    });
    for (const r of recipients) {
      r.surveyId = id;
      const mailId = newId();
      rows.mailMessages.push({
        workspaceId,
        id: mailId,
        purpose: "survey",
        subjectId: id,
        toAddress: r.email,
        toName: ctx.names.get(r.contactId) ?? null,
        subject: question,
        textBody: null,
        htmlBody: null,
        status: "sent",
        attempts: 1,
        error: null,
        messageId: `<${mailId}@steward.local>`,
        createdAt: r.sentAt,
        sentAt: new Date(r.sentAt.getTime() + 60_000),
      });
    }
  }
}
