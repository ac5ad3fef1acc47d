import type { Coverage, SettingSource } from "../../contract/accounts.ts";
import type { Capacity, TieringRule } from "../../contract/coverage.ts";

/** Within this much of the team's average load a book counts as balanced (0.15 = 15 points). */
export const BALANCED_WITHIN = 0.15;
/** At most this many moves are suggested at once: a plan a manager can read, not a reshuffle. */
export const MAX_SUGGESTIONS = 25;

/** An account's share of a full book: one over its coverage's capacity (no coverage: one-to-many). */
export const weightOf = (coverage: Coverage | null, capacity: Capacity): number =>
  1 / capacity[coverage ?? "one_to_many"];

const round = (x: number, places = 3) => Math.round(x * 10 ** places) / 10 ** places;

/** Under when well below the team's average load, over above a full book or well above the average. */
export function statusOf(load: number, average: number): "under" | "balanced" | "over" {
  if (load > 1 || load > average + BALANCED_WITHIN) return "over";
  if (load < average - BALANCED_WITHIN) return "under";
  return "balanced";
}

// Rebalancing

export type BookAccount = {
  id: string;
  name: string;
  ownerId: string;
  ownerSource: SettingSource | null;
  coverage: Coverage | null;
  /** ARR in the balancing currency; 0 for accounts in another currency. */
  arr: number;
};
export type BookOwner = { userId: string; name: string; team: string | null };
/** A suggested move, with both books' load and ARR before it. */
export type Move = {
  accountId: string;
  from: string;
  to: string;
  before: { fromLoad: number; toLoad: number; fromArr: number; toArr: number };
};

/**
 * Suggests moves that even out load (and, second, ARR) between the CSMs of each team: greedily,
 * the move that most lowers the spread — the sum of squared differences from the team's average,
 * load first and ARR a tenth as much — until no move helps or enough are suggested. Accounts
 * assigned by hand are never moved, and no CSM is pushed past a full book by a move.
 */
export function suggestMoves(owners: BookOwner[], accounts: BookAccount[], capacity: Capacity): Move[] {
  const byTeam = new Map<string, BookOwner[]>();
  for (const o of owners) byTeam.set(o.team ?? "", [...(byTeam.get(o.team ?? "") ?? []), o]);
  const teams = [...byTeam.values()]
    .filter((members) => members.length > 1)
    .map((m) => teamState(m, accounts, capacity));
  const moves: Move[] = [];
  // The best move of any team each time, so that the most lopsided team is helped first.
  while (moves.length < MAX_SUGGESTIONS) {
    const best = teams
      .map((t) => ({ t, move: bestMove(t, capacity) }))
      .filter((x) => x.move !== null)
      .sort((x, y) => (y.move?.gain ?? 0) - (x.move?.gain ?? 0))[0];
    if (!best?.move) break;
    moves.push(applyMove(best.t, best.move.account, best.move.to, capacity));
  }
  return moves;
}

type TeamState = {
  ids: Set<string>;
  accounts: BookAccount[];
  load: Map<string, number>;
  arr: Map<string, number>;
  avgLoad: number;
  avgArr: number;
  arrUnit: number;
};

function teamState(members: BookOwner[], all: BookAccount[], capacity: Capacity): TeamState {
  const ids = new Set(members.map((m) => m.userId));
  const accounts = all.filter((a) => ids.has(a.ownerId)).map((a) => ({ ...a }));
  const load = new Map(members.map((m) => [m.userId, 0]));
  const arr = new Map(members.map((m) => [m.userId, 0]));
  for (const a of accounts) {
    load.set(a.ownerId, (load.get(a.ownerId) ?? 0) + weightOf(a.coverage, capacity));
    arr.set(a.ownerId, (arr.get(a.ownerId) ?? 0) + a.arr);
  }
  const avgLoad = [...load.values()].reduce((s, x) => s + x, 0) / members.length;
  const avgArr = [...arr.values()].reduce((s, x) => s + x, 0) / members.length;
  // ARR in units of the team's average book, so that the two spreads are comparable.
  return { ids, accounts, load, arr, avgLoad, avgArr, arrUnit: avgArr > 0 ? avgArr : 1 };
}

const costOf = (t: TeamState, l: number, r: number) =>
  (l - t.avgLoad) ** 2 + 0.1 * ((r - t.avgArr) / t.arrUnit) ** 2;

