import { utcToday } from "../../common/dates.ts";
import { PLAYBOOK_FOLLOW_DAYS, type PlaybookReport } from "../../contract/playbooks.ts";
import type { Ctx } from "../context.ts";
import { playbookRow } from "./manage-playbooks.ts";
import { type FollowedRow, followedRuns } from "./playbook.queries.ts";
import { cautionFor, compareGroups, type Followed, groupFigures, summaryOf } from "./playbook.rules.ts";

/** What became of one account over its 90 days: health change, churn (revenue then, none after), contraction. */
function followed(r: FollowedRow): Followed {
  const then = Number(r.mrrStart);
  const after = Number(r.mrrEnd);
  const churned = then > 0 && after === 0;
  return {
    heldOut: r.heldOut,
    done: r.done,
    healthChange: r.healthStart !== null && r.healthEnd !== null ? r.healthEnd - r.healthStart : null,
    churned,
    contracted: !churned && after < then,
  };
}

/**
 * The playbook's effect: accounts its rules treated against those they held out (chosen by a
 * seeded hash, so the groups differ only by chance), each followed for 90 days from the day the
 * rule matched it. Accounts count on the side they were put (a held-out account later given the
 * playbook by hand stays held out), and only once their 90 days have passed.
 */
export async function playbookReport(ctx: Ctx, playbookId: string): Promise<PlaybookReport> {
  const playbook = await playbookRow(ctx, playbookId);
  const rows = await followedRuns(ctx.db, ctx.workspaceId, playbookId, utcToday());
  const all = rows.map(followed);
  const treated = groupFigures(all.filter((f) => !f.heldOut));
  const held = groupFigures(all.filter((f) => f.heldOut));
  const rules = [
    ...new Map(
      rows.map((r) => [
        r.ruleId ?? r.ruleName,
        { id: r.ruleId, name: r.ruleName ?? "", holdOutPercent: r.holdOutPercent },
      ]),
    ).values(),
  ];
  return {
    playbook: { id: playbook.id, name: playbook.name },
    followDays: PLAYBOOK_FOLLOW_DAYS,
    rules,
    treated,
    heldOut: held,
    difference: compareGroups(treated, held),
    caution: rows.length === 0 ? null : cautionFor(treated, held),
    summary: summaryOf(treated, held, rows.length > 0),
  };
}
