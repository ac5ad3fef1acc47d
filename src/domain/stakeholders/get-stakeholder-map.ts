import { utcDay } from "../../common/dates.ts";
import type { StakeholderMap } from "../../contract/stakeholders.ts";
import type { Ctx } from "../context.ts";
import { getAccountSuccess } from "../outcomes/index.ts";
import {
  type AnswerSeen,
  lastTouchpoints,
  latestAnswers,
  playerTitles,
  type TouchpointSeen,
  touchpointsSince,
} from "./stakeholder.queries.ts";
import {
  byRoleThenInfluence,
  groupTouchpoints,
  lookbackStartAt,
  outcomeCounts,
  type PlayerFacts,
  relationshipRisks,
} from "./stakeholder.rules.ts";

type Stakeholder = StakeholderMap["keyPlayers"][number];

const iso = (at: Date | string): string => new Date(at).toISOString();

const touch = (r: TouchpointSeen) => ({
  touchpointId: r.touchpointId,
  occurredAt: iso(r.occurredAt),
  channel: r.channel as NonNullable<Stakeholder["lastTouchpoint"]>["channel"],
  title: r.title,
});

const answer = (r: AnswerSeen): NonNullable<Stakeholder["latestAnswer"]> => ({
  responseId: r.responseId,
  kind: r.kind as NonNullable<Stakeholder["latestAnswer"]>["kind"],
  dimension: r.dimension,
  score: r.score,
  scale: r.scale,
  comment: r.comment,
  answeredAt: iso(r.answeredAt),
});

/**
 * The account's stakeholder map: its key players (those the success index counts) with their
 * index, outcomes, last touchpoint and latest answer, and the relationship risks they show.
 */
export async function getStakeholderMap(
  ctx: Ctx,
  accountId: string,
  now = new Date(),
): Promise<StakeholderMap> {
  // The success computation checks the account is the workspace's (404 otherwise) and says who
  // the key players are and how they fare: the map reuses it rather than counting again.
  const success = await getAccountSuccess(ctx, accountId);
  const scope = { accountId, contactIds: success.keyPlayers.map((p) => p.contactId), now };
  const since = lookbackStartAt(now);
  const [titles, last, recent, answers] =
    scope.contactIds.length === 0
      ? [[], [], [], []]
      : [
          await playerTitles(ctx.db, ctx.workspaceId, scope),
          await lastTouchpoints(ctx.db, ctx.workspaceId, scope),
          await touchpointsSince(ctx.db, ctx.workspaceId, scope, since),
          await latestAnswers(ctx.db, ctx.workspaceId, scope),
        ];
  const titleOf = new Map(titles.map((t) => [t.id, t.title]));
  const lastOf = new Map(last.map((t) => [t.contactId, touch(t)]));
  const latestOf = new Map(answers.filter((a) => a.latest).map((a) => [a.contactId, answer(a)]));
  const npsOf = new Map(
    answers.filter((a) => a.kind === "nps" && a.latestOfKind).map((a) => [a.contactId, answer(a)]),
  );

  const keyPlayers: Stakeholder[] = success.keyPlayers
    .map((p) => ({
      contactId: p.contactId,
      name: p.name,
      title: titleOf.get(p.contactId) ?? null,
      decisionRole: p.decisionRole,
      influence: p.influence,
      seniority: p.seniority,
      leftCompany: p.leftCompany,
      index: p.index,
      outcomes: outcomeCounts(p.outcomes.map((o) => o.status)),
      lastTouchpoint: lastOf.get(p.contactId) ?? null,
      latestAnswer: latestOf.get(p.contactId) ?? null,
    }))
    .sort(byRoleThenInfluence);
  const facts: PlayerFacts[] = keyPlayers.map((p) => ({
    ...p,
    latestNps: npsOf.get(p.contactId) ?? null,
  }));
  const touchpoints = groupTouchpoints(recent.map((r) => ({ ...touch(r), contactId: r.contactId })));
  return {
    accountId,
    asOf: utcDay(now),
    keyPlayers,
    risks: relationshipRisks(facts, touchpoints, now),
  };
}
