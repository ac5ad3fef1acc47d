import type { AdvocacyAsk, AdvocacyCandidate, AdvocacySummary } from "../../../contract/index.ts";
import { isApiError } from "../../api.ts";
import type { CsvCell } from "../../lib/csv.ts";
import { toMajor } from "../../lib/format.ts";
import { KIND_LABELS, STATE_LABELS } from "./labels.ts";

/**
 * What the Advocacy page shows, worked out without React: the rows of its CSV exports (the same
 * columns as the tables) and how the server's do-not-ask refusal reads in the ask form.
 */

/** The candidates table as CSV: who, where, and every reason's figure in its own column. */
export const candidatesCsvRows = (rows: AdvocacyCandidate[]): CsvCell[][] => [
  [
    "Contact",
    "Title",
    "Account",
    "NPS",
    "NPS answered on",
    "Outcomes achieved",
    "Health band",
    "Health score",
    "ARR",
    "Currency",
    "Last asked on",
    "Last ask",
    "Reasons",
  ],
  ...rows.map((c) => [
    c.contact.name,
    c.contact.title,
    c.account.name,
    c.nps.score,
    c.nps.answeredAt.slice(0, 10),
    c.outcomesAchieved,
    c.health.band,
    c.health.score === null ? null : Math.round(c.health.score),
    toMajor(c.arrMinor, c.currency),
    c.currency,
    c.lastAsk?.askedOn ?? null,
    c.lastAsk ? `${KIND_LABELS[c.lastAsk.kind]}, ${STATE_LABELS[c.lastAsk.state].toLowerCase()}` : "Never",
    c.reasons.join("; "),
  ]),
];

/** The asks table as CSV. */
export const asksCsvRows = (rows: AdvocacyAsk[]): CsvCell[][] => [
  ["Asked on", "Account", "Contact", "Kind", "State", "State on", "Detail", "Asked by"],
  ...rows.map((a) => [
    a.askedOn,
    a.account.name,
    a.contact?.name ?? null,
    KIND_LABELS[a.kind],
    STATE_LABELS[a.state],
    a.stateOn,
    a.detail,
    a.askedBy?.name ?? null,
  ]),
];

/** The server's do-not-ask refusal: its message and the field it is about; null for any other error. */
export function windowRefusal(e: unknown): { field: "contactId" | "accountId"; message: string } | null {
  if (!isApiError(e) || e.code !== "CONFLICT") return null;
  const d = e.details as { reason?: unknown; field?: unknown } | null;
  if (d?.reason !== "do_not_ask_window") return null;
  return { field: d.field === "accountId" ? "accountId" : "contactId", message: e.message };
}

const many = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** A month's NPS in words for the chart's hover: the score and the answers behind it. */
export const npsTooltip = (m: AdvocacySummary["nps"]): string =>
  m.score === null
    ? "No NPS answers"
    : `NPS <b>${formatNps(m.score)}</b><br/>${many(m.responses, "answer")}: ${many(m.promoters, "promoter")}, ${many(m.passives, "passive")}, ${many(m.detractors, "detractor")}`;

/** An NPS for people: one decimal at most, a sign when above zero ("+23.5", "−8", "0"). */
export const formatNps = (score: number | null): string => {
  if (score === null) return "—";
  const r = Math.round(score * 10) / 10;
  return r > 0 ? `+${r}` : r < 0 ? `−${Math.abs(r)}` : "0";
};

/** The asks-by-kind table as CSV. */
export const byKindCsvRows = (
  rows: (AdvocacySummary["byKind"][number] & { deliveredInPeriod: number })[],
): CsvCell[][] => [
  ["Kind", "Asked", "Agreed", "Delivered", "Declined", "Asks made", "Delivered in the period"],
  ...rows.map((r) => [
    KIND_LABELS[r.kind],
    r.asked,
    r.agreed,
    r.delivered,
    r.declined,
    r.total,
    r.deliveredInPeriod,
  ]),
];
