import { addDays, daysBetween } from "../../common/dates.ts";
import type { Ctx } from "../context.ts";
import { listPlaybooks, startPlaybooks } from "../playbooks/index.ts";
import { onboardingStarts, pastRenewalStarts, workDemoPlaybookSteps } from "./demo.queries.ts";
import { USAGE_FIRST_OFFSET } from "./plan-usage.ts";

/** The share of renewals the demo's renewal rule holds out of its playbook, to measure it. */
export const DEMO_RENEWAL_HOLD_OUT = 20;
/** How far ahead of a renewal the rule starts the renewal playbook. */
export const DEMO_RENEWAL_DAYS = 120;
/** Onboarding started longer ago than this is over: the playbook is started only for newer customers. */
const ONBOARDING_RECENT_DAYS = 90;

const at7 = (day: string) => new Date(`${day}T07:00:00Z`);

export async function playbookIdsByKey(ctx: Ctx): Promise<Map<string, string>> {
  return new Map((await listPlaybooks(ctx)).data.flatMap((p) => (p.key ? [[p.key, p.id] as const] : [])));
}

/**
 * What the renewal rule did while it was switched on: on each past day a renewal came within 120
 * days, it started the renewal playbook — or held the account out, one in five by its seeded hash —
 * through the playbooks' own write path, on the day. The history starts with the health history, so
 * the report can compare health 90 days on; the steps were then worked around their due days.
 */
export async function addRenewalPlaybookHistory(
  ctx: Ctx,
  rule: { id: string; name: string },
  playbookId: string,
  today: string,
): Promise<number> {
  const starts = await pastRenewalStarts(
    ctx.db,
    ctx.workspaceId,
    DEMO_RENEWAL_DAYS,
    addDays(today, USAGE_FIRST_OFFSET + 1),
    addDays(today, -1),
  );
  const byDay = new Map<string, { accountId: string; renewal: string }[]>();
  for (const s of starts) byDay.set(s.day, [...(byDay.get(s.day) ?? []), s]);
  let runs = 0;
  for (const day of [...byDay.keys()].sort()) {
    const due = byDay.get(day) ?? [];
    const started = await startPlaybooks(
      ctx,
      playbookId,
      due.map((d) => d.accountId),
      {
        rule: { ...rule, holdOutPercent: DEMO_RENEWAL_HOLD_OUT },
        why: new Map(
          due.map((d) => [d.accountId, `the renewal on ${d.renewal} is ${DEMO_RENEWAL_DAYS} days away`]),
        ),
        now: at7(day),
      },
    );
    runs += started.filter((s) => s.runId).length;
  }
  await workDemoPlaybookSteps(ctx.db, ctx.workspaceId, today);
  return runs;
}

/**
 * The CSMs applied the onboarding playbook by hand to their newest customers on the day the first
 * subscription started; steps past their due days were worked.
 */
export async function addOnboardingPlaybooks(ctx: Ctx, playbookId: string, today: string): Promise<number> {
  let runs = 0;
  for (const s of await onboardingStarts(ctx.db, ctx.workspaceId)) {
    if (!s.ownerId || daysBetween(s.day, today) > ONBOARDING_RECENT_DAYS || s.day > today) continue;
    const owner: Ctx = { ...ctx, actor: { kind: "user", userId: s.ownerId, role: "member" } };
    const started = await startPlaybooks(owner, playbookId, [s.accountId], { now: at7(s.day) });
    runs += started.filter((r) => r.runId).length;
  }
  await workDemoPlaybookSteps(ctx.db, ctx.workspaceId, today);
  return runs;
}
