import { addDays } from "../../common/dates.ts";
import { newId } from "../../common/ids.ts";
import { SURVEY_SCALES } from "../../contract/experience.ts";
import { createRng, type Rng } from "../kernel/random.ts";
import { creationChanges, outcomeLabel } from "../outcomes/index.ts";
import { planInbox, type TaskInsert } from "./add-inbox.ts";
import {
  addAlerts,
  addInvitations,
  addTouchpoints,
  groupSurveys,
  type JourneyRows,
  linkAnswers,
} from "./add-journey.ts";
import { addSuccessPlan, type PlanRows, shareOnePlan } from "./add-plans.ts";
import { PLATFORM, type Plan } from "./catalog.ts";
import { atOffset } from "./dates.ts";
import {
  type AccountInsert,
  accountRow,
  type ContactInsert,
  type CustomFieldDefInsert,
  contactRow,
  customFieldDefRow,
  type OutcomeChangeInsert,
  type OutcomeEvidenceInsert,
  type OutcomeInsert,
  type SubscriptionInsert,
  type SurveyResponseInsert,
  subscriptionRow,
  type TeamMemberInsert,
  type TicketInsert,
  type TimelineInsert,
  teamMemberRow,
  timelineRow,
} from "./factories.ts";
import { type AccountSpec, externalIds, planAccounts } from "./plan-accounts.ts";
import { planContacts } from "./plan-contacts.ts";
import { type ExperiencePlan, planExperience } from "./plan-experience.ts";
import { planNotes } from "./plan-notes.ts";
import { type OutcomePlan, planOutcomes } from "./plan-outcomes.ts";
import { customFieldsFor, DEMO_CUSTOM_FIELDS, lastNpsFor, lifecycleFor, planTeam } from "./plan-profile.ts";
import { planSubscriptions, type SubscriptionStory } from "./plan-subscriptions.ts";
import { planSuccessPlan } from "./plan-success-plans.ts";
import { planTouchpoints, type RelationshipStory } from "./plan-touchpoints.ts";
import type { UsageAccountInput } from "./plan-usage.ts";

import { CAST, DEMO_MEMBERS, idOf, type MemberIds } from "./roster.ts";

export const DEMO_SEED = "steward-demo-v1";

export type DemoRows = JourneyRows &
  PlanRows & {
    customFieldDefs: CustomFieldDefInsert[];
    accounts: AccountInsert[];
    contacts: ContactInsert[];
    subscriptions: SubscriptionInsert[];
    teamMembers: TeamMemberInsert[];
    timeline: TimelineInsert[];
    /** Key players' outcomes and wins, with their evidence and history. */
    outcomes: OutcomeInsert[];
    outcomeEvidence: OutcomeEvidenceInsert[];
    outcomeChanges: OutcomeChangeInsert[];
    /** Help-desk tickets (as imported) and key players' survey answers (NPS, CSAT, CES). */
    tickets: TicketInsert[];
    surveyResponses: SurveyResponseInsert[];
    /** The inbox: the closed loop's follow-ups, relationship alerts and the CSMs' own tasks. */
    tasks: TaskInsert[];
    /** Each account as the usage plan sees it: story, plan and people as product users. */
    usage: UsageAccountInput[];
    /** The relationship stories told on purpose, by account id (not stored: the touchpoints tell them). */
    relationships: Map<string, RelationshipStory>;
  };

type Build = { workspaceId: string; today: string; memberIds: MemberIds };

const memberName = new Map(DEMO_MEMBERS.map((m) => [m.key, m.name]));
const roleLabel = (role: string) => role.replace(/_/g, " ");

/**
 * The whole demo book as insert-ready rows. Everything but ids and calendar dates comes from the
 * seed; dates are day offsets from `today`, so renewals are always upcoming.
 */
