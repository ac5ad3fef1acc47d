import { addDays } from "../../common/dates.ts";
import type { RuleCreate } from "../../contract/rules.ts";
import type { FilterGroup, SegmentCreate } from "../../contract/segments.ts";
import type { Db } from "../../db/transaction.ts";
import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { createRule, runRuleNow, startFromToday } from "../rules/index.ts";
import {
  compileFilter,
  createSegment,
  fieldsUsed,
  listSegmentFields,
  pastDay,
  refreshSegment,
} from "../segments/index.ts";
import {
  addOnboardingPlaybooks,
  addRenewalPlaybookHistory,
  DEMO_RENEWAL_DAYS,
  DEMO_RENEWAL_HOLD_OUT,
  playbookIdsByKey,
} from "./add-playbooks.ts";
import { automationCounts, insertSegmentStays, matchedIds, type Stay } from "./demo.queries.ts";

/** How far back the demo's segment history goes, and how often it was looked at (every two weeks, so the load stays quick). */
const HISTORY_DAYS = 126;
const STEP_DAYS = 14;

const all = (...conditions: FilterGroup["conditions"]): FilterGroup => ({ match: "all", conditions });
const any = (...conditions: FilterGroup["conditions"]): FilterGroup => ({ match: "any", conditions });

/** The saved segments of Northwind's CS team. */
const SEGMENTS: SegmentCreate[] = [
  {
    name: "At risk",
    description: "Poor health, or a churn probability above 20%",
    entity: "account",
    filter: all(
      { field: "lifecycleStage", op: "not_in", value: ["churned"] },
      any(
        { field: "health.band", op: "in", value: ["poor"] },
        { field: "churn.probability", op: "gt", value: 20 },
      ),
    ),
  },
  {
    name: "Renewing in 90 days",
    entity: "account",
    filter: all({ field: "nextRenewalDate", op: "in_next_days", value: 90 }),
  },
  {
    name: "Enterprise, high touch",
    entity: "account",
    filter: all(
      { field: "tier", op: "eq", value: "Enterprise" },
      { field: "coverage", op: "in", value: ["one_to_one"] },
    ),
  },
  {
    name: "Quiet in the product",
    description: "Customers with fewer than 3 active users over the last 30 days",
    entity: "account",
    filter: all(
      { field: "lifecycleStage", op: "not_in", value: ["churned"] },
      { field: "usage.activeUsers30d", op: "lt", value: 3 },
    ),
  },
  {
    name: "Champions",
    description: "Champions still at the customer",
    entity: "contact",
    filter: all(
      { field: "decisionRole", op: "in", value: ["champion"] },
      { field: "leftCompany", op: "is_false" },
    ),
  },
];

/**
 * The rules the team runs: live ones with their logs (two start playbooks, the renewal one holding
 * out one renewal in five to measure it), and a draft waiting for its replay.
 */
const rules = (playbook: Map<string, string>): RuleCreate[] => [
  {
    name: "Health turned poor: run the risk playbook",
    enabled: true,
    trigger: { kind: "health_band", to: "poor" },
    conditions: all({ field: "lifecycleStage", op: "not_in", value: ["churned"] }),
    actions: [{ kind: "start_playbook", playbookId: playbook.get("risk") as string, holdOutPercent: 0 }],
  },
  {
    name: "Renewal in 120 days: run the renewal playbook",
    enabled: true,
    trigger: { kind: "renewal", daysBefore: DEMO_RENEWAL_DAYS },
    actions: [
      {
        kind: "start_playbook",
        playbookId: playbook.get("renewal") as string,
        holdOutPercent: DEMO_RENEWAL_HOLD_OUT,
      },
    ],
  },
  {
    name: "Enterprise detractor: go high touch",
    enabled: true,
    trigger: { kind: "survey_answer", surveyKind: "nps", scoreAtMost: 6 },
    conditions: all({ field: "tier", op: "eq", value: "Enterprise" }),
    actions: [
      { kind: "set_coverage", coverage: "one_to_one" },
      {
        kind: "create_task",
        taskKind: "alert",
        type: "risk",
        priority: "urgent",
        title: "Enterprise detractor: meet them this week",
      },
    ],
  },
  {
    name: "Key player left",
    enabled: true,
    trigger: { kind: "key_player_left" },
    actions: [
      {
        kind: "create_task",
        taskKind: "alert",
        type: "risk",
        priority: "high",
        title: "A key player left: rebuild the relationship",
      },
    ],
  },
  {
    name: "Weekly: quiet accounts to digital",
    description: "Draft: replay it before switching it on",
    trigger: { kind: "schedule", cron: "0 7 * * 1" },
    conditions: all(
      { field: "tier", op: "in", value: ["SMB"] },
      { field: "usage.activeUsers30d", op: "lt", value: 2 },
    ),
    actions: [{ kind: "set_coverage", coverage: "one_to_many" }],
  },
];

