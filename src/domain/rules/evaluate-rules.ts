import { utcToday } from "../../common/dates.ts";
import { DOMAIN_EVENT_TYPES } from "../../contract/events.ts";
import type { RuleTrigger } from "../../contract/rules.ts";
import type { Db } from "../../db/transaction.ts";
import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import type { DeliveredEvent, EventConsumer } from "../events/index.ts";
import { compileFilter, listSegmentFields, liveDay } from "../segments/index.ts";
import {
  accountsOfKeyPlayersWhoLeft,
  accountsOfOutcomesAtRisk,
  asStanding,
  listRuleRows,
  type RuleRow,
  renewalWindow,
  syncStanding,
  workspacesWithRules,
} from "./rule.queries.ts";
import { nextFiring, thresholdCondition } from "./rule.rules.ts";
import { runRule } from "./run-rule.ts";

/** Triggers the outbox drives; schedules, thresholds and renewals are checked by the clock. */
const EVENT_TRIGGERS = new Set<RuleTrigger["kind"]>([
  "event",
  "health_band",
  "segment",
  "stage_change",
  "survey_answer",
  "key_player_left",
  "outcome_at_risk",
]);

const fieldsOf = (e: DeliveredEvent): string[] =>
  Array.isArray(e.data.fields) ? e.data.fields.map(String) : [];
const accountsOf = (events: DeliveredEvent[]): string[] => [
  ...new Set(events.flatMap((e) => (e.accountId ? [e.accountId] : []))),
];
const idsOf = (events: DeliveredEvent[], key: string): string[] => [
  ...new Set(events.flatMap((e) => (typeof e.data[key] === "string" ? [e.data[key] as string] : []))),
];

/** The accounts a batch of events fires the trigger for. */
async function firedBy(ctx: Ctx, t: RuleTrigger, events: DeliveredEvent[]): Promise<string[]> {
  switch (t.kind) {
    case "event":
      return accountsOf(events.filter((e) => e.type === t.eventType));
    case "health_band":
      // A first score is not a change of band (a new account, a workspace's first scoring).
      return accountsOf(
        events.filter(
          (e) => e.type === "health.band_changed" && e.data.from !== null && (!t.to || e.data.to === t.to),
        ),
      );
    case "segment":
      return accountsOf(
        events.filter(
          (e) =>
            e.type === `segment.${t.change}` && e.data.segmentId === t.segmentId && e.data.contactId === null,
        ),
      );
    case "stage_change":
      return accountsOf(
        events.filter((e) => e.type === "account.changed" && fieldsOf(e).includes("lifecycleStage")),
      );
    case "survey_answer":
      return accountsOf(
        events.filter((e) => {
          if (e.type !== "survey.answered") return false;
          const score = Number(e.data.score);
          if (t.surveyKind ? e.data.kind !== t.surveyKind : e.data.kind === "dimension") return false;
          return (
            (t.scoreAtMost === undefined || score <= t.scoreAtMost) &&
            (t.scoreAtLeast === undefined || score >= t.scoreAtLeast)
          );
        }),
      );
    case "key_player_left":
      return accountsOfKeyPlayersWhoLeft(
        ctx.db,
        ctx.workspaceId,
        idsOf(
          events.filter((e) => e.type === "contact.changed" && fieldsOf(e).includes("leftCompany")),
          "contactId",
        ),
      );
    case "outcome_at_risk":
      return accountsOfOutcomesAtRisk(
        ctx.db,
        ctx.workspaceId,
        idsOf(
          events.filter((e) => e.type === "outcome.changed" && fieldsOf(e).includes("status")),
          "outcomeId",
        ),
      );
    default:
      return [];
  }
}

/**
 * Rules as a consumer of domain events: each enabled rule whose trigger the batch fires runs for
 * the accounts concerned. Changes rules made themselves are skipped, so rules never chain into a
 * loop. A rule's failing action fails its run (logged), not the delivery.
 */
