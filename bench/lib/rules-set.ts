import type { RuleActionIn, RuleCreate } from "../../src/contract/rules.ts";
import type { Condition, FilterGroup } from "../../src/contract/segments.ts";
import { TEAMS } from "./rules-data.ts";

/**
 * The benchmark's 50 rules, ten of each trigger a CS team leans on: the health band changing, a
 * number crossing a line (churn, health, usage, expansion), a renewal N days away, entering (or
 * leaving) a segment, and a schedule. Their conditions mix field comparisons, AND/OR groups
 * nested two deep, segment membership and usage metrics; their actions open alerts and tasks for
 * the account's owner, a team in turn, or the CS lead.
 */

const all = (...conditions: FilterGroup["conditions"]): FilterGroup => ({ match: "all", conditions });
const any = (...conditions: FilterGroup["conditions"]): FilterGroup => ({ match: "any", conditions });
const c = (field: string, op: Condition["op"], value?: Condition["value"]): Condition =>
  value === undefined ? { field, op } : { field, op, value };

const task = (
  title: string,
  type: "risk" | "opportunity" | "lifecycle" | "activity",
  priority: "low" | "medium" | "high" | "urgent",
  more: Partial<Extract<RuleActionIn, { kind: "create_task" }>> = {},
): RuleActionIn => ({ kind: "create_task", taskKind: "task", type, priority, title, ...more });
const alert = (title: string, priority: "medium" | "high" | "urgent" = "high"): RuleActionIn => ({
  kind: "create_task",
  taskKind: "alert",
  type: "risk",
  priority,
  title,
});

