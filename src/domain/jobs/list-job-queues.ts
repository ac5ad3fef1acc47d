import type { JobQueue } from "../../contract/index.ts";
import type { Ctx } from "../context.ts";
import { countJobsByQueue, jobTablesExist } from "./job.queries.ts";
import type { JobKind } from "./job.rules.ts";

/** Every kind of job the runner defines, with the workspace's jobs of that kind counted by state. */
export async function listJobQueues(ctx: Ctx, kinds: readonly JobKind[]): Promise<{ data: JobQueue[] }> {
  const names = kinds.map((k) => k.name);
  const counts = (await jobTablesExist(ctx.db)) ? await countJobsByQueue(ctx.db, ctx.workspaceId, names) : [];
  const byName = new Map(counts.map((c) => [c.name, c]));
  return {
    data: kinds.map((k) => {
      const c = byName.get(k.name);
      return {
        name: k.name,
        description: k.description,
        schedule: k.schedule,
        waiting: c?.waiting ?? 0,
        active: c?.active ?? 0,
        failed: c?.failed ?? 0,
        completedLast24h: c?.completed ?? 0,
      };
    }),
  };
}