export const ruleTriggers: EventConsumer = {
  name: "rules.triggers",
  types: DOMAIN_EVENT_TYPES,
  async handle(ctx, events) {
    const fresh = events.filter((e) => e.byRule === null);
    if (fresh.length === 0) return;
    const rules = (await listRuleRows(ctx.db, ctx.workspaceId, true)).filter((r) =>
      EVENT_TRIGGERS.has((r.trigger as RuleTrigger).kind),
    );
    for (const rule of rules) {
      const ids = await firedBy(ctx, rule.trigger as RuleTrigger, fresh);
      if (ids.length > 0) await runRule(ctx, rule, { cause: "event", accountIds: ids });
    }
  },
};

const systemCtx = (db: Db, workspaceId: string): Ctx => ({
  db,
  workspaceId,
  actor: { kind: "system", label: "rules" },
});

/** Enabled rules of every workspace, each given to `work` in its own transaction. */
async function eachEnabledRule(
  db: Db,
  pick: (r: RuleRow) => boolean,
  work: (ctx: Ctx, r: RuleRow) => Promise<void>,
) {
  for (const workspaceId of await workspacesWithRules(db)) {
    const rules = (await listRuleRows(db, workspaceId, true)).filter(pick);
    for (const rule of rules) await withTx(db, (tx) => work(systemCtx(tx, workspaceId), rule));
  }
}

/** Scheduled rules whose cron came round since their last run: every account that fits, once. */
export async function runDueSchedules(db: Db, now = new Date()): Promise<number> {
  let ran = 0;
  await eachEnabledRule(
    db,
    (r) => (r.trigger as RuleTrigger).kind === "schedule",
    async (ctx, rule) => {
      const t = rule.trigger as Extract<RuleTrigger, { kind: "schedule" }>;
      // From its last scheduled run, or from when it was last saved (switched on, changed): a run
      // by hand does not move the schedule, and a rule switched on again does not catch up.
      const state = rule.state as { scheduledAt?: string };
      const saved = new Date(rule.updatedAt).getTime();
      const since = new Date(Math.max(saved, state.scheduledAt ? Date.parse(state.scheduledAt) : 0));
      if (nextFiring(t.cron, since) > now) return;
      const scheduled = { ...rule, state: { ...state, scheduledAt: now.toISOString() } };
      await runRule(ctx, scheduled, { cause: "schedule", accountIds: null, now });
      ran += 1;
    },
  );
  return ran;
}

/**
 * The standing triggers, set-based per rule: the accounts past a threshold's line, or with a
 * renewal inside the window, compared with the last evaluation; those that came in fire.
 */
export async function evaluateStandingRules(db: Db, now = new Date()): Promise<number> {
  let fired = 0;
  await eachEnabledRule(
    db,
    (r) => ["threshold", "renewal"].includes((r.trigger as RuleTrigger).kind),
    async (ctx, rule) => {
      const came = await standingArrivals(ctx, rule, now);
      if (came.length === 0) return;
      fired += (await runRule(ctx, rule, { cause: "evaluation", accountIds: came, now })).matched;
    },
  );
  return fired;
}

/** Records the rule's standing set as of now and answers the accounts that came into it. */
export async function standingArrivals(ctx: Ctx, rule: RuleRow, now: Date): Promise<string[]> {
  const t = rule.trigger as RuleTrigger;
  if (t.kind === "renewal") {
    return syncStanding(
      ctx.db,
      ctx.workspaceId,
      rule.id,
      renewalWindow(ctx.workspaceId, utcToday(now), t.daysBefore),
    );
  }
  if (t.kind !== "threshold") return [];
  const fields = await listSegmentFields(ctx, "account");
  const past = compileFilter(
    ctx.workspaceId,
    "account",
    { match: "all", conditions: [thresholdCondition(t)] },
    fields,
    liveDay(now),
  );
  return syncStanding(ctx.db, ctx.workspaceId, rule.id, asStanding(past));
}
