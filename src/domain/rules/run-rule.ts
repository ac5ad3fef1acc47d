import { addDays, utcToday } from "../../common/dates.ts";
import { newId } from "../../common/ids.ts";
import { mailConfigFromEnv } from "../../common/mail-config.ts";
import type { RuleAction, RuleMatch, RuleRun, RuleTrigger } from "../../contract/rules.ts";
import type { FilterGroup, SegmentField } from "../../contract/segments.ts";
import { type Db, withTx } from "../../db/transaction.ts";
import { type AccountUpsertRow, stageProblem, upsertAccounts, workspaceStages } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import { queueMail } from "../mail/index.ts";
import { listPlaybooks, type StartOutcome, startPlaybooks } from "../playbooks/index.ts";
import { compileFilter, listSegmentFields, liveDay } from "../segments/index.ts";
import { type RaisedTask, raiseTasks } from "../tasks/index.ts";
import { recordTimeline } from "../timeline/index.ts";
import {
  type AccountFacts,
  accountFacts,
  insertRun,
  keyPlayersToEmail,
  markRuleRun,
  type RuleRow,
  selectMatching,
  teamMembers,
} from "./rule.queries.ts";
import {
  effectiveConditions,
  fillTemplate,
  LOGGED_MATCHES,
  plannedWords,
  roundRobin,
  taskReasonKey,
  triggerWords,
  whyText,
} from "./rule.rules.ts";

export type RunCause = "event" | "schedule" | "evaluation" | "manual";

export type RunOptions = {
  cause: RunCause;
  /** The accounts the trigger fired for; null: every account (a schedule, a manual run). */
  accountIds: string[] | null;
  /** The trigger's own test of the accounts, made with the conditions (see `candidates`). */
  within?: FilterGroup;
  /** The workspace's segment fields, when the caller has read them already. */
  fields?: SegmentField[];
  dryRun?: boolean;
  now?: Date;
};

export type RunResult = {
  runId: string | null;
  matched: number;
  matches: RuleMatch[];
  error: string | null;
  /** The run as logged (its matches up to LOGGED_MATCHES); null when nothing was logged. */
  run: (RuleRun & { matches: RuleMatch[] }) | null;
};

type Matched = { id: string; name: string; why: string; values: Record<string, unknown> };
type Results = Map<string, RuleMatch["actions"]>;
/** What a rule keeps between runs: round-robin turns per team, and when its schedule last ran. */
type RuleState = { turns?: Record<string, number>; scheduledAt?: string };

/**
 * Runs one rule for the accounts its trigger fired for: its conditions select, set-based in one
 * statement, the accounts that fit (with the values that made them fit); each action then acts on
 * all of them at once; the run is logged with every account, why it matched and what each action
 * did. A dry run stops before acting and says what each action would do. Actions run as the rule
 * (`ruleId` on their events), so rules never react to what rules do.
 */