export function generateDemo(build: Build, seed = DEMO_SEED): DemoRows {
  const rng = createRng(seed);
  const specs = planAccounts(rng.fork("accounts"));
  const accountIds = specs.map(() => newId());
  const externalId = externalIds(specs);
  const rows: DemoRows = {
    customFieldDefs: DEMO_CUSTOM_FIELDS.map((def) => customFieldDefRow(build.workspaceId, def)),
    accounts: [],
    contacts: [],
    subscriptions: [],
    teamMembers: [],
    timeline: [],
    outcomes: [],
    outcomeEvidence: [],
    outcomeChanges: [],
    tickets: [],
    surveyResponses: [],
    touchpoints: [],
    touchpointPlayers: [],
    surveys: [],
    surveyRecipients: [],
    mailMessages: [],
    plans: [],
    planItems: [],
    planItemOutcomes: [],
    planLinks: [],
    tasks: [],
    usage: [],
    relationships: new Map(),
  };
  for (const spec of specs) {
    const parentName = spec.parentIndex === null ? null : (specs[spec.parentIndex]?.name ?? null);
    addAccount(rows, build, rng.fork(`account/${spec.index}`), spec, {
      id: accountIds[spec.index] as string,
      parentId: spec.parentIndex === null ? null : (accountIds[spec.parentIndex] ?? null),
      parentName,
      externalId: externalId.get(spec.index) ?? null,
    });
  }
  rows.subscriptions.forEach((s, i) => {
    s.externalId = `NW-SUB-${20_001 + i}`;
  });
  // The help desk numbers tickets in the order they were opened.
  rows.tickets
    .map((t, i) => ({ t, i }))
    .sort((a, b) => a.t.openedAt.getTime() - b.t.openedAt.getTime() || a.i - b.i)
    .forEach(({ t }, n) => {
      t.externalId = `HD-${40_001 + n}`;
    });
  const names = new Map(rows.contacts.map((c) => [c.id as string, `${c.firstName} ${c.lastName}`]));
  groupSurveys(rows, build.workspaceId, { createdBy: idOf(build.memberIds, CAST.csLeader), names });
  shareOnePlan(rows, { now: atOffset(build.today, 0, 12), names });
  const inbox = planInbox(rng.fork("inbox"), rows, build);
  rows.tasks = inbox.tasks;
  rows.timeline.push(...inbox.timeline);
  return rows;
}

