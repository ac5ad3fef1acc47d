import { utcToday } from "../../common/dates.ts";
import type { DryRun, RuleTrigger } from "../../contract/rules.ts";
import type { FilterGroup } from "../../contract/segments.ts";
import type { Ctx } from "../context.ts";
import { listSegmentFields } from "../segments/index.ts";
import { ruleRow } from "./manage-rules.ts";
import { keyPlayerDepartures, outcomesAtRisk, recordIds, renewalWindow } from "./rule.queries.ts";
import { thresholdCondition } from "./rule.rules.ts";
import { runRule } from "./run-rule.ts";

/**
 * What the rule would do now, without doing it: the accounts its trigger would fire for today
 * and that fit its conditions, each with why and what each action would do. Event triggers cannot
 * be waited for: the dry run takes the accounts the trigger describes now (in the band, in the
 * segment, with a key player gone) and says so.
 */
export async function dryRunRule(ctx: Ctx, id: string, now = new Date()): Promise<DryRun> {
  const rule = await ruleRow(ctx, id);
  const t = rule.trigger as RuleTrigger;
  const fields = await listSegmentFields(ctx, "account");
  const { ids, within, notes } = await candidates(ctx, rule.id, t, now);
  const result = await runRule(ctx, rule, {
    cause: "manual",
    accountIds: ids,
    ...(within ? { within } : {}),
    fields,
    dryRun: true,
    now,
  });
  return { matched: result.matched, matches: result.matches, notes };
}

/**
 * The accounts the rule's trigger describes now, with what that means: their ids (null: every
 * account), or, where the trigger is a test of the accounts' fields (past the line, in the band, in
 * the segment), that test (`within`), for the run to make in the statement that tests the rule's
 * conditions rather than select the accounts first and send their ids back.
 */
export async function candidates(
  ctx: Ctx,
  ruleId: string,
  t: RuleTrigger,
  now: Date,
): Promise<{ ids: string[] | null; within?: FilterGroup; notes: string[] }> {
  const tested = (conditions: FilterGroup) => ({ ids: null, within: conditions });
  switch (t.kind) {
    case "schedule":
      return {
        ids: null,
        notes: ["At its next firing it acts on every account that fits its conditions then."],
      };
    case "threshold":
      return {
        ...tested({ match: "all", conditions: [thresholdCondition(t)] }),
        notes: [
          "These accounts are past the line now. A rule switched on starts from today: it fires for accounts that cross the line from then on, not for these at once.",
        ],
      };
    case "renewal": {
      const window = renewalWindow(ctx.workspaceId, utcToday(now), t.daysBefore);
      return {
        ids: await recordIds(ctx.db, window, ruleId),
        notes: ["Accounts whose renewal is inside the window and that the rule has not fired for yet."],
      };
    }
    case "health_band":
      return t.to
        ? {
            ...tested({
              match: "all",
              conditions: [{ field: "health.band", op: "in", value: [t.to] }],
            }),
            notes: [
              `Accounts whose health is ${t.to} now; the rule fires when an account's band turns ${t.to}.`,
            ],
          }
        : {
            ids: null,
            notes: ["The rule fires when an account's band changes; every account that fits is shown."],
          };
    case "segment":
      return {
        ...tested({
          match: "all",
          conditions: [
            { field: "segment", op: t.change === "entered" ? "in" : "not_in", value: [t.segmentId] },
          ],
        }),
        notes: [
          t.change === "entered"
            ? "The segment's members now; the rule fires for each account as it enters."
            : "Accounts outside the segment now; the rule fires for each account as it leaves.",
        ],
      };
    case "key_player_left":
      return {
        ids: await keyPlayerDepartures(ctx.db, ctx.workspaceId),
        notes: ["Accounts where a key player has left; the rule fires when it happens."],
      };
    case "outcome_at_risk":
      return {
        ids: await outcomesAtRisk(ctx.db, ctx.workspaceId),
        notes: ["Accounts with an outcome at risk now; the rule fires when an outcome goes at risk."],
      };
    default:
      return {
        ids: null,
        notes: [
          "The rule fires when its trigger happens; these are the accounts that fit its conditions now.",
        ],
      };
  }
}
