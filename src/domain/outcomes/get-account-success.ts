import type { AccountSuccess } from "../../contract/outcomes.ts";
import { getAccount } from "../accounts/index.ts";
import { contactName } from "../contacts/index.ts";
import type { Ctx } from "../context.ts";
import { withEvidence } from "./find-outcomes.ts";
import { accountOutcomes, experienceRatings, successPeople } from "./outcome.queries.ts";
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

/** The account's success index, its lowest decision maker, and each key player's index and outcomes. */
export async function getAccountSuccess(ctx: Ctx, accountId: string): Promise<AccountSuccess> {
  await getAccount(ctx, accountId);
  const people = await successPeople(ctx.db, ctx.workspaceId, accountId);
  const rows = await accountOutcomes(ctx.db, ctx.workspaceId, accountId);
  const all = await withEvidence(ctx, rows);
  const now = new Date();
  const ratings = await experienceRatings(
    ctx.db,
    ctx.workspaceId,
    accountId,
    new Date(now.getTime() - EXPERIENCE_DAYS * 86_400_000),
  );
  const players = people.map((p) => {
    const outcomes = all.filter((o) => o.contactId === p.id);
    const mine = ratings.filter((r) => r.contactId === p.id);
    const fromOutcomes = outcomesPart(outcomes.map((o) => o.score));
    const fromExperience = experiencePart(mine, now);
    return {
      contactId: p.id,
      name: contactName(p),
      decisionRole: p.decisionRole as KeyPlayer["decisionRole"],
      influence: p.influence,
      seniority: p.seniority as KeyPlayer["seniority"],
      index: playerIndex(fromOutcomes, fromExperience),
      outcomesScore: fromOutcomes,
      experience: {
        score: fromExperience,
        ratings: mine.length,
        lastRatedAt:
          mine.reduce<Date | null>((a, r) => (a && a > r.at ? a : r.at), null)?.toISOString() ?? null,
      },
      weight: playerWeight(p),
      leftCompany: p.leftCompany,
      outcomes,
    };
  });
  const lowest = lowestDecisionMaker(players);
  return {
    index: accountIndex(players),
    lowestDecisionMaker: lowest
      ? {
          contactId: lowest.contactId,
          name: lowest.name,
          decisionRole: lowest.decisionRole as NonNullable<KeyPlayer["decisionRole"]>,
          index: lowest.index as number,
        }
      : null,
    keyPlayers: players,
  };
}