function addAccount(
  rows: DemoRows,
  build: Build,
  rng: Rng,
  spec: AccountSpec,
  ref: { id: string; parentId: string | null; parentName: string | null; externalId: string | null },
): void {
  const { workspaceId, today, memberIds } = build;
  const keys = { workspaceId, accountId: ref.id };
  const at = (offset: number, hour = rng.int(8, 17), minute = rng.step(0, 55, 5)) =>
    atOffset(today, offset, hour, minute);
  const story = planSubscriptions(rng.fork("subscriptions"), spec);
  const createdOffset = Math.min(...story.subs.map((s) => s.startOffset)) - rng.int(1, 14);
  const profileRng = rng.fork("profile");
  const stage = lifecycleFor(profileRng, spec, story.currentRenewalOffset);
  const lastNps = lastNpsFor(profileRng, spec, stage);
  const customFields = customFieldsFor(profileRng, spec, stage, lastNps);
  const team = planTeam(rng.fork("team"), spec, customFields.reference_ok === true);
  const contacts = planContacts(rng.fork("contacts"), spec, createdOffset);
  const notes = planNotes(rng.fork("notes"), spec, {
    contacts,
    subs: story.subs,
    team: team.keys,
    createdOffset,
  });
  const timeline: TimelineInsert[] = [];
  const entry = (kind: string, title: string, when: Date, extra: Partial<TimelineInsert> = {}) =>
    timeline.push(
      timelineRow(rng, {
        ...keys,
        kind,
        title,
        body: null,
        authorId: null,
        contactId: null,
        occurredAt: when,
        createdAt: when,
        updatedAt: when,
        ...extra,
      }),
    );

  const createdAt = at(createdOffset, 9, 0);
  entry("account", "Account created", createdAt);
  if (ref.parentName) entry("account", `Parent account set: ${ref.parentName}`, at(createdOffset, 9, 5));

  for (const [key, teamRole] of team.members) {
    const when = at(Math.min(-1, createdOffset + rng.int(0, 5)));
    rows.teamMembers.push(
      teamMemberRow({ ...keys, userId: idOf(memberIds, key), teamRole, createdAt: when }),
    );
    entry("team", `${memberName.get(key)} joined the account team as ${roleLabel(teamRole)}`, when);
  }

  const contactIds = contacts.map(() => newId());
  // The product knows people by a user id; the contact carries it as its external id.
  const userIds = contacts.map(
    (_, i) => `usr_${(ref.externalId ?? spec.domain).replace(/^NW-/, "")}_${i + 1}`,
  );
  contacts.forEach(({ createdOffset: addedOffset, leftOffset, ...fields }, i) => {
    const id = contactIds[i] as string;
    const added = at(addedOffset);
    const left = leftOffset === null ? null : at(leftOffset);
    rows.contacts.push(
      contactRow(rng, {
        ...keys,
        id,
        ...fields,
        externalId: userIds[i] as string,
        createdAt: added,
        updatedAt: left ?? added,
      }),
    );
    const name = `${fields.firstName} ${fields.lastName}`;
    entry("contact", `Contact added: ${name}`, added, { contactId: id });
    if (left) entry("contact", `Contact left the company: ${name}`, left, { contactId: id });
  });

  const csmId = team.keys.csm ? idOf(memberIds, team.keys.csm) : null;
  const outcomePlans = planOutcomes(rng.fork("outcomes"), spec, contacts);
  const outcomeIds = outcomePlans.map((o) =>
    addOutcome(
      rows,
      { workspaceId, today, contactId: contactIds[o.contactIndex] as string, ownerId: csmId },
      o,
      {
        at,
        entry,
      },
    ),
  );
  const successPlan = planSuccessPlan(rng.fork("success-plan"), spec, contacts, outcomePlans);
  if (successPlan) {
    addSuccessPlan(rows, keys, successPlan, { today, outcomeIds, contactIds, ownerId: csmId, at, entry });
  }

  const facts = usageFacts(spec, story);
  const experience = planExperience(rng.fork("experience"), spec, {
    contacts,
    firstOffset: facts.firstOffset,
    endOffset: facts.endOffset,
    troubleOffset: troubleOffsetOf(spec, facts),
    lastNps,
  });
  const answers = addExperience(rows, keys, experience, contactIds, at);

  for (const s of story.subs) {
    const startedAt = at(s.startOffset, 9, 0);
    const { startOffset, endOffset, renewalOffset, ...fields } = s;
    const date = (offset: number | null) => (offset === null ? null : addDays(today, offset));
    rows.subscriptions.push(
      subscriptionRow(rng, {
        ...keys,
        ...fields,
        currency: spec.currency,
        startDate: addDays(today, startOffset),
        endDate: date(endOffset),
        renewalDate: date(renewalOffset),
        createdAt: startedAt,
        updatedAt: endOffset === null ? startedAt : at(Math.min(-1, endOffset), 9, 0),
      }),
    );
  }
  // Steward records a change's steps in order (cancel, add, summary): one minute apart.
  story.events.forEach((e, i) => {
    entry("subscription", e.title, at(e.offset, 10, i % 60));
  });

  for (const n of notes) {
    const contactId = n.contactIndex === null ? null : (contactIds[n.contactIndex] ?? null);
    entry("note", n.title, at(n.offset, n.hour, n.minute), {
      body: n.body,
      authorId: idOf(memberIds, n.authorKey),
      contactId,
    });
  }

  rows.usage.push({
    ...facts,
    accountId: ref.id,
    externalId: ref.externalId ?? spec.domain,
    tier: spec.tier,
    region: spec.region,
    domain: spec.domain,
    story: spec.story,
    users: contacts.map((c, i) => ({
      contactId: contactIds[i] as string,
      userId: userIds[i] as string,
      decisionRole: c.decisionRole,
      createdOffset: c.createdOffset,
      leftOffset: c.leftOffset,
      traits: {
        email: c.email,
        firstName: c.firstName,
        lastName: c.lastName,
        name: `${c.firstName} ${c.lastName}`,
        title: c.title,
      },
    })),
  });

  // Last, so that the draws for the rows above stay as they were before touchpoints existed.
  const journey = planTouchpoints(rng.fork("touchpoints"), spec, {
    contacts,
    team: team.keys,
    firstOffset: facts.firstOffset,
    endOffset: facts.endOffset,
    changeOffset: facts.changeOffset,
    troubleOffset: troubleOffsetOf(spec, facts),
    tickets: experience.tickets,
  });
  rows.relationships.set(ref.id, journey.story);
  const players = rows.touchpointPlayers.length;
  const touchpoints = addTouchpoints(rows, keys, journey.touchpoints, { contactIds, memberIds, at, entry });
  const answerRows = answers.map((a) => a.row);
  linkAnswers(answerRows, touchpoints, rows.touchpointPlayers.slice(players));
  addInvitations(rows, keys, experience.waves, {
    contactIds,
    emails: contacts.map((c) => c.email),
    answers,
    at,
  });
  addAlerts(answerRows, new Map(contacts.map((c, i) => [contactIds[i] as string, c])), entry);
  const lastActivity = new Date(Math.max(...timeline.map((t) => t.occurredAt.getTime())));
  rows.timeline.push(...timeline);
  rows.accounts.push(
    accountRow(rng, {
      workspaceId,
      id: ref.id,
      name: spec.name,
      externalId: ref.externalId,
      parentId: ref.parentId,
      domain: spec.domain,
      industry: spec.industry,
      region: spec.region,
      country: spec.country,
      tier: spec.tier,
      lifecycleStage: stage,
      ownerId: spec.ownerKey ? idOf(memberIds, spec.ownerKey) : null,
      customFields,
      currency: spec.currency,
      createdAt,
      updatedAt: lastActivity,
    }),
  );
}

