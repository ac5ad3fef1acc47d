import { daysBetween } from "../../common/dates.ts";
import type { Outcome, OutcomeEvidence, OutcomeTemplate } from "../../contract/outcomes.ts";
import { contactName } from "../contacts/index.ts";
import type { EvidenceRow, OutcomeRecord, OutcomeRow } from "./outcome.queries.ts";

/** The library a new workspace starts with (migration 0015 gave existing workspaces the same). */
export const DEFAULT_OUTCOME_TEMPLATES: Omit<OutcomeTemplate, "id" | "createdAt">[] = [
  {
    kind: "business_outcome",
    title: "Reduce month-end close time",
    measure: "Month-end close time",
    unit: "days",
    description: "Finance closes the books faster with the product in place.",
  },
  {
    kind: "business_outcome",
    title: "Save team hours every week",
    measure: "Hours saved per week",
    unit: "hours",
    description: "Manual work the team no longer does.",
  },
  {
    kind: "business_outcome",
    title: "Cut operating costs",
    measure: "Annual operating cost reduction",
    unit: "%",
    description: "Spend removed from the process the product supports.",
  },
  {
    kind: "business_outcome",
    title: "Shorten time to onboard new staff",
    measure: "Time to productivity",
    unit: "days",
    description: "How long a new hire takes to work on their own.",
  },
  {
    kind: "business_outcome",
    title: "Raise customer satisfaction",
    measure: "Their customers' NPS",
    unit: "points",
    description: "The customer's own customers are happier.",
  },
  {
    kind: "business_outcome",
    title: "Grow revenue from the product",
    measure: "Revenue attributed",
    unit: "USD",
    description: "New revenue the customer earns with the product.",
  },
  {
    kind: "personal_win",
    title: "Get promoted or recognized",
    measure: null,
    unit: null,
    description: "The key player's work with the product is seen by leadership.",
  },
  {
    kind: "personal_win",
    title: "Lead a successful rollout",
    measure: null,
    unit: null,
    description: "The key player owns a launch that lands well.",
  },
  {
    kind: "personal_win",
    title: "Be seen as an innovator",
    measure: null,
    unit: null,
    description: "The key player brings a modern way of working to the company.",
  },
  {
    kind: "personal_win",
    title: "Win back personal time",
    measure: "Hours saved per week",
    unit: "hours",
    description: "Less late work for the key player.",
  },
];

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * How far the current value has come from the baseline towards the target, 0–1. Works both ways
 * (a close time going down from 10 to 4 days, hours saved going up); null unless all three are set.
 */
export function progressOf(o: Pick<OutcomeRecord, "baseline" | "target" | "current">): number | null {
  if (o.baseline === null || o.target === null || o.current === null || o.target === o.baseline) return null;
  const share = (o.current - o.baseline) / (o.target - o.baseline);
  return Number.isFinite(share) ? round4(clamp01(share)) : null;
}

/** The share of the time from the outcome's creation to its due date that has passed, 0–1. */
export function timeElapsedOf(
  o: { dueDate: string | null; createdDay: string },
  today: string,
): number | null {
  if (o.dueDate === null) return null;
  const span = daysBetween(o.createdDay, o.dueDate);
  if (span <= 0) return today >= o.dueDate ? 1 : 0;
  return round4(clamp01(daysBetween(o.createdDay, today) / span));
}

/**
 * An outcome's part of its key player's success index, 0–1 (docs/success-index.md): achieved 1,
 * missed 0, at risk 0.25; an open one with a measured progress scores its progress against the
 * time elapsed (on track or ahead is 1), an open one without a measure 0.5 (not known yet).
 */
export function outcomeScore(status: string, progress: number | null, timeElapsed: number | null): number {
  switch (status) {
    case "achieved":
      return 1;
    case "missed":
      return 0;
    case "at_risk":
      return 0.25;
  }
  if (progress === null) return 0.5;
  if (timeElapsed === null || timeElapsed === 0) return Math.max(0.5, progress);
  return round4(clamp01(progress / timeElapsed));
}

/** What an outcome's score is computed from: its stored fields and the UTC day it was created. */
export type ScoreInput = Pick<OutcomeRecord, "status" | "baseline" | "target" | "current" | "dueDate"> & {
  createdDay: string;
};

/** An outcome's progress, time elapsed and score today: the one computation the view and the history share. */
export function scoreOutcome(o: ScoreInput, today: string) {
  const progress = progressOf(o);
  const timeElapsed = timeElapsedOf(o, today);
  return { progress, timeElapsed, score: outcomeScore(o.status, progress, timeElapsed) };
}

export const toEvidence = (e: EvidenceRow): OutcomeEvidence => ({
  id: e.id,
  note: e.note,
  url: e.url,
  authorId: e.authorId,
  authorName: e.authorName,
  source: e.source === "customer_confirmed" ? "customer_confirmed" : "internal",
  confirmedBy: e.contactId ? { contactId: e.contactId, name: e.contactName ?? "Former contact" } : null,
  verdict: e.verdict === "achieved" || e.verdict === "not_yet" ? e.verdict : null,
  createdAt: e.createdAt.toISOString(),
});

export function toOutcome(r: OutcomeRow, evidence: EvidenceRow[], today: string): Outcome {
  const { progress, timeElapsed, score } = scoreOutcome(
    { ...r, createdDay: r.createdAt.toISOString().slice(0, 10) },
    today,
  );
  return {
    id: r.id,
    contactId: r.contactId,
    contactName: contactName({
      firstName: r.contactFirstName,
      lastName: r.contactLastName,
      email: r.contactEmail,
    }),
    accountId: r.accountId,
    kind: r.kind as Outcome["kind"],
    title: r.title,
    measure: r.measure,
    unit: r.unit,
    baseline: r.baseline,
    target: r.target,
    current: r.current,
    dueDate: r.dueDate,
    status: r.status as Outcome["status"],
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    achievedAt: r.achievedAt?.toISOString() ?? null,
    progress,
    timeElapsed,
    score,
    evidence: evidence.map(toEvidence),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** "Outcome" or "Personal win", as timeline entries name them. */
export const outcomeLabel = (kind: string): string => (kind === "personal_win" ? "Personal win" : "Outcome");

/** A new outcome's history entry: every field it was created with. */
export const creationChanges = (
  fields: Record<string, unknown>,
): Record<string, { from: unknown; to: unknown }> =>
  Object.fromEntries(
    Object.entries(fields)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, { from: null, to: v }]),
  );

const TRACKED: (keyof OutcomeRecord)[] = [
  "kind",
  "title",
  "measure",
  "unit",
  "baseline",
  "target",
  "current",
  "dueDate",
  "status",
  "ownerId",
];

/** The fields a patch really changes, with their old and new values (for the history). */
export function changedFields(
  before: OutcomeRecord,
  patch: Partial<OutcomeRecord>,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of TRACKED) {
    if (!(field in patch) || patch[field] === undefined) continue;
    if (patch[field] !== before[field]) out[field] = { from: before[field], to: patch[field] };
  }
  return out;
}

/** A target equal to the baseline measures nothing: progress towards it cannot be told. */
export function measureProblem(o: Pick<OutcomeRecord, "baseline" | "target">): string | null {
  return o.baseline !== null && o.target !== null && o.baseline === o.target
    ? "must differ from the baseline, or progress cannot be measured"
    : null;
}
