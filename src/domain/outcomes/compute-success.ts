import { utcToday } from "../../common/dates.ts";
import type { AccountSuccess, Outcome } from "../../contract/outcomes.ts";
import { contactName } from "../contacts/index.ts";
import type { Ctx } from "../context.ts";
import { experienceRatings, outcomesOfAccounts, successPeople } from "./outcome.queries.ts";
import { toOutcome } from "./outcome.rules.ts";
import {
  accountIndex,
  EXPERIENCE_DAYS,
  experiencePart,
  lowestDecisionMaker,
  outcomesPart,
  playerIndex,
  playerWeight,
} from "./success.rules.ts";

type KeyPlayer = AccountSuccess["keyPlayers"][number];

/**
 * The success index of several accounts (every account when `accountIds` is null) in three
 * set-based reads — people, outcomes, experience ratings — whatever their number. `withOutcomes`
 * turns an account's outcome rows into what the answer lists (the single account's view adds
 * their evidence); the daily history needs only the figures.
 */
export async function computeSuccess(
  ctx: Ctx,
  accountIds: string[] | null,
  withOutcomes: (rows: Awaited<ReturnType<typeof outcomesOfAccounts>>) => Promise<Outcome[]> = async (
    rows,
  ) => {
    const today = utcToday();
    return rows.map((r) => toOutcome(r, [], today));
  },
): Promise<Map<string, AccountSuccess>> {
  const now = new Date();
  const [people, rows, ratings] = await Promise.all([
    successPeople(ctx.db, ctx.workspaceId, accountIds),
    outcomesOfAccounts(ctx.db, ctx.workspaceId, accountIds),
    experienceRatings(
      ctx.db,
      ctx.workspaceId,
      accountIds,
      new Date(now.getTime() - EXPERIENCE_DAYS * 86_400_000),
    ),
  ]);
  const outcomes = await withOutcomes(rows);
  const byContact = <T extends { contactId: string }>(xs: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of xs) m.set(x.contactId, [...(m.get(x.contactId) ?? []), x]);
    return m;
  };
  const outcomesOf = byContact(outcomes);
  const ratingsOf = byContact(ratings);
  const players = new Map<string, KeyPlayer[]>();
  for (const p of people) {
    const mine = outcomesOf.get(p.id) ?? [];
    const rated = ratingsOf.get(p.id) ?? [];
    const fromOutcomes = outcomesPart(mine.map((o) => o.score));
    const fromExperience = experiencePart(rated, now);
    const player: KeyPlayer = {
      contactId: p.id,
      name: contactName(p),
      decisionRole: p.decisionRole as KeyPlayer["decisionRole"],
      influence: p.influence,
      seniority: p.seniority as KeyPlayer["seniority"],
      leftCompany: p.leftCompany,
      index: playerIndex(fromOutcomes, fromExperience),
      outcomesScore: fromOutcomes,
      experience: {
        score: fromExperience,
        ratings: rated.length,
        lastRatedAt:
          rated.reduce<Date | null>((a, r) => (a && a > r.at ? a : r.at), null)?.toISOString() ?? null,
      },
      weight: playerWeight(p),
      outcomes: mine,
    };
    players.set(p.accountId, [...(players.get(p.accountId) ?? []), player]);
  }
  const out = new Map<string, AccountSuccess>();
  for (const id of accountIds ?? [...players.keys()]) {
    const list = players.get(id) ?? [];
    const lowest = lowestDecisionMaker(list);
    out.set(id, {
      index: accountIndex(list),
      lowestDecisionMaker: lowest
        ? {
            contactId: lowest.contactId,
            name: lowest.name,
            decisionRole: lowest.decisionRole as NonNullable<KeyPlayer["decisionRole"]>,
            index: lowest.index as number,
          }
        : null,
      keyPlayers: list,
    });
  }
  return out;
}
