import { addDays, utcToday } from "../../common/dates.ts";
import { AppError } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import { PLAYBOOK_FOLLOW_DAYS, type PlaybookRunDetail, type PlaybookStep } from "../../contract/playbooks.ts";
import type { TaskType } from "../../contract/tasks.ts";
import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { actorPerson } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { type RaisedTask, raiseTasks } from "../tasks/index.ts";
import { recordTimeline } from "../timeline/index.ts";
import { getPlaybookRun } from "./find-runs.ts";
import { playbookRow } from "./manage-playbooks.ts";
import {
  accountNames,
  busyAccounts,
  insertRuns,
  type NewRunRow,
  personName,
  teamByRole,
} from "./playbook.queries.ts";
import { heldOut, stepReasonKey, stepReasonText } from "./playbook.rules.ts";

/** What starting a playbook did for one account. */
export type StartOutcome = {
  accountId: string;
  runId: string | null;
  result: "started" | "held_out" | "already_running" | "held_out_recently" | "archived";
  /** The steps' tasks opened (a started run). */
  tasks: number;
};

export type StartOptions = {
  /** The rule starting it, with the share it holds out; absent when a person starts it. */
  rule?: { id: string; name: string; holdOutPercent: number };
  /** Why, per account (the rule's reason for it); otherwise who started it. */
  why?: Map<string, string>;
  now?: Date;
};

/**
 * The one write path for playbook runs, set-based: for each account without this playbook running
 * (and, for a rule, not held out of it in the last 90 days), a run — held out when the rule's
 * seeded hash says so, otherwise with a task per step, due by its offset and owned through the
 * account team (the role's earliest member, else the account's owner). Recorded on the timeline
 * and as `playbook.started` events.
 */