/** The platform plan and seats last held, when product use began, and when it ended or changed. */
function usageFacts(spec: AccountSpec, story: SubscriptionStory) {
  const platform = story.subs
    .filter((s) => s.product === PLATFORM)
    .sort((a, b) => a.startOffset - b.startOffset);
  const latest = platform[platform.length - 1];
  const firstOffset = Math.min(...story.subs.map((s) => s.startOffset));
  const changes = story.subs.map((s) => s.startOffset).filter((o) => o > spec.startOffset);
  return {
    plan: (latest?.plan ?? "Growth") as Plan,
    seats: latest?.seats ?? 0,
    firstOffset,
    endOffset: spec.story === "churned" ? Math.max(...story.subs.map((s) => s.endOffset ?? 0)) : null,
    changeOffset: changes.length > 0 ? Math.max(...changes) : null,
  };
}

/** When the account's trouble came to a head: its churn or contraction; null when it had none. */
const troubleOffsetOf = (spec: AccountSpec, facts: ReturnType<typeof usageFacts>) =>
  spec.story === "churned" ? facts.endOffset : spec.story === "contracted" ? facts.changeOffset : null;

/** Tickets and survey answers as rows, dated on the account's days; the answers with their wave. */
function addExperience(
  rows: DemoRows,
  keys: { workspaceId: string; accountId: string },
  plan: ExperiencePlan,
  contactIds: string[],
  at: (offset: number, hour?: number, minute?: number) => Date,
): { row: SurveyResponseInsert; waveOffset: number | null }[] {
  const answers: { row: SurveyResponseInsert; waveOffset: number | null }[] = [];
  for (const t of plan.tickets) {
    const openedAt = at(t.openedOffset, t.hour, t.minute);
    const closedAt =
      t.resolutionHours === null ? null : new Date(openedAt.getTime() + t.resolutionHours * 3_600_000);
    rows.tickets.push({
      ...keys,
      id: newId(),
      externalId: null,
      subject: t.subject,
      priority: t.priority,
      openedAt,
      closedAt,
      firstResponseMinutes: t.firstResponseMinutes,
      resolutionHours: t.resolutionHours,
      satisfaction: t.satisfaction,
      escalated: t.escalated,
      createdAt: openedAt,
      updatedAt: closedAt ?? openedAt,
    });
  }
  for (const a of plan.answers) {
    const answeredAt = at(a.offset, a.hour, a.minute);
    const row: SurveyResponseInsert = {
      ...keys,
      id: newId(),
      contactId: contactIds[a.contactIndex] as string,
      kind: a.kind,
      dimension: null,
      score: a.score,
      scale: SURVEY_SCALES[a.kind].max,
      comment: a.comment,
      answeredAt,
      source: "survey",
      touchpointId: null,
      recipientId: null,
      alertedAt: null,
      createdAt: answeredAt,
      updatedAt: answeredAt,
    };
    rows.surveyResponses.push(row);
    answers.push({ row, waveOffset: a.waveOffset });
  }
  return answers;
}

