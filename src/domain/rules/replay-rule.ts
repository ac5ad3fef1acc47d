import type { SQL } from "drizzle-orm";
import { addDays, utcToday } from "../../common/dates.ts";
import type { Replay, RuleTrigger } from "../../contract/rules.ts";
import type { FilterGroup, SegmentField } from "../../contract/segments.ts";
import type { Ctx } from "../context.ts";
import { crossingsOf, fieldsUsed, fitOnDays, listSegmentFields } from "../segments/index.ts";
import { ruleRow } from "./manage-rules.ts";
import {
  answersIn,
  bandChanges,
  caughtBy,
  eventsIn,
  fatesAfter,
  keyPlayersLeftIn,
  outcomesWentAtRisk,
  renewalsApproached,
  scheduleFirings,
  segmentMoves,
  stageChangesIn,
} from "./rule.queries.ts";
import { effectiveConditions, nextFiring, thresholdCondition } from "./rule.rules.ts";

/** Domain events are kept this many days; an event trigger's replay cannot look further back. */
const EVENTS_KEPT_DAYS = 30;

/**
 * What the rule would have done over the past `days` days, from history: the days its trigger
 * would have fired for each account (health and segment history, answers, renewals, outcome
 * changes, a threshold's metric day by day), kept where the account fit its conditions as of that
 * day; then how many of the accounts caught later churned or contracted. Anything it could only
 * read as it is today is flagged, never silently taken for history.
 */
export async function replayRule(ctx: Ctx, id: string, days: number, now = new Date()): Promise<Replay> {
  const rule = await ruleRow(ctx, id);
  const t = rule.trigger as RuleTrigger;
  const to = addDays(utcToday(now), -1);
  const from = addDays(to, -days);
  const fields = await listSegmentFields(ctx, "account");
  const flags: string[] = [];
  const fired = triggerFirings(ctx, t, fields, from, to, flags);
  // A stage change's own test (the stage entered) is in its firings, read from the stage history.
  const conditions =
    t.kind === "stage_change"
      ? (rule.conditions as FilterGroup)
      : effectiveConditions(t, rule.conditions as FilterGroup);
  flags.push(...todayOnly(conditions, fields));
  // Kept where the account fitted the conditions as of the firing's day: every firing tested in
  // one statement, and counted per account there.
  // A schedule fires for every account on its days: figures for the whole period serve them best.
  const every = t.kind === "schedule" ? { from, to } : undefined;
  const kept =
    conditions.conditions.length === 0 ? fired : fitOnDays(ctx.workspaceId, conditions, fields, fired, every);
  const byAccount = new Map(
    (await caughtBy(ctx.db, kept)).map((c) => [c.accountId, { firstDay: c.firstDay, firings: c.firings }]),
  );
  const fates = await fatesAfter(
    ctx.db,
    ctx.workspaceId,
    [...byAccount].map(([accountId, v]) => ({ accountId, day: v.firstDay })),
  );
  const caught = [...byAccount]
    .map(([accountId, v]) => {
      const fate = fates.get(accountId);
      return {
        account: { id: accountId, name: fate?.name ?? "(deleted)" },
        firstDay: v.firstDay,
        firings: v.firings,
        churned: fate?.churned ?? false,
        contracted: fate?.contracted ?? false,
      };
    })
    .sort((a, b) => a.firstDay.localeCompare(b.firstDay) || a.account.name.localeCompare(b.account.name));
  return {
    days,
    from: addDays(from, 1),
    to,
    firings: [...byAccount.values()].reduce((n, c) => n + c.firings, 0),
    accounts: caught.length,
    churned: caught.filter((c) => c.churned).length,
    contracted: caught.filter((c) => c.contracted).length,
    caught,
    flags,
  };
}

/** The (account, day) pairs the trigger would have fired on in (from, to], as a select of them. */
function triggerFirings(
  ctx: Ctx,
  t: RuleTrigger,
  fields: SegmentField[],
  from: string,
  to: string,
  flags: string[],
): SQL {
  const { workspaceId } = ctx;
  switch (t.kind) {
    case "health_band":
      return bandChanges(workspaceId, from, to, t.to);
    case "segment":
      return segmentMoves(workspaceId, t.segmentId, t.change, from, to);
    case "survey_answer":
      return answersIn(workspaceId, from, to, t);
    case "renewal":
      return renewalsApproached(workspaceId, from, to, t.daysBefore);
    case "outcome_at_risk":
      return outcomesWentAtRisk(workspaceId, from, to);
    case "key_player_left":
      flags.push(
        "When a key player left is not recorded: the day their contact record last changed stands for it.",
      );
      return keyPlayersLeftIn(workspaceId, from, to);
    case "stage_change":
      return stageChangesIn(workspaceId, from, to, t.to);
    case "event":
      if (addDays(utcToday(), -EVENTS_KEPT_DAYS) > from) {
        flags.push(
          `Domain events are kept ${EVENTS_KEPT_DAYS} days: only the last ${EVENTS_KEPT_DAYS} days are replayed.`,
        );
      }
      return eventsIn(workspaceId, t.eventType, from, to);
    case "schedule": {
      const days: string[] = [];
      for (
        let at = nextFiring(t.cron, new Date(`${from}T23:59:59Z`));
        utcToday(at) <= to;
        at = nextFiring(t.cron, at)
      ) {
        days.push(utcToday(at));
      }
      return scheduleFirings(workspaceId, days);
    }
    case "threshold":
      // On the far side of the line that day and not the day before, over the period at once.
      return crossingsOf(workspaceId, thresholdCondition(t), fields, from, to);
  }
}

/** The conditions on fields known only as they are today. */
function todayOnly(conditions: FilterGroup, fields: SegmentField[]): string[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  return fieldsUsed(conditions).flatMap((k) => {
    const f = byKey.get(k);
    return f && !f.historical
      ? [`"${f.label}" has no day-by-day history: the replay tested it as it is today.`]
      : [];
  });
}
