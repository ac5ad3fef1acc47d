import { AppError, notFound } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import {
  type Rule,
  type RuleAction,
  type RuleCreate,
  type RuleTrigger,
  type RuleUpdate,
  ZRuleCreate,
  ZRuleUpdate,
} from "../../contract/rules.ts";
import type { FilterGroup } from "../../contract/segments.ts";
import { withTx } from "../../db/transaction.ts";
import { stageProblem, workspaceStages } from "../accounts/index.ts";
import { actorPerson, type Ctx } from "../context.ts";
import { selectCustomFieldDefs } from "../custom-fields/index.ts";
import { findMember } from "../members/index.ts";
import { findPlaybook } from "../playbooks/index.ts";
import { checkFilter, compileFilter, listSegmentFields, liveDay } from "../segments/index.ts";
import { standingArrivals } from "./evaluate-rules.ts";
import {
  asStanding,
  clearStanding,
  deleteRuleRow,
  findRuleByName,
  findRuleRow,
  insertRule,
  listRuleRows,
  type RuleRow,
  ruleNameTaken,
  syncStanding,
  teamMembers,
  updateRuleRow,
} from "./rule.queries.ts";
import { cronProblem, thresholdCondition, UPDATABLE_FIELDS } from "./rule.rules.ts";

type Issue = { path: string; message: string };

const invalid = (issues: Issue[]) =>
  new AppError("VALIDATION_FAILED", issues.map((i) => `${i.path} ${i.message}`).join("; "), { issues });

export const toRule = (r: RuleRow): Rule => ({
  id: r.id,
  name: r.name,
  description: r.description,
  enabled: r.enabled,
  trigger: r.trigger as RuleTrigger,
  conditions: r.conditions as FilterGroup,
  actions: r.actions as RuleAction[],
  lastRunAt: r.lastRunAt ? new Date(r.lastRunAt).toISOString() : null,
  createdBy: r.createdBy && r.createdByName !== null ? { userId: r.createdBy, name: r.createdByName } : null,
  createdAt: new Date(r.createdAt).toISOString(),
  updatedAt: new Date(r.updatedAt).toISOString(),
});

/** Everything wrong with a rule's trigger, conditions and actions, each at its path, in words. */
async function ruleIssues(
  ctx: Ctx,
  rule: { trigger: RuleTrigger; conditions: FilterGroup; actions: RuleAction[] },
): Promise<Issue[]> {
  const fields = await listSegmentFields(ctx, "account");
  const issues: Issue[] = [...checkFilter(rule.conditions, fields, "conditions")];
  const t = rule.trigger;
  if (t.kind === "schedule") {
    const problem = cronProblem(t.cron);
    if (problem) issues.push({ path: "trigger.cron", message: problem });
  }
  if (t.kind === "segment") {
    const segment = fields.find((f) => f.key === "segment")?.options?.some((o) => o.value === t.segmentId);
    if (!segment)
      issues.push({ path: "trigger.segmentId", message: "is not an account segment of this workspace" });
  }
  if (
    t.kind === "survey_answer" &&
    t.scoreAtLeast !== undefined &&
    t.scoreAtMost !== undefined &&
    t.scoreAtLeast > t.scoreAtMost
  ) {
    issues.push({ path: "trigger.scoreAtLeast", message: "must not be above the highest score" });
  }
  const stages = await workspaceStages(ctx);
  if (t.kind === "stage_change" && t.to && !stages.some((s) => s.key === t.to)) {
    issues.push({ path: "trigger.to", message: "is not a lifecycle stage of this workspace" });
  }
  const custom = new Map(
    (await selectCustomFieldDefs(ctx.db, ctx.workspaceId, "account")).map((d) => [d.key, d] as const),
  );
  for (const [i, a] of rule.actions.entries()) {
    const at = `actions.${i}`;
    const assignee = a.kind === "create_task" || a.kind === "assign_owner" ? a.assignee : null;
    if (assignee?.kind === "user" && !(await findMember(ctx.db, ctx.workspaceId, assignee.userId))) {
      issues.push({ path: `${at}.assignee.userId`, message: "is not a member of this workspace" });
    }
    if (
      assignee?.kind === "round_robin" &&
      (await teamMembers(ctx.db, ctx.workspaceId, assignee.team)).length === 0
    ) {
      issues.push({
        path: `${at}.assignee.team`,
        message: "has no members: set members' team in Settings → Members",
      });
    }
    if (a.kind === "set_stage") {
      const problem = stageProblem(stages, a.stage);
      if (problem) issues.push({ path: `${at}.stage`, message: problem });
    }
    if (a.kind === "start_playbook") {
      const playbook = await findPlaybook(ctx, a.playbookId);
      if (!playbook)
        issues.push({ path: `${at}.playbookId`, message: "is not a playbook of this workspace" });
      else if (playbook.archived) {
        issues.push({
          path: `${at}.playbookId`,
          message: `is archived (${playbook.name}): restore it first`,
        });
      }
    }
    if (a.kind === "update_field") {
      if (a.field.startsWith("custom.")) {
        const def = custom.get(a.field.slice("custom.".length));
        if (!def) issues.push({ path: `${at}.field`, message: "is not a custom field of accounts here" });
        else if (a.value !== null && !fitsCustom(def.type, def.options, a.value)) {
          issues.push({ path: `${at}.value`, message: `does not fit ${def.label} (${def.type})` });
        }
      } else if (!(UPDATABLE_FIELDS as readonly string[]).includes(a.field)) {
        issues.push({
          path: `${at}.field`,
          message: `must be ${UPDATABLE_FIELDS.join(", ")} or a custom field (stage, coverage and owner have their own actions)`,
        });
      } else if (a.value !== null && typeof a.value !== "string") {
        issues.push({ path: `${at}.value`, message: "must be text" });
      }
    }
  }
  return issues;
}