export async function runRule(ctx: Ctx, rule: RuleRow, options: RunOptions): Promise<RunResult> {
  const now = options.now ?? new Date();
  const startedAt = new Date();
  const trigger = rule.trigger as RuleTrigger;
  const fired = options.cause === "event" || options.cause === "evaluation";
  const noAccounts = options.accountIds !== null && options.accountIds.length === 0;
  if (noAccounts && fired) return { runId: null, matched: 0, matches: [], error: null, run: null };
  const fields = options.fields ?? (await listSegmentFields(ctx, "account"));
  // A run asked for (by hand, by schedule) with no account to look at is still logged, as none.
  const matched = noAccounts ? [] : await matching(ctx, rule, trigger, fields, options, now);
  const actions = rule.actions as RuleAction[];
  if (options.dryRun) {
    const playbooks = actions.some((a) => a.kind === "start_playbook")
      ? new Map((await listPlaybooks(ctx, "all")).data.map((p) => [p.id, p.name]))
      : new Map<string, string>();
    const words = (a: RuleAction) =>
      plannedWords(a, a.kind === "start_playbook" ? (playbooks.get(a.playbookId) ?? "deleted") : undefined);
    return {
      runId: null,
      matched: matched.length,
      matches: matched.map((m) => ({
        account: { id: m.id, name: m.name },
        why: m.why,
        values: m.values,
        actions: actions.map((a) => ({ kind: a.kind, text: words(a) })),
      })),
      error: null,
      run: null,
    };
  }
  let error: string | null = null;
  const results: Results = new Map(matched.map((m) => [m.id, []]));
  const state = { ...(rule.state as RuleState) };
  const runId = newId();
  const log = (db: Db, status: "succeeded" | "failed") =>
    logRun(
      { ...ctx, db },
      rule,
      { runId, cause: options.cause, status, matched, results, error, startedAt, now },
      state,
    );
  let logged: RunResult["run"] = null;
  if (matched.length > 0) {
    try {
      await withTx(ctx.db, async (db) => {
        const actx: Ctx = {
          ...ctx,
          db,
          actor: { kind: "system", label: `rule ${rule.name}`, ruleId: rule.id },
        };
        // Only the actions that change or read the account itself need its facts; items for
        // the owner read the owner as they are written.
        const facts = new Map(
          actions.some((a) => a.kind !== "create_task" && a.kind !== "start_playbook")
            ? (
                await accountFacts(
                  db,
                  ctx.workspaceId,
                  matched.map((m) => m.id),
                )
              ).map((f) => [f.id, f])
            : [],
        );
        for (const [index, action] of actions.entries()) {
          await act(actx, { rule, action, index, matched, facts, results, state, now });
        }
        // Logged in the actions' transaction: one commit per run, and no run whose work is
        // not there (or work without its run).
        logged = await log(db, "succeeded");
      });
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      logged = null;
    }
  }
  const matches = matchesOf(matched, results, error);
  // A firing whose accounts all fell outside the conditions did nothing: the log keeps what rules
  // did, not every event they looked at. Runs asked for (by hand, by schedule) are always logged.
  if (matched.length === 0 && fired) {
    return { runId: null, matched: 0, matches: [], error: null, run: null };
  }
  // A failed run (its work rolled back) and a run with nothing to act on are logged on their own.
  if (!logged) logged = await log(ctx.db, error ? "failed" : "succeeded");
  return { runId, matched: matched.length, matches, error, run: logged };
}

type Logged = {
  runId: string;
  cause: RunCause;
  status: "succeeded" | "failed";
  matched: Matched[];
  results: Results;
  error: string | null;
  startedAt: Date;
  now: Date;
};

const matchesOf = (matched: Matched[], results: Results, error: string | null): RuleMatch[] =>
  matched.map((m) => ({
    account: { id: m.id, name: m.name },
    why: m.why,
    values: m.values,
    actions: error ? [] : (results.get(m.id) ?? []),
  }));

/** Writes the run to the log and notes it on the rule (a failed run keeps the rule's state). */
async function logRun(ctx: Ctx, rule: RuleRow, l: Logged, state: RuleState): Promise<RunResult["run"]> {
  const finishedAt = new Date();
  const matches = matchesOf(l.matched, l.results, l.error).slice(0, LOGGED_MATCHES);
  const row = {
    id: l.runId,
    ruleId: rule.id,
    cause: l.cause,
    status: l.status,
    matched: l.matched.length,
    error: l.error,
  };
  await insertRun(ctx.db, {
    ...row,
    workspaceId: ctx.workspaceId,
    matches,
    startedAt: l.startedAt,
    finishedAt,
  });
  await markRuleRun(ctx.db, ctx.workspaceId, rule.id, l.error ? rule.state : state, l.now);
  return {
    ...row,
    startedAt: l.startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    matches,
  };
}