export function benchRules(segments: Record<string, string>, leadId: string): RuleCreate[] {
  const seg = (name: string) => {
    const id = segments[name];
    if (!id) throw new Error(`no segment ${name}`);
    return id;
  };
  const inSeg = (...names: string[]) => c("segment", "in", names.map(seg));
  const toLead = { assignee: { kind: "user" as const, userId: leadId } };
  const roundRobin = (team: string) => ({ assignee: { kind: "round_robin" as const, team } });
  const tiers = ["Enterprise", "Mid-Market", "SMB"];

  const band: RuleCreate[] = [
    {
      name: "Enterprise turned poor",
      trigger: { kind: "health_band", to: "poor" },
      conditions: all(c("tier", "eq", "Enterprise")),
      actions: [
        alert("Health turned poor: call the sponsor", "urgent"),
        task("Plan a recovery", "risk", "high"),
      ],
    },
    {
      name: "Poor with low usage",
      trigger: { kind: "health_band", to: "poor" },
      conditions: all(c("usage.activeUsers30d", "lt", 3), c("mrr", "gt", 500)),
      actions: [alert("Poor health and few active users")],
    },
    {
      name: "Poor and likely to churn",
      trigger: { kind: "health_band", to: "poor" },
      conditions: all(
        c("churn.probability", "gt", 55),
        any(c("tier", "eq", "Mid-Market"), c("arr", "gt", 20_000)),
      ),
      actions: [alert("Poor health, churn likely"), task("Escalate to the CS lead", "risk", "high", toLead)],
    },
    {
      name: "Poor in a renewal quarter",
      trigger: { kind: "health_band", to: "poor" },
      conditions: all(inSeg("Renewing this quarter")),
      actions: [alert("Poor health before renewal", "urgent")],
    },
    {
      name: "Turned average from good",
      trigger: { kind: "health_band", to: "average" },
      conditions: all(c("health.change7d", "lt", -3), c("lifecycleStage", "in", ["adoption", "value"])),
      actions: [task("Check in: health slipping", "activity", "medium")],
    },
    {
      name: "Average with detractors",
      trigger: { kind: "health_band", to: "average" },
      conditions: all(c("survey.npsLatest", "lte", 6)),
      actions: [task("Follow up on the detractor", "risk", "medium")],
    },
    {
      name: "Turned good: ask for a reference",
      trigger: { kind: "health_band", to: "good" },
      conditions: all(c("survey.npsLatest", "gte", 9), c("tier", "in", ["Enterprise", "Mid-Market"])),
      actions: [task("Ask for a reference", "opportunity", "low")],
    },
    {
      name: "Turned good with room to grow",
      trigger: { kind: "health_band", to: "good" },
      conditions: all(c("expansion.probability", "gt", 45), c("usage.events30d", "gt", 400)),
      actions: [task("Expansion conversation", "opportunity", "medium", roundRobin(TEAMS[1]))],
    },
    {
      name: "Any band change on Enterprise",
      trigger: { kind: "health_band" },
      conditions: all(c("tier", "eq", "Enterprise"), c("coverage", "in", ["one_to_one"])),
      actions: [task("Review the health change", "activity", "low")],
    },
    {
      name: "Band change in EMEA mid-market",
      trigger: { kind: "health_band" },
      conditions: all(c("region", "eq", "EMEA"), c("tier", "eq", "Mid-Market"), c("health.score", "lt", 60)),
      actions: [task("Review the health change", "activity", "medium")],
    },
  ];

  const threshold: RuleCreate[] = [50, 60, 70, 80].map((line, i) => ({
    name: `Churn above ${line}%`,
    trigger: { kind: "threshold", metric: "churn.probability", direction: "rises_above", value: line },
    conditions: all(c("tier", "eq", tiers[i % 3] as string), c("mrr", "gt", 100 * (i + 1))),
    actions: [alert(`Churn probability above ${line}%`, line >= 70 ? "urgent" : "high")],
  }));
  threshold.push(
    {
      name: "Health below 30",
      trigger: { kind: "threshold", metric: "health.score", direction: "drops_below", value: 30 },
      conditions: all(),
      actions: [alert("Health below 30", "urgent")],
    },
    {
      name: "Health below 45 with low usage",
      trigger: { kind: "threshold", metric: "health.score", direction: "drops_below", value: 45 },
      conditions: any(c("usage.activeUsers30d", "lt", 2), c("usage.events30d", "lt", 150)),
      actions: [alert("Health below 45 and usage low")],
    },
    {
      name: "Active users below 2",
      trigger: { kind: "threshold", metric: "usage.activeUsers30d", direction: "drops_below", value: 2 },
      conditions: all(c("lifecycleStage", "not_in", ["churned", "onboarding"])),
      actions: [task("Re-engage the users", "activity", "high", roundRobin(TEAMS[2]))],
    },
    {
      name: "Events below 100 in 30 days",
      trigger: { kind: "threshold", metric: "usage.events30d", direction: "drops_below", value: 100 },
      conditions: all(c("tier", "in", ["Mid-Market", "Enterprise"])),
      actions: [task("Usage dropped: find out why", "risk", "medium")],
    },
    {
      name: "Expansion above 60%",
      trigger: { kind: "threshold", metric: "expansion.probability", direction: "rises_above", value: 60 },
      conditions: all(
        c("health.band", "in", ["good"]),
        any(c("tier", "eq", "SMB"), inSeg("Expansion candidates")),
      ),
      actions: [task("Talk about the next plan", "opportunity", "medium")],
    },
    {
      name: "Success index below 40",
      trigger: { kind: "threshold", metric: "success.index", direction: "drops_below", value: 40 },
      conditions: all(c("tier", "eq", "Enterprise")),
      actions: [task("Review the key players' outcomes", "risk", "high")],
    },
  );

  const renewal: RuleCreate[] = [30, 45, 60, 90, 120, 180, 60, 90, 30, 120].map((days, i) => ({
    name: `Renewal in ${days} days (${i + 1})`,
    trigger: { kind: "renewal", daysBefore: days },
    conditions: [
      all(c("tier", "eq", "Enterprise")),
      all(c("tier", "eq", "Mid-Market"), c("health.score", "lt", 70)),
      all(c("mrr", "gt", 1_000)),
      all(any(c("churn.probability", "gt", 40), inSeg("Detractors"))),
      all(c("tier", "eq", "Enterprise"), c("health.band", "in", ["good", "average"])),
      all(c("arr", "gt", 50_000)),
      all(c("usage.activeUsers30d", "lt", 3)),
      all(inSeg("High churn risk")),
      all(c("region", "in", ["EMEA", "APAC"]), c("survey.nps12m", "lt", 0)),
      all(c("expansion.probability", "gt", 50)),
    ][i] as FilterGroup,
    actions: [
      task(`Renewal in ${days} days: prepare`, "lifecycle", i % 3 === 0 ? "high" : "medium", {
        dueInDays: 7,
      }),
    ],
  }));

  const segmentRules: RuleCreate[] = [
    ["Enterprise at risk", "entered", all(c("mrr", "gt", 2_000))],
    ["Enterprise at risk", "left", all(c("tier", "eq", "Enterprise"), c("health.score", "gte", 50))],
    ["Low usage", "entered", all(c("lifecycleStage", "in", ["adoption", "value", "renewal"]))],
    ["Low usage", "entered", all(c("tier", "eq", "Enterprise"), c("churn.probability", "gt", 30))],
    ["Renewing this quarter", "entered", all(c("health.band", "in", ["poor"]))],
    ["Detractors", "entered", any(c("tier", "eq", "Enterprise"), c("mrr", "gt", 3_000))],
    ["High churn risk", "entered", all(c("usage.events30d", "lt", 300))],
    ["High churn risk", "entered", all(inSeg("Renewing this quarter"))],
    ["Expansion candidates", "entered", all(c("survey.npsLatest", "gte", 8))],
    [
      "Expansion candidates",
      "left",
      all(c("tier", "eq", "Enterprise"), c("health.band", "in", ["poor", "average"])),
    ],
  ].map(([name, change, conditions], i) => ({
    name: `Segment ${change}: ${name} (${i + 1})`,
    trigger: { kind: "segment", segmentId: seg(name as string), change: change as "entered" | "left" },
    conditions: conditions as FilterGroup,
    actions: [task(`${change === "entered" ? "Entered" : "Left"} ${name}`, "activity", "medium")],
  }));

  const schedule: RuleCreate[] = [
    ["0 8 * * 1", all(c("tier", "eq", "Enterprise"), c("health.score", "lt", 60))],
    ["0 8 * * *", all(c("usage.activeUsers30d", "lt", 1), c("lifecycleStage", "not_in", ["churned"]))],
    ["30 7 * * 1-5", all(inSeg("High churn risk"), inSeg("Renewing this quarter"))],
    [
      "0 9 1 * *",
      all(c("mrr", "gt", 4_000), any(c("health.band", "in", ["average"]), c("survey.nps12m", "lt", 10))),
    ],
    ["0 10 * * 3", all(c("coverage", "in", ["one_to_many"]), c("usage.events30d", "lt", 60))],
    ["0 6 * * 1", all(c("churn.probability", "between", [50, 70]), c("tier", "neq", "SMB"))],
    ["15 8 * * 2", all(any(inSeg("Detractors"), c("survey.npsLatest", "lte", 4)), c("arr", "gt", 5_000))],
    ["0 12 * * 5", all(c("success.index", "lt", 35))],
    ["0 8 15 * *", all(c("nextRenewalDate", "in_next_days", 45), c("expansion.probability", "gt", 40))],
    [
      "45 8 * * 4",
      any(
        all(c("tier", "eq", "Enterprise"), c("usage.activeUsers30d", "lt", 3)),
        all(c("tier", "eq", "Mid-Market"), c("churn.probability", "gt", 65), c("health.score", "lt", 40)),
      ),
    ],
  ].map(([cron, conditions], i) => ({
    name: `Scheduled review ${i + 1}`,
    trigger: { kind: "schedule", cron: cron as string },
    conditions: conditions as FilterGroup,
    actions:
      i % 4 === 0
        ? [
            task("Scheduled review", "activity", "medium"),
            task("Update the account plan", "lifecycle", "low"),
          ]
        : [
            task(
              "Scheduled review",
              "activity",
              i % 2 === 0 ? "medium" : "low",
              roundRobin(TEAMS[i % 3] as string),
            ),
          ],
  }));

  return [...band, ...threshold, ...renewal, ...segmentRules, ...schedule];
}