const fitsCustom = (type: string, options: string[] | null, v: string | number | boolean): boolean =>
  type === "number"
    ? typeof v === "number"
    : type === "boolean"
      ? typeof v === "boolean"
      : type === "select"
        ? typeof v === "string" && (options ?? []).includes(v)
        : type === "date"
          ? typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)
          : typeof v === "string";

/**
 * A threshold rule switched on starts from today: the accounts already past its line are recorded
 * without firing, so it fires for accounts that cross from now on (not for all at once).
 */
async function startStanding(ctx: Ctx, rule: RuleRow): Promise<void> {
  await clearStanding(ctx.db, ctx.workspaceId, rule.id);
  const t = rule.trigger as RuleTrigger;
  if (!rule.enabled || t.kind !== "threshold") return;
  const fields = await listSegmentFields(ctx, "account");
  const past = compileFilter(
    ctx.workspaceId,
    "account",
    { match: "all", conditions: [thresholdCondition(t)] },
    fields,
    liveDay(),
  );
  await syncStanding(ctx.db, ctx.workspaceId, rule.id, asStanding(past));
}

/**
 * Records a standing rule's set as it is today without firing: what is already past the line or
 * inside the window counts as handled (a rule that has been running all along).
 */
export async function startFromToday(ctx: Ctx, id: string): Promise<void> {
  const rule = await ruleRow(ctx, id);
  await standingArrivals(ctx, rule, new Date());
}

export async function listRules(ctx: Ctx): Promise<Rule[]> {
  return (await listRuleRows(ctx.db, ctx.workspaceId)).map(toRule);
}

export async function ruleRow(ctx: Ctx, id: string): Promise<RuleRow> {
  const row = await findRuleRow(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound("Rule");
  return row;
}

/** A rule by id or by name (the CLI takes either). */
export async function findRule(ctx: Ctx, idOrName: string): Promise<RuleRow> {
  const byId = /^[0-9a-f-]{36}$/i.test(idOrName)
    ? await findRuleRow(ctx.db, ctx.workspaceId, idOrName)
    : null;
  const row = byId ?? (await findRuleByName(ctx.db, ctx.workspaceId, idOrName));
  if (!row) throw notFound("Rule");
  return row;
}

export async function getRule(ctx: Ctx, id: string): Promise<Rule> {
  return toRule(await ruleRow(ctx, id));
}

export async function createRule(ctx: Ctx, input: RuleCreate): Promise<Rule> {
  const body = ZRuleCreate.parse(input);
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const issues = await ruleIssues(tx, body);
    if (await ruleNameTaken(db, ctx.workspaceId, body.name)) {
      issues.unshift({ path: "name", message: "is already the name of another rule" });
    }
    if (issues.length > 0) throw invalid(issues);
    const id = newId();
    await insertRule(db, {
      workspaceId: ctx.workspaceId,
      id,
      name: body.name,
      description: body.description ?? null,
      enabled: body.enabled,
      trigger: body.trigger,
      conditions: body.conditions,
      actions: body.actions,
      createdBy: actorPerson(ctx.actor),
    });
    const row = await ruleRow(tx, id);
    await startStanding(tx, row);
    return toRule(row);
  });
}

export async function updateRule(ctx: Ctx, id: string, input: RuleUpdate): Promise<Rule> {
  const patch = ZRuleUpdate.parse(input);
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const before = await ruleRow(tx, id);
    const next = {
      trigger: patch.trigger ?? (before.trigger as RuleTrigger),
      conditions: patch.conditions ?? (before.conditions as FilterGroup),
      actions: patch.actions ?? (before.actions as RuleAction[]),
    };
    const issues = await ruleIssues(tx, next);
    if (patch.name !== undefined && (await ruleNameTaken(db, ctx.workspaceId, patch.name, id))) {
      issues.unshift({ path: "name", message: "is already the name of another rule" });
    }
    if (issues.length > 0) throw invalid(issues);
    await updateRuleRow(db, ctx.workspaceId, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      ...(patch.trigger ? { trigger: patch.trigger } : {}),
      ...(patch.conditions ? { conditions: patch.conditions } : {}),
      ...(patch.actions ? { actions: patch.actions } : {}),
    });
    const after = await ruleRow(tx, id);
    const switchedOn = after.enabled && !before.enabled;
    const retriggered =
      patch.trigger !== undefined && JSON.stringify(patch.trigger) !== JSON.stringify(before.trigger);
    if (switchedOn || retriggered || !after.enabled) await startStanding(tx, after);
    return toRule(after);
  });
}

export async function deleteRule(ctx: Ctx, id: string): Promise<void> {
  await withTx(ctx.db, async (db) => {
    await ruleRow({ ...ctx, db }, id);
    await deleteRuleRow(db, ctx.workspaceId, id);
  });
}