export async function startPlaybooks(
  ctx: Ctx,
  playbookId: string,
  accountIds: string[],
  options: StartOptions = {},
): Promise<StartOutcome[]> {
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return [];
  const now = options.now ?? new Date();
  const playbook = await playbookRow(ctx, playbookId);
  if (playbook.archivedAt)
    return ids.map((accountId) => ({ accountId, runId: null, result: "archived", tasks: 0 }));
  const rule = options.rule;
  const busy = await busyAccounts(
    ctx.db,
    ctx.workspaceId,
    playbookId,
    ids,
    rule ? new Date(now.getTime() - PLAYBOOK_FOLLOW_DAYS * 86_400_000) : null,
  );
  const steps = playbook.steps as PlaybookStep[];
  const starter = rule
    ? `by rule "${rule.name}"`
    : `by ${(actorPerson(ctx.actor) && (await personName(ctx.db, actorPerson(ctx.actor) as string))) || "Steward"}`;
  const outcomes: StartOutcome[] = [];
  const runs: NewRunRow[] = [];
  for (const accountId of ids) {
    const b = busy.get(accountId);
    if (b) {
      const result = b.status === "active" ? "already_running" : "held_out_recently";
      outcomes.push({ accountId, runId: null, result, tasks: 0 });
      continue;
    }
    const out = rule ? heldOut(rule.id, accountId, rule.holdOutPercent) : false;
    const runId = newId();
    const why = options.why?.get(accountId);
    runs.push({
      workspaceId: ctx.workspaceId,
      id: runId,
      playbookId,
      accountId,
      ruleId: rule?.id ?? null,
      ruleName: rule?.name ?? null,
      heldOut: out,
      holdOutPercent: rule?.holdOutPercent ?? 0,
      status: out ? "held_out" : "active",
      reason: why ? `Started ${starter}: ${why}` : `Started ${starter}`,
      startedBy: actorPerson(ctx.actor),
      startedAt: now,
    });
    outcomes.push({ accountId, runId, result: out ? "held_out" : "started", tasks: out ? 0 : steps.length });
  }
  if (runs.length === 0) return outcomes;

  const treated = runs.filter((r) => !r.heldOut);
  const team = await teamByRole(
    ctx.db,
    ctx.workspaceId,
    treated.map((r) => r.accountId),
  );
  const holder = new Map<string, string>();
  for (const m of team) {
    const key = `${m.accountId}|${m.teamRole}`;
    if (!holder.has(key)) holder.set(key, m.userId);
  }
  const today = utcToday(now);
  const items: RaisedTask[] = treated.flatMap((run) =>
    steps.map((s, i) => {
      const member =
        s.ownerRole === "account_owner" ? undefined : holder.get(`${run.accountId}|${s.ownerRole}`);
      return {
        accountId: run.accountId,
        kind: "task" as const,
        type: playbook.type as TaskType,
        title: s.title,
        description: s.description,
        priority: s.priority,
        // No one in the role on the account team: the account's owner takes the step.
        ...(member ? { ownerId: member } : {}),
        dueDate: addDays(today, s.dueInDays),
        reason: {
          kind: "playbook" as const,
          ...(rule ? { ruleId: rule.id } : {}),
          text: `${stepReasonText(playbook.name, i, steps.length, starter)}${options.why?.get(run.accountId) ? `: ${options.why.get(run.accountId)}` : ""}`,
          data: {
            playbookId,
            playbookName: playbook.name,
            runId: run.id,
            step: i + 1,
            steps: steps.length,
            ownerRole: s.ownerRole,
            ownerFrom: member ? "account_team" : "account_owner",
          },
        },
        reasonKey: stepReasonKey(run.id, i),
        playbookRunId: run.id,
        playbookStep: i,
      };
    }),
  );

  const inserted = await withTx(ctx.db, async (db) => {
    const tx: Ctx = { ...ctx, db };
    const inserted = await insertRuns(db, runs);
    const written = runs.filter((r) => inserted.has(r.id));
    await raiseTasks(
      tx,
      items.filter((i) => inserted.has(i.playbookRunId as string)),
      now,
    );
    await recordTimeline(
      tx,
      written.map((r) => ({
        accountId: r.accountId,
        kind: "playbook" as const,
        title: r.heldOut
          ? `Held out of the ${playbook.name} playbook by rule "${rule?.name}", to measure its effect`
          : `Playbook started: ${playbook.name} (${steps.length} step${steps.length === 1 ? "" : "s"})`,
        body: r.reason,
        occurredAt: now,
      })),
    );
    await recordEvents(
      tx,
      written.map((r) => ({
        type: "playbook.started" as const,
        data: { accountId: r.accountId, playbookId, runId: r.id, ruleId: r.ruleId, heldOut: r.heldOut },
      })),
    );
    return inserted;
  });
  // A run started elsewhere in the same moment won: this account has the playbook running already.
  return outcomes.map((o) =>
    o.runId && !inserted.has(o.runId) ? { ...o, runId: null, result: "already_running", tasks: 0 } : o,
  );
}

/** A person applies a playbook to one account: refused while it runs there. */
export async function startPlaybook(
  ctx: Ctx,
  playbookId: string,
  accountId: string,
): Promise<PlaybookRunDetail> {
  const playbook = await playbookRow(ctx, playbookId);
  const [account] = await accountNames(ctx.db, ctx.workspaceId, [accountId]);
  if (!account) {
    throw new AppError("VALIDATION_FAILED", "accountId is not an account of this workspace", {
      issues: [{ path: "accountId", message: "is not an account of this workspace" }],
    });
  }
  if (playbook.archivedAt) {
    throw new AppError("CONFLICT", `The ${playbook.name} playbook is archived: restore it to start it`);
  }
  const [outcome] = await startPlaybooks(ctx, playbookId, [accountId]);
  if (!outcome?.runId) {
    throw new AppError("CONFLICT", `The ${playbook.name} playbook is already running on ${account.name}`);
  }
  return getPlaybookRun(ctx, outcome.runId);
}