/** The single move that most lowers the team's spread, or null when none helps. */
function bestMove(t: TeamState, capacity: Capacity) {
  let best: { gain: number; account: BookAccount; to: string } | null = null;
  for (const a of t.accounts) {
    if (a.ownerSource === "hand") continue;
    const w = weightOf(a.coverage, capacity);
    const lf = t.load.get(a.ownerId) ?? 0;
    const rf = t.arr.get(a.ownerId) ?? 0;
    for (const to of t.ids) {
      if (to === a.ownerId) continue;
      const lt = t.load.get(to) ?? 0;
      // Never push a CSM past a full book, unless they would still carry less than the giver had.
      if (lt + w > 1 && lt + w > lf) continue;
      const rt = t.arr.get(to) ?? 0;
      const gain =
        costOf(t, lf, rf) + costOf(t, lt, rt) - costOf(t, lf - w, rf - a.arr) - costOf(t, lt + w, rt + a.arr);
      if (gain > 1e-6 && (!best || gain > best.gain)) best = { gain, account: a, to };
    }
  }
  return best;
}

function applyMove(t: TeamState, account: BookAccount, to: string, capacity: Capacity): Move {
  const from = account.ownerId;
  const w = weightOf(account.coverage, capacity);
  const before = {
    fromLoad: t.load.get(from) ?? 0,
    toLoad: t.load.get(to) ?? 0,
    fromArr: t.arr.get(from) ?? 0,
    toArr: t.arr.get(to) ?? 0,
  };
  t.load.set(from, before.fromLoad - w);
  t.load.set(to, before.toLoad + w);
  t.arr.set(from, before.fromArr - account.arr);
  t.arr.set(to, before.toArr + account.arr);
  account.ownerId = to;
  // A suggested move is final within a plan: the account does not travel on.
  account.ownerSource = "hand";
  return { accountId: account.id, from, to, before };
}

export const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * Why a move helps, in words: the loads when they are far apart, otherwise the ARR the two books
 * carry (`money` formats an amount in minor units).
 */
export function moveWhy(m: Move, fromName: string, toName: string, money: (minor: number) => string): string {
  if (m.before.fromLoad - m.before.toLoad > BALANCED_WITHIN / 3) {
    return `${fromName} is at ${pct(m.before.fromLoad)} of a full book and ${toName} at ${pct(m.before.toLoad)}`;
  }
  return `Loads are close (${pct(m.before.fromLoad)} and ${pct(m.before.toLoad)}); ${fromName} carries ${money(m.before.fromArr)} ARR and ${toName} ${money(m.before.toArr)}`;
}

/** Each owner's load once these moves are made. */
export function loadsAfter(
  owners: BookOwner[],
  accounts: BookAccount[],
  moves: Move[],
  capacity: Capacity,
): { userId: string; load: number }[] {
  const to = new Map(moves.map((m) => [m.accountId, m.to]));
  const load = new Map(owners.map((o) => [o.userId, 0]));
  for (const a of accounts) {
    const owner = to.get(a.id) ?? a.ownerId;
    if (load.has(owner)) load.set(owner, (load.get(owner) ?? 0) + weightOf(a.coverage, capacity));
  }
  return [...load].map(([userId, l]) => ({ userId, load: round(l) }));
}

// Tiering

export type TieringAccount = {
  id: string;
  name: string;
  tier: string | null;
  tierSource: SettingSource | null;
  coverage: Coverage | null;
  coverageSource: SettingSource | null;
};

/**
 * What tiering sets on one account, given the first rule it fits (or none): the tier and coverage
 * the rule names, except where a person set them by hand, which stays and is said.
 */
export function tieringChange(a: TieringAccount, index: number | null, rule: TieringRule | null) {
  const kept: string[] = [];
  if (index === null || !rule) return { rule: null, tier: null, coverage: null, kept };
  let tier: { from: string | null; to: string | null } | null = null;
  let coverage: { from: Coverage | null; to: Coverage | null } | null = null;
  if (a.tier !== rule.tier) {
    if (a.tierSource === "hand" && a.tier !== null)
      kept.push(`tier ${a.tier} was set by hand (the rules say ${rule.tier})`);
    else tier = { from: a.tier, to: rule.tier };
  }
  if (rule.coverage !== null && a.coverage !== rule.coverage) {
    if (a.coverageSource === "hand" && a.coverage !== null) {
      kept.push(`coverage ${words(a.coverage)} was set by hand (the rules say ${words(rule.coverage)})`);
    } else coverage = { from: a.coverage, to: rule.coverage };
  }
  return { rule: index, tier, coverage, kept };
}

const words = (c: Coverage) => c.replaceAll("_", "-");