/** One planned outcome as rows: the outcome, its history and evidence, and its timeline entries. */
function addOutcome(
  rows: DemoRows,
  ref: { workspaceId: string; today: string; contactId: string; ownerId: string | null },
  o: OutcomePlan,
  out: {
    at: (offset: number) => Date;
    entry: (kind: string, title: string, when: Date, extra?: Partial<TimelineInsert>) => void;
  },
): string {
  const { workspaceId, contactId, ownerId } = ref;
  const id = newId();
  const created = out.at(o.createdOffset);
  const settled = o.settledOffset === null ? null : out.at(o.settledOffset);
  const opened = o.status === "achieved" || o.status === "missed" ? "in_progress" : o.status;
  const fields = {
    kind: o.kind,
    title: o.title,
    measure: o.measure,
    unit: o.unit,
    baseline: o.baseline,
    target: o.target,
    dueDate: addDays(ref.today, o.dueOffset),
    ownerId,
  };
  rows.outcomes.push({
    workspaceId,
    id,
    contactId,
    ...fields,
    current: o.current,
    status: o.status,
    achievedAt: o.status === "achieved" ? settled : null,
    createdAt: created,
    updatedAt: settled ?? created,
  });
  // Measured outcomes start at their baseline; later changes move the current value.
  const startValue = o.current === null ? null : o.baseline;
  const initial = { ...fields, current: startValue, status: opened };
  rows.outcomeChanges.push({
    workspaceId,
    id: newId(),
    outcomeId: id,
    changedAt: created,
    actorId: ownerId,
    action: "created",
    changes: creationChanges(initial),
  });
  const label = outcomeLabel(o.kind);
  out.entry("outcome", `${label} added: ${o.title}`, created, { contactId });
  const moved = o.current !== null && o.current !== startValue;
  if (!settled && moved) {
    // An open outcome's progress, last reported half-way between its creation and today.
    rows.outcomeChanges.push({
      workspaceId,
      id: newId(),
      outcomeId: id,
      changedAt: out.at(Math.round(o.createdOffset / 2)),
      actorId: ownerId,
      action: "changed",
      changes: { current: { from: startValue, to: o.current } },
    });
  }
  if (settled && (o.status === "achieved" || o.status === "missed")) {
    rows.outcomeChanges.push({
      workspaceId,
      id: newId(),
      outcomeId: id,
      changedAt: settled,
      actorId: ownerId,
      action: "changed",
      changes: {
        status: { from: "in_progress", to: o.status },
        ...(moved ? { current: { from: startValue, to: o.current } } : {}),
      },
    });
    out.entry("outcome", `${label} ${o.status}: ${o.title}`, settled, { contactId });
  }
  if (o.evidence && settled) {
    rows.outcomeEvidence.push({
      workspaceId,
      id: newId(),
      outcomeId: id,
      note: o.evidence,
      url: null,
      authorId: ownerId,
      createdAt: settled,
    });
  }
  return id;
}
