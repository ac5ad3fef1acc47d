import type { SurveyKind } from "../../contract/experience.ts";
import type { SurveyPreview } from "../../contract/surveys.ts";

/** The default question per kind, as the key player reads it. */
export const DEFAULT_QUESTIONS: Record<SurveyKind, string> = {
  nps: "How likely are you to recommend us to a friend or colleague?",
  csat: "How satisfied are you with the service you received from us?",
  ces: "How easy was it to get what you needed from us?",
  dimension: "How would you rate your experience with us on each of these?",
};

const KIND_NAMES: Record<SurveyKind, string> = {
  nps: "NPS survey",
  csat: "Satisfaction survey",
  ces: "Effort survey",
  dimension: "Experience survey",
};

export const defaultSurveyName = (kind: SurveyKind, on: Date): string =>
  `${KIND_NAMES[kind]} — ${on.toLocaleDateString("en-US", { month: "long", year: "numeric", timeZone: "UTC" })}`;

/** The recontact guard's default: no one is asked twice within this many days. */
export const DEFAULT_RECONTACT_DAYS = 90;
/** A personal link answers for this many days after sending. */
export const LINK_DAYS = 30;
/** An answer may be changed for this many days after it was first given. */
export const EDIT_DAYS = 7;

const DAY = 86_400_000;

export type Candidate = {
  contactId: string;
  name: string;
  email: string | null;
  accountId: string;
  accountName: string;
  status: string;
  leftCompany: boolean;
  lastSurveyedAt: Date | null;
};

/** Splits an audience into who is asked and who is left out, with the reason. */
export function applyGuard(
  candidates: Candidate[],
  recontactDays: number,
  now: Date,
): Omit<SurveyPreview, "recontactDays"> {
  const since = now.getTime() - recontactDays * DAY;
  const out: Omit<SurveyPreview, "recontactDays"> = { recipients: [], skipped: [] };
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c.contactId)) continue;
    seen.add(c.contactId);
    const reason = c.leftCompany
      ? "left_company"
      : c.status !== "active"
        ? "inactive"
        : !c.email
          ? "no_email"
          : recontactDays > 0 && c.lastSurveyedAt && c.lastSurveyedAt.getTime() > since
            ? "recently_surveyed"
            : null;
    const base = { contactId: c.contactId, name: c.name, accountId: c.accountId, accountName: c.accountName };
    if (reason)
      out.skipped.push({ ...base, reason, lastSurveyedAt: c.lastSurveyedAt?.toISOString() ?? null });
    else out.recipients.push({ ...base, email: c.email as string });
  }
  return out;
}

/** Whether an invitation still takes an answer: not expired, and any answer given less than 7 days ago. */
export function invitationState(
  r: { expiresAt: Date; answeredAt: Date | null },
  now: Date,
): "open" | "answered_editable" | "closed" {
  if (r.answeredAt)
    return now.getTime() - r.answeredAt.getTime() < EDIT_DAYS * DAY ? "answered_editable" : "closed";
  return now < r.expiresAt ? "open" : "closed";
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );

/** The invitation email: plain text and HTML, the personal link in both. */
export function invitationEmail(p: {
  firstName: string | null;
  question: string;
  link: string;
  sender: string;
}) {
  const hello = p.firstName ? `Hello ${p.firstName},` : "Hello,";
  const text = [
    hello,
    "",
    p.question,
    "",
    `Answer here (one click, about a minute): ${p.link}`,
    "",
    `Your answer goes to your team at ${p.sender}; the link is personal, please do not forward it.`,
  ].join("\n");
  const html = `<p>${escapeHtml(hello)}</p><p>${escapeHtml(p.question)}</p><p><a href="${escapeHtml(p.link)}">Answer the question</a> (about a minute)</p><p style="color:#666">Your answer goes to your team at ${escapeHtml(p.sender)}; the link is personal, please do not forward it.</p>`;
  return { subject: p.question, text, html };
}
