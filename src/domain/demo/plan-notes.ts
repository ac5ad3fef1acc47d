import type { Rng } from "../kernel/random.ts";
import { PLATFORM } from "./catalog.ts";
import { TERM_DAYS } from "./dates.ts";
import { NOTES, type NoteKind } from "./note-templates.ts";
import type { AccountSpec } from "./plan-accounts.ts";
import type { ContactPlan } from "./plan-contacts.ts";
import type { SubPlan } from "./plan-subscriptions.ts";
import { CAST } from "./roster.ts";

/** Who on the account team writes which notes (member keys from the roster). */
export type TeamKeys = {
  csm: string | null;
  ae: string | null;
  sponsor: string | null;
  support: string | null;
  services: string | null;
};

export type NotePlan = {
  offset: number;
  hour: number;
  minute: number;
  title: string;
  body: string;
  authorKey: string;
  contactIndex: number | null;
};

/**
 * The people-written history of an account: onboarding, the review cadence, escalations,
 * renewals and, for some, expansion, contraction or churn. Only what already happened is kept.
 */
export function planNotes(
  rng: Rng,
  spec: AccountSpec,
  input: { contacts: ContactPlan[]; subs: SubPlan[]; team: TeamKeys; createdOffset: number },
): NotePlan[] {
  const { contacts, subs, team, createdOffset } = input;
  const notes: NotePlan[] = [];
  const csm = team.csm ?? CAST.csLeader;
  const ae = team.ae ?? csm;
  const platform = subs.find((s) => s.product === PLATFORM && s.status !== "expired");
  const product = platform?.plan ? `${PLATFORM} ${platform.plan}` : PLATFORM;
  const start = spec.startOffset;
  const churnEnd = spec.story === "churned" ? start + TERM_DAYS : null;
  const lastDay = churnEnd === null ? -1 : Math.min(-1, churnEnd + 14);
  const someone = () => rng.int(Math.min(2, contacts.length - 1), contacts.length - 1);

  const add = (kind: NoteKind, offset: number, authorKey: string, contactIndex: number | null) => {
    const template = rng.pick(NOTES[kind]);
    const contact = contactIndex === null ? null : contacts[contactIndex];
    const vars = {
      account: spec.name,
      contact: contact ? `${contact.firstName} ${contact.lastName}` : "the team",
      product,
    };
    const hour = rng.int(8, 17);
    const minute = rng.step(0, 55, 5);
    if (offset < createdOffset || offset > lastDay) return;
    notes.push({
      offset,
      hour,
      minute,
      title: template.title,
      body: template.body(vars),
      authorKey,
      contactIndex,
    });
  };

  add("kickoff", start + rng.int(3, 14), team.services ?? csm, 1);
  add("training", start + rng.int(15, 45), team.services ?? csm, someone());
  add("onboarded", start + rng.int(50, 80), csm, 1);

  const highTouch = spec.tier !== "SMB";
  for (
    let at = start + (highTouch ? 90 : 120);
    at <= lastDay;
    at += highTouch ? rng.int(80, 100) : rng.int(150, 200)
  ) {
    add(highTouch ? "qbr" : "checkin", at, csm, rng.pick([0, 1, 1]));
  }
  if (spec.tier === "Enterprise") {
    for (let at = start + 300 + rng.int(0, 40); at <= lastDay; at += TERM_DAYS)
      add("ebr", at, team.sponsor ?? CAST.executive, 0);
  }

  const troubled = spec.story === "contracted" || spec.story === "churned";
  const escalations = troubled ? rng.int(1, 3) : rng.chance(0.35) ? 1 : 0;
  for (let i = 0; i < escalations; i++) {
    if (lastDay > start + 30)
      add("escalation", rng.int(start + 30, lastDay), team.support ?? CAST.support, someone());
  }
  for (
    let at = start + TERM_DAYS;
    at - 30 <= lastDay && (churnEnd === null || at < churnEnd);
    at += TERM_DAYS
  ) {
    add("renewal", at - rng.int(30, 60), ae, 0);
  }
  if (rng.chance(0.3))
    add("feedback", rng.int(start + 20, Math.max(start + 20, lastDay)), CAST.product, someone());

  if (spec.story === "expanded") {
    const grown = subs.filter((s) => s.startOffset > start).map((s) => s.startOffset);
    if (grown.length > 0) add("expansion", Math.min(...grown) - rng.int(20, 40), ae, 1);
  }
  if (spec.story === "contracted") add("downgrade", start + TERM_DAYS - rng.int(20, 40), csm, 0);
  if (churnEnd !== null) {
    add("risk", churnEnd - rng.int(60, 120), csm, 1);
    add("notice", churnEnd - rng.int(15, 45), ae, 0);
    add("exit", churnEnd + rng.int(1, 10), csm, 0);
  }
  return notes;
}
