import { utcToday } from "../../common/dates.ts";
import type { AccountSuccess, Outcome } from "../../contract/outcomes.ts";
import { readAll } from "../../db/transaction.ts";
import { contactName } from "../contacts/index.ts";
import type { Ctx } from "../context.ts";
import {
  experienceRatings,
  outcomeScoreInputs,
  outcomesOfAccounts,
  type RatingsOfKind,
  successPeople,
} from "./outcome.queries.ts";
import { scoreOutcome } from "./outcome.rules.ts";
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
type Experience = KeyPlayer["experience"];
/** An outcome as the index counts it: its score (the view's outcomes carry more). */
type Scored = { score: number };
type Player<O> = Omit<KeyPlayer, "outcomes"> & { outcomes: O[] };
/** An account's success with its key players' outcomes as `O`. */
type SuccessOf<O> = Omit<AccountSuccess, "keyPlayers"> & { keyPlayers: Player<O>[] };
type Person = Awaited<ReturnType<typeof successPeople>>[number];

/**
 * The success index of several accounts (every account when `accountIds` is null) from three
 * set-based reads — people, outcomes, experience ratings — whatever their number. `withOutcomes`
 * turns the outcome rows into what the answer lists (the account's view adds their evidence).
 */
export function computeSuccess(
  ctx: Ctx,
  accountIds: string[] | null,
  withOutcomes: (rows: Awaited<ReturnType<typeof outcomesOfAccounts>>) => Promise<Outcome[]>,
): Promise<Map<string, AccountSuccess>> {
  return successOf(ctx, accountIds, async () => {
    const byPerson = groups<Outcome>();
    for (const o of await withOutcomes(await outcomesOfAccounts(ctx.db, ctx.workspaceId, accountIds))) {
      byPerson.add(o.contactId, o);
    }
    return byPerson.all;
  });
}

/**
 * The same index with each outcome read as its score alone — what the daily history needs for
 * every account of a workspace, without the names, owners and timestamps the view shows.
 */
export function computeSuccessFigures(
  ctx: Ctx,
  accountIds: string[] | null,
): Promise<Map<string, SuccessOf<Scored>>> {
  return successOf(ctx, accountIds, async () => {
    const today = utcToday();
    const byPerson = groups<Scored>();
    for (const r of await outcomeScoreInputs(ctx.db, ctx.workspaceId, accountIds)) {
      byPerson.add(r.contactId, { score: scoreOutcome(r, today).score });
    }
    return byPerson.all;
  });
}

async function successOf<O extends Scored>(
  ctx: Ctx,
  accountIds: string[] | null,
  outcomesByPerson: () => Promise<Map<string, O[]>>,
): Promise<Map<string, SuccessOf<O>>> {
  const now = new Date();
  const [people, outcomes, experience] = await readAll(
    ctx.db,
    () => successPeople(ctx.db, ctx.workspaceId, accountIds),
    outcomesByPerson,
    () => experienceByPerson(ctx, accountIds, now),
  );
  const peopleOf = groups<Person>();
  for (const p of people) peopleOf.add(p.accountId, p);
  const out = new Map<string, SuccessOf<O>>();
  for (const id of accountIds ?? [...peopleOf.all.keys()]) {
    const list = (peopleOf.all.get(id) ?? []).map((p) =>
      toPlayer(p, outcomes.get(p.id) ?? [], experience.get(p.id) ?? experienceOf([], now)),
    );
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

/** Each person's experience from their ratings (a person's kinds of ratings come one after another). */
async function experienceByPerson(
  ctx: Ctx,
  accountIds: string[] | null,
  now: Date,
): Promise<Map<string, Experience>> {
  const since = new Date(now.getTime() - EXPERIENCE_DAYS * 86_400_000);
  const byPerson = groups<RatingsOfKind>();
  for (const r of await experienceRatings(ctx.db, ctx.workspaceId, accountIds, since)) {
    byPerson.add(r.contactId, r);
  }
  const out = new Map<string, Experience>();
  for (const [person, kinds] of byPerson.all) out.set(person, experienceOf(kinds, now));
  return out;
}

function experienceOf(kinds: RatingsOfKind[], now: Date): Experience {
  const rated = kinds.flatMap(({ kind, scores, atMs }) =>
    scores.map((score, i) => ({ kind, score, atMs: atMs[i] as number })),
  );
  return {
    score: experiencePart(rated, now),
    ratings: rated.length,
    lastRatedAt:
      rated.length === 0
        ? null
        : new Date(rated.reduce((a, r) => Math.max(a, r.atMs), Number.NEGATIVE_INFINITY)).toISOString(),
  };
}

/**
 * Items grouped by a key, each group in the order added. Reads come ordered by their key, so a run
 * of equal keys is looked up once: hashing a fresh id string per row cost more than the rest of
 * the computation for a whole workspace.
 */
function groups<T>() {
  const all = new Map<string, T[]>();
  let runKey: string | undefined;
  let run: T[] = [];
  return {
    all,
    add(key: string, item: T) {
      if (key !== runKey) {
        runKey = key;
        const group = all.get(key);
        if (group) run = group;
        else {
          run = [];
          all.set(key, run);
        }
      }
      run.push(item);
    },
  };
}

function toPlayer<O extends Scored>(p: Person, mine: O[], experience: Experience): Player<O> {
  const fromOutcomes = outcomesPart(mine.map((o) => o.score));
  return {
    contactId: p.id,
    name: contactName(p),
    decisionRole: p.decisionRole as KeyPlayer["decisionRole"],
    influence: p.influence,
    seniority: p.seniority as KeyPlayer["seniority"],
    leftCompany: p.leftCompany,
    index: playerIndex(fromOutcomes, experience.score),
    outcomesScore: fromOutcomes,
    experience,
    weight: playerWeight(p),
    outcomes: mine,
  };
}
