import type { Book, BookMove, BookRow, Capacity, Coverage, Issue } from "../../../contract/index.ts";
import { issueText } from "../../lib/issues.ts";

/** A status in words, so it never rests on colour alone. */
export const STATUS_LABELS: Record<BookRow["status"], string> = {
  over: "Over capacity",
  balanced: "Balanced",
  under: "Room for more",
  unowned: "Nobody owns these",
};

export const STATUS_COLORS: Record<BookRow["status"], string> = {
  over: "red",
  balanced: "teal",
  under: "blue",
  unowned: "gray",
};

/** The teams the book's CSMs are in, for the team filter (CSMs without a team are in none). */
export const teamsOf = (rows: BookRow[]): string[] =>
  [...new Set(rows.flatMap((r) => (r.team ? [r.team] : [])))].sort((a, b) => a.localeCompare(b));

/** Each CSM's load once all the suggested moves are made, by user id. */
export const loadsAfterAll = (book: Book): Map<string, number> =>
  new Map(book.after.map((a) => [a.userId, a.load]));

/** An account's share of a full book, as the server counts it (no coverage: one-to-many). */
const weightOf = (coverage: Coverage | null, capacity: Capacity) => 1 / capacity[coverage ?? "one_to_many"];

/**
 * Each CSM's load once only the picked moves are made: the giver loses and the taker gains each
 * account's share of a full book. Only the CSMs the moves touch are in the answer.
 */
export const loadsAfterPicked = (book: Book, picked: BookMove[]): Map<string, number> => {
  const load = new Map(book.rows.flatMap((r) => (r.owner ? [[r.owner.userId, r.load] as const] : [])));
  const out = new Map<string, number>();
  for (const m of picked) {
    const w = weightOf(m.account.coverage, book.capacity);
    const from = (out.get(m.from.userId) ?? load.get(m.from.userId) ?? 0) - w;
    const to = (out.get(m.to.userId) ?? load.get(m.to.userId) ?? 0) + w;
    out.set(m.from.userId, Math.round(from * 1000) / 1000);
    out.set(m.to.userId, Math.round(to * 1000) / 1000);
  }
  return out;
};

/** The picked suggestions as the moves route takes them. */
export const movesBody = (picked: BookMove[]) => ({
  moves: picked.map((m) => ({ accountId: m.account.id, toUserId: m.to.userId })),
});

/**
 * A refused move's issues (`moves.2.toUserId is not a CSM of this workspace`) as sentences naming
 * the account and the CSM: "Acme: Dana Whitfield is not a CSM of this workspace".
 */
export const moveIssueSentences = (issues: Issue[], picked: BookMove[]): string[] =>
  issues.map((i) => {
    const [, index, field] = /^moves\.(\d+)\.(\w+)$/.exec(i.path) ?? [];
    const m = index === undefined ? undefined : picked[Number(index)];
    if (!m) return issueText(undefined, i.message);
    if (field === "toUserId") return `${m.account.name}: ${issueText(m.to.name, i.message)}`;
    return issueText(m.account.name, i.message);
  });