/**
 * The demo's segments, with a membership history read from the demo's own health, usage and
 * churn history (weekly over 120 days, as the refresh would have recorded it), its playbooks in
 * progress and its rules, with their history.
 */
export async function addDemoAutomation(
  db: Db,
  workspaceId: string,
  today: string,
): Promise<{ tasks: number; playbookTimeline: number }> {
  const ctx: Ctx = { db, workspaceId, actor: { kind: "system", label: "demo loader" } };
  for (const input of SEGMENTS) {
    await withTx(db, async (tx) => {
      const tctx = { ...ctx, db: tx };
      const segment = await createSegment(tctx, input);
      const fields = await listSegmentFields(tctx, input.entity, segment.id);
      // Only what has a day-by-day history can say who was in before today.
      const historical = fieldsUsed(input.filter).some((k) => fields.find((f) => f.key === k)?.historical);
      if (!historical) return;
      const stays = await pastStays(tx, workspaceId, input, fields, today);
      await insertSegmentStays(tx, workspaceId, segment.id, stays);
      // Today's members: stays still open are closed or kept by the live evaluation.
      await refreshSegment(tctx, segment.id, "definition");
    });
  }
  const playbook = await playbookIdsByKey(ctx);
  await addOnboardingPlaybooks(ctx, playbook.get("onboarding") as string, today);
  for (const input of rules(playbook)) {
    await withTx(db, async (tx) => {
      const tctx = { ...ctx, db: tx };
      const rule = await createRule(tctx, input);
      // The renewal rule was switched on long ago: it started its playbook (or held the account
      // out) as each renewal came near, and accounts already inside its window had theirs.
      if (input.trigger.kind === "renewal") {
        await addRenewalPlaybookHistory(tctx, rule, playbook.get("renewal") as string, today);
        await startFromToday(tctx, rule.id);
      }
      // The band rule has acted on today's poor accounts: its log and playbooks are there from the start.
      if (input.trigger.kind === "health_band") await runRuleNow(tctx, rule.id);
    });
  }
  return automationCounts(db, workspaceId);
}

/** Stays from weekly looks at the past: entered at the first look in, left at the first look out. */
async function pastStays(
  db: Db,
  workspaceId: string,
  input: SegmentCreate,
  fields: Awaited<ReturnType<typeof listSegmentFields>>,
  today: string,
): Promise<Stay[]> {
  const stays: Stay[] = [];
  const open = new Map<string, Date>();
  for (let back = HISTORY_DAYS; back >= STEP_DAYS; back -= STEP_DAYS) {
    const day = addDays(today, -back);
    const at = new Date(`${day}T06:00:00Z`);
    const ids = new Set(
      await matchedIds(db, compileFilter(workspaceId, input.entity, input.filter, fields, pastDay(day))),
    );
    for (const [id, since] of open) {
      if (!ids.has(id)) {
        stays.push({ entityId: id, enteredAt: since, leftAt: at });
        open.delete(id);
      }
    }
    for (const id of ids) if (!open.has(id)) open.set(id, at);
  }
  for (const [id, since] of open) stays.push({ entityId: id, enteredAt: since, leftAt: null });
  return stays;
}
