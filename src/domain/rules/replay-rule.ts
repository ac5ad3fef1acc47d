import { addDays, utcToday } from "../../common/dates.ts";
import type { Replay, RuleTrigger } from "../../contract/rules.ts";
import type { FilterGroup, SegmentField } from "../../contract/segments.ts";
import type { Ctx } from "../context.ts";
import { compileFilter, fieldsUsed, listSegmentFields, pastDay } from "../segments/index.ts";
import { ruleRow } from "./manage-rules.ts";
import {
  answersIn,
  bandChanges,
  eventsIn,
  type Firing,
  fatesAfter,
  idsOn,
  keyPlayersLeftIn,
  outcomesWentAtRisk,
  renewalsApproached,
  segmentMoves,
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
  const fired = await triggerFirings(ctx, t, fields, from, to, flags);
  const conditions = effectiveConditions(t, rule.conditions as FilterGroup);
  flags.push(...todayOnly(conditions, fields));
  const kept = await fitOnTheDay(ctx, conditions, fields, fired);

  const byAccount = new Map<string, { firstDay: string; firings: number }>();
  for (const f of kept) {
    const seen = byAccount.get(f.accountId);
    if (!seen) byAccount.set(f.accountId, { firstDay: f.day, firings: 1 });
    else {
      seen.firings += 1;
      if (f.day < seen.firstDay) seen.firstDay = f.day;
    }
  }
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
    firings: kept.length,
    accounts: caught.length,
    churned: caught.filter((c) => c.churned).length,
    contracted: caught.filter((c) => c.contracted).length,
    caught,
    flags,
  };
}

/** The (account, day) pairs the trigger would have fired on in (from, to]. */
async function triggerFirings(
  ctx: Ctx,
  t: RuleTrigger,
  fields: SegmentField[],
  from: string,
  to: string,
  flags: string[],
): Promise<Firing[]> {
  const { db, workspaceId } = ctx;
  switch (t.kind) {
    case "health_band":
      return bandChanges(db, workspaceId, from, to, t.to);
    case "segment":
      return segmentMoves(db, workspaceId, t.segmentId, t.change, from, to);
    case "survey_answer":
      return answersIn(db, workspaceId, from, to, t);
    case "renewal":
      return renewalsApproached(db, workspaceId, from, to, t.daysBefore);
    case "outcome_at_risk":
      return outcomesWentAtRisk(db, workspaceId, from, to);
    case "key_player_left":
      flags.push(
        "When a key player left is not recorded: the day their contact record last changed stands for it.",
      );
      return keyPlayersLeftIn(db, workspaceId, from, to);
    case "stage_change":
      flags.push("Lifecycle stage changes have no history yet: this trigger cannot be replayed.");
      return [];
    case "event":
      if (addDays(utcToday(), -EVENTS_KEPT_DAYS) > from) {
        flags.push(
          `Domain events are kept ${EVENTS_KEPT_DAYS} days: only the last ${EVENTS_KEPT_DAYS} days are replayed.`,
        );
      }
      return eventsIn(db, workspaceId, t.eventType, from, to);
    case "schedule": {
      const out: Firing[] = [];
      const all = await idsOn(
        db,
        compileFilter(workspaceId, "account", { match: "all", conditions: [] }, fields, pastDay(to)),
      );
      for (
        let at = nextFiring(t.cron, new Date(`${from}T23:59:59Z`));
        utcToday(at) <= to;
        at = nextFiring(t.cron, at)
      ) {
        for (const accountId of all) out.push({ accountId, day: utcToday(at) });
      }
      return out;
    }
    case "threshold": {
      // Day by day: on the far side of the line that day and not the day before.
      const line = { match: "all" as const, conditions: [thresholdCondition(t)] };
      const out: Firing[] = [];
      let before = new Set(
        await idsOn(db, compileFilter(workspaceId, "account", line, fields, pastDay(from))),
      );
      for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
        const past = new Set(
          await idsOn(db, compileFilter(workspaceId, "account", line, fields, pastDay(day))),
        );
        for (const id of past) if (!before.has(id)) out.push({ accountId: id, day });
        before = past;
      }
      return out;
    }
  }
}

/** Keeps the firings whose account fit the conditions as of the firing's day. */
async function fitOnTheDay(
  ctx: Ctx,
  conditions: FilterGroup,
  fields: SegmentField[],
  fired: Firing[],
): Promise<Firing[]> {
  if (conditions.conditions.length === 0) return fired;
  const byDay = new Map<string, Firing[]>();
  for (const f of fired) byDay.set(f.day, [...(byDay.get(f.day) ?? []), f]);
  const kept: Firing[] = [];
  for (const [day, list] of byDay) {
    const ids = [...new Set(list.map((f) => f.accountId))];
    const fit = new Set(
      await idsOn(
        ctx.db,
        compileFilter(ctx.workspaceId, "account", conditions, fields, pastDay(day), { ids }),
      ),
    );
    kept.push(...list.filter((f) => fit.has(f.accountId)));
  }
  return kept;
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