/** The accounts that fit the rule's conditions (and its trigger's own test), with why. */
async function matching(
  ctx: Ctx,
  rule: RuleRow,
  trigger: RuleTrigger,
  fields: SegmentField[],
  options: RunOptions,
  now: Date,
): Promise<Matched[]> {
  const conditions = effectiveConditions(trigger, rule.conditions as FilterGroup);
  const select = compileFilter(ctx.workspaceId, "account", conditions, fields, liveDay(now), {
    values: true,
    ...(options.accountIds ? { ids: options.accountIds } : {}),
    ...(options.within ? { also: options.within } : {}),
  });
  const rows = await selectMatching(ctx.db, select);
  const labels = new Map(fields.map((f) => [f.key, f.label]));
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const segmentName = trigger.kind === "segment" ? labelOfSegment(fields, trigger.segmentId) : undefined;
  const fired = triggerWords(trigger, labels, segmentName);
  return rows
    .map((r) => {
      const values = (typeof r.values === "string" ? JSON.parse(r.values) : r.values) as Record<
        string,
        unknown
      >;
      return { id: r.id, name: r.name, values, why: whyText(fired, values, byKey) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

const labelOfSegment = (fields: SegmentField[], id: string) =>
  fields.find((f) => f.key === "segment")?.options?.find((o) => o.value === id)?.label;

type ActInput = {
  rule: RuleRow;
  action: RuleAction;
  index: number;
  matched: Matched[];
  facts: Map<string, AccountFacts>;
  results: Results;
  state: RuleState;
  now: Date;
};

const note = (results: Results, accountId: string, r: RuleMatch["actions"][number]) =>
  results.get(accountId)?.push(r);

/** Owners for these accounts by the assignee: the account's, one member, or a team in turn. */
async function assignees(
  ctx: Ctx,
  assignee: Extract<RuleAction, { kind: "assign_owner" }>["assignee"],
  accounts: Matched[],
  facts: Map<string, AccountFacts>,
  state: RuleState,
): Promise<Map<string, string | null>> {
  if (assignee.kind === "account_owner") {
    return new Map(accounts.map((a) => [a.id, facts.get(a.id)?.ownerId ?? null]));
  }
  if (assignee.kind === "user") return new Map(accounts.map((a) => [a.id, assignee.userId]));
  const members = await teamMembers(ctx.db, ctx.workspaceId, assignee.team);
  const turns = { ...(state.turns ?? {}) };
  const { picks, next } = roundRobin(members, turns[assignee.team.toLowerCase()] ?? 0, accounts.length);
  turns[assignee.team.toLowerCase()] = next;
  state.turns = turns;
  return new Map(accounts.map((a, i) => [a.id, picks[i] ?? null]));
}

async function act(ctx: Ctx, input: ActInput): Promise<void> {
  const { rule, action, index, matched, facts, results, state, now } = input;
  switch (action.kind) {
    case "create_task": {
      // The account's owner is read as the items are written (raiseTasks).
      const owners =
        action.assignee.kind === "account_owner"
          ? null
          : await assignees(ctx, action.assignee, matched, facts, state);
      const due = action.dueInDays !== undefined ? addDays(utcToday(now), action.dueInDays) : undefined;
      const items: RaisedTask[] = matched.map((m) => ({
        accountId: m.id,
        kind: action.taskKind,
        type: action.type,
        title: action.title,
        description: action.description ?? null,
        priority: action.priority,
        ...(owners ? { ownerId: owners.get(m.id) ?? null } : {}),
        ...(due !== undefined ? { dueDate: due } : {}),
        reason: {
          kind: "rule",
          ruleId: rule.id,
          text: `Rule "${rule.name}": ${m.why}`,
          data: { trigger: rule.trigger, values: m.values },
        },
        reasonKey: taskReasonKey(rule.id, index),
      }));
      const raised = await raiseTasks(ctx, items, now);
      for (const r of raised.items) {
        note(results, r.accountId, {
          kind: action.kind,
          text: r.created
            ? `opened: ${action.title}`
            : `already open: ${action.title} (counted another occurrence)`,
          taskId: r.taskId,
        });
      }
      return;
    }
    case "send_email": {
      const config = mailConfigFromEnv();
      const messages =
        action.to === "account_owner"
          ? matched.flatMap((m) => {
              const f = facts.get(m.id);
              if (!f?.ownerEmail) {
                note(results, m.id, { kind: action.kind, text: "no email: the account has no owner" });
                return [];
              }
              const values = {
                account: f.name,
                firstName: (f.ownerName ?? "").split(" ")[0] ?? "",
                owner: f.ownerName ?? "",
              };
              note(results, m.id, { kind: action.kind, text: `emailed ${f.ownerName}` });
              return [{ accountId: m.id, to: f.ownerEmail, name: f.ownerName, values }];
            })
          : (
              await keyPlayersToEmail(
                ctx.db,
                ctx.workspaceId,
                matched.map((m) => m.id),
              )
            ).map((p) => {
              const f = facts.get(p.accountId);
              note(results, p.accountId, { kind: action.kind, text: `emailed ${p.email}` });
              return {
                accountId: p.accountId,
                to: p.email,
                name: [p.firstName, p.lastName].filter(Boolean).join(" ") || null,
                values: { account: f?.name ?? "", firstName: p.firstName ?? "", owner: f?.ownerName ?? "" },
              };
            });
      await queueMail(
        ctx,
        config,
        messages.map((m) => ({
          id: newId(),
          purpose: "rule",
          subjectId: rule.id,
          toAddress: m.to,
          toName: m.name,
          subject: fillTemplate(action.subject, m.values),
          textBody: fillTemplate(action.text, m.values),
          htmlBody: null,
        })),
      );
      return;
    }
    case "start_playbook": {
      const started = await startPlaybooks(
        ctx,
        action.playbookId,
        matched.map((m) => m.id),
        {
          rule: { id: rule.id, name: rule.name, holdOutPercent: action.holdOutPercent },
          why: new Map(matched.map((m) => [m.id, m.why])),
          now,
        },
      );
      for (const s of started) note(results, s.accountId, { kind: action.kind, text: startedWords(s) });
      return;
    }
    case "update_field":
    case "set_stage":
    case "set_coverage":
    case "assign_owner": {
      // A stage the workspace hid or dropped since the rule was saved: said on every account, not failed.
      if (action.kind === "set_stage") {
        const problem = stageProblem(await workspaceStages(ctx), action.stage);
        if (problem) {
          const text = `not moved: stage "${action.stage}" ${problem}`;
          for (const m of matched) note(results, m.id, { kind: action.kind, text });
          return;
        }
      }
      const owners =
        action.kind === "assign_owner" ? await assignees(ctx, action.assignee, matched, facts, state) : null;
      const rows: AccountUpsertRow[] = [];
      const timeline: { accountId: string; kind: "account"; title: string }[] = [];
      for (const m of matched) {
        const f = facts.get(m.id);
        if (!f) continue;
        const kept = handSet(action, f);
        if (kept) {
          note(results, m.id, { kind: action.kind, text: kept });
          continue;
        }
        const change = fieldChange(action, f, owners?.get(m.id) ?? null);
        if (!change) {
          note(results, m.id, { kind: action.kind, text: "no change: already so" });
          continue;
        }
        rows.push({ id: m.id, externalId: null, input: change.input });
        timeline.push({ accountId: m.id, kind: "account", title: `Rule "${rule.name}": ${change.words}` });
        note(results, m.id, { kind: action.kind, text: change.words });
      }
      if (rows.length > 0) {
        await upsertAccounts(ctx, rows, "rule");
        await recordTimeline(ctx, timeline);
      }
      return;
    }
  }
}

/** What starting a playbook did on one account, for the run log. */
const startedWords = (s: StartOutcome): string =>
  ({
    started: `started the playbook (${s.tasks} task${s.tasks === 1 ? "" : "s"})`,
    held_out: "held out of the playbook at random, to measure its effect (no tasks)",
    already_running: "the playbook is already running here: nothing started",
    held_out_recently: "held out of the playbook in the last 90 days and still followed: nothing started",
    archived: "the playbook is archived: nothing started",
  })[s.result];

/** A person's setting a rule leaves alone, in the run log's words; null when the rule may set it. */
function handSet(
  action: Extract<RuleAction, { kind: "update_field" | "set_stage" | "set_coverage" | "assign_owner" }>,
  f: AccountFacts,
): string | null {
  if (action.kind === "set_coverage" && f.coverage !== null && f.coverageSource === "hand") {
    return `kept: coverage ${f.coverage} was set by hand`;
  }
  if (action.kind === "assign_owner" && f.ownerId !== null && f.ownerSource === "hand") {
    return `kept: ${f.ownerName ?? "the owner"} was assigned by hand`;
  }
  if (
    action.kind === "update_field" &&
    action.field === "tier" &&
    f.tier !== null &&
    f.tierSource === "hand"
  ) {
    return `kept: tier ${f.tier} was set by hand`;
  }
  return null;
}

/** What an account-changing action sets on one account; null when it is already so. */
function fieldChange(
  action: Extract<RuleAction, { kind: "update_field" | "set_stage" | "set_coverage" | "assign_owner" }>,
  f: AccountFacts,
  owner: string | null,
): { input: AccountUpsertRow["input"]; words: string } | null {
  switch (action.kind) {
    case "set_stage":
      return f.lifecycleStage === action.stage
        ? null
        : { input: { lifecycleStage: action.stage }, words: `stage ${f.lifecycleStage} → ${action.stage}` };
    case "set_coverage":
      return f.coverage === action.coverage
        ? null
        : {
            input: { coverage: action.coverage },
            words: `coverage ${f.coverage ?? "none"} → ${action.coverage}`,
          };
    case "assign_owner":
      return !owner || f.ownerId === owner ? null : { input: { ownerId: owner }, words: "owner assigned" };
    case "update_field": {
      if (action.field.startsWith("custom.")) {
        const key = action.field.slice("custom.".length);
        if (f.customFields[key] === action.value) return null;
        return {
          input: {
            customFields: {
              ...(f.customFields as Record<string, string | number | boolean | null>),
              [key]: action.value,
            },
          },
          words: `${key} → ${String(action.value)}`,
        };
      }
      const field = action.field as "tier" | "industry" | "region" | "country";
      if (f[field] === action.value) return null;
      return { input: { [field]: action.value }, words: `${field} → ${String(action.value)}` };
    }
  }
}
