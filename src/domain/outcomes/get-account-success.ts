import { utcToday } from "../../common/dates.ts";
import type { AccountSuccess } from "../../contract/outcomes.ts";
import { getAccount } from "../accounts/index.ts";
import { contactName } from "../contacts/index.ts";
import type { Ctx } from "../context.ts";
import { accountOutcomes, evidenceOf, successPeople } from "./outcome.queries.ts";
import { toOutcome } from "./outcome.rules.ts";
import { accountIndex, lowestDecisionMaker, playerIndex, playerWeight } from "./success.rules.ts";

type KeyPlayer = AccountSuccess["keyPlayers"][number];

/** The account's success index, its lowest decision maker, and each key player's index and outcomes. */
export async function getAccountSuccess(ctx: Ctx, accountId: string): Promise<AccountSuccess> {
  await getAccount(ctx, accountId);
  const people = await successPeople(ctx.db, ctx.workspaceId, accountId);
  const rows = await accountOutcomes(ctx.db, ctx.workspaceId, accountId);
  const evidence = await evidenceOf(
    ctx.db,
    ctx.workspaceId,
    rows.map((r) => r.id),
  );
  const today = utcToday();
  const players = people.map((p) => {
    const outcomes = rows
      .filter((r) => r.contactId === p.id)
      .map((r) =>
        toOutcome(
          r,
          evidence.filter((e) => e.outcomeId === r.id),
          today,
        ),
      );
    return {
      contactId: p.id,
      name: contactName(p),
      decisionRole: p.decisionRole as KeyPlayer["decisionRole"],
      influence: p.influence,
      seniority: p.seniority as KeyPlayer["seniority"],
      index: playerIndex(outcomes.map((o) => o.score)),
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
