import { sql } from "drizzle-orm";
import { addDays } from "../../src/common/dates.ts";
import type { TaskPriority, TaskType } from "../../src/contract/tasks.ts";
import { type Database, queryRows } from "../../src/db/index.ts";
import type { Ctx } from "../../src/domain/context.ts";
import { countTasks, type RaisedTask, raiseTasks } from "../../src/domain/tasks/index.ts";
import type { BenchDb } from "./server-process.ts";
import { startServer } from "./server-process.ts";
import { type Timing, timeGets } from "./usage-scale.ts";

/**
 * The inbox of one CSM with `target` open items: what the rules opened for their accounts, topped
 * up with tasks given by their lead through `raiseTasks` (the inbox's one write path, as "New
 * task" uses it) on their accounts, with priorities, types and due dates (some past, some none)
 * varied. Answers how many the rules had opened and how many were added.
 */
export async function fillInbox(
  database: Database,
  ctx: Ctx,
  csm: { id: string },
  leadId: string,
  target: number,
  today: string,
): Promise<{ fromRules: number; added: number; mine: number }> {
  const asCsm: Ctx = { ...ctx, actor: { kind: "user", userId: csm.id, role: "member" } };
  const fromRules = (await countTasks(asCsm)).mine;
  const accounts = await queryRows<{ id: string }>(
    database.db,
    sql`select id from accounts where workspace_id = ${ctx.workspaceId} and owner_id = ${csm.id} order by id`,
  );
  const priorities: TaskPriority[] = ["low", "medium", "high", "urgent"];
  const types: TaskType[] = ["risk", "opportunity", "lifecycle", "activity"];
  const items: RaisedTask[] = Array.from({ length: Math.max(0, target - fromRules) }, (_, i) => ({
    accountId: accounts[i % accounts.length]?.id as string,
    kind: "task",
    type: types[i % types.length] as TaskType,
    title: `Follow-up ${i + 1}`,
    priority: priorities[(i * 7) % priorities.length] as TaskPriority,
    ownerId: csm.id,
    dueDate: i % 5 === 0 ? null : addDays(today, (i % 60) - 10),
    reason: { kind: "manual", text: "Created by CS Lead", data: { userId: leadId } },
    reasonKey: `manual:bench-${i}`,
  }));
  const asLead: Ctx = { ...ctx, actor: { kind: "user", userId: leadId, role: "manager" } };
  for (let i = 0; i < items.length; i += 500) await raiseTasks(asLead, items.slice(i, i + 500));
  return { fromRules, added: items.length, mine: (await countTasks(asCsm)).mine };
}

export type InboxTiming = { list: Timing; byPriority: Timing; counts: Timing };

/**
 * The inbox's reads over HTTP on a started server, one request at a time, with the CSM's API key:
 * the first page of "mine" (due date first, the inbox's default), the same by priority, and the
 * counts of the tabs. `warmup` requests of each first, then `requests` of each measured.
 */
export async function timeInbox(
  fresh: BenchDb,
  port: number,
  apiKey: string,
  o: { requests: number; warmup: number; expectMine: number },
): Promise<InboxTiming> {
  // No job runner: a scheduled rules pass or escalation landing in the timing would measure that.
  const server = await startServer(
    { ...fresh.env, API_RATE_LIMIT: "100000000", STEWARD_WORKER: "false" },
    port,
  );
  try {
    const headers = { authorization: `Bearer ${apiKey}` };
    const page = (body: unknown) => {
      const n = (body as { data?: unknown[] }).data?.length;
      if (n !== 50) throw new Error(`the inbox page holds ${n} items, not 50`);
    };
    const counted = (body: unknown) => {
      const mine = (body as { mine?: number }).mine;
      if (mine !== o.expectMine) throw new Error(`the inbox counts ${mine} items, not ${o.expectMine}`);
    };
    const paths = {
      list: "/api/v1/tasks?view=mine",
      byPriority: "/api/v1/tasks?view=mine&sort=priority",
      counts: "/api/v1/tasks/counts",
    };
    const run = (path: string, check: (b: unknown) => void, n: number) =>
      timeGets(server.url, headers, Array(n).fill(path), check);
    await run(paths.list, page, o.warmup);
    await run(paths.byPriority, page, o.warmup);
    await run(paths.counts, counted, o.warmup);
    return {
      list: await run(paths.list, page, o.requests),
      byPriority: await run(paths.byPriority, page, o.requests),
      counts: await run(paths.counts, counted, o.requests),
    };
  } finally {
    await server.stop();
  }
}
