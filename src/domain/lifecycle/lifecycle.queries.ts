import { sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { queryRows } from "../../db/index.ts";

export const stageHistory = (db: Db, workspaceId: string, accountId: string) =>
  queryRows<{
    from: string | null;
    to: string;
    at: Date;
    source: string;
    byId: string | null;
    byName: string | null;
  }>(
    db,
    sql`select c.from_stage as "from", c.to_stage as "to", c.changed_at as "at", c.source,
               c.changed_by as "byId", u.name as "byName"
          from account_stage_changes c left join users u on u.id = c.changed_by
         where c.workspace_id = ${workspaceId} and c.account_id = ${accountId}
         order by c.changed_at, c.id`,
  );

/** The account's contract start (its first subscription's, trials aside) and first outcome achieved. */
export const firstValue = async (db: Db, workspaceId: string, accountId: string) =>
  (
    await queryRows<{
      stage: string;
      createdAt: Date;
      contractStart: string | null;
      outcomeId: string | null;
      outcomeTitle: string | null;
      achievedAt: Date | null;
    }>(
      db,
      sql`select a.lifecycle_stage as stage, a.created_at as "createdAt",
                 (select min(s.start_date)::text from subscriptions s
                   where s.workspace_id = a.workspace_id and s.account_id = a.id and s.status <> 'trial') as "contractStart",
                 o.id as "outcomeId", o.title as "outcomeTitle", o.achieved_at as "achievedAt"
            from accounts a
            left join lateral (
              select o.id, o.title, o.achieved_at from outcomes o
                join contacts c on c.workspace_id = o.workspace_id and c.id = o.contact_id
               where o.workspace_id = a.workspace_id and c.account_id = a.id and o.achieved_at is not null
               order by o.achieved_at limit 1) o on true
           where a.workspace_id = ${workspaceId} and a.id = ${accountId}`,
    )
  )[0] ?? null;

/** The day an account's uses of `event` first added up to `count` (the first-value milestone), or null. */
export const milestoneDay = async (
  db: Db,
  workspaceId: string,
  accountId: string,
  milestone: { event: string; count: number },
): Promise<string | null> =>
  (
    await queryRows<{ day: string }>(
      db,
      sql`select day::text as day from (
            select day, sum(events) over (order by day) as total from usage_account_event_days
             where workspace_id = ${workspaceId} and account_id = ${accountId} and event = ${milestone.event}) d
           where total >= ${milestone.count} order by day limit 1`,
    )
  )[0]?.day ?? null;

/** Accounts' names and stages. */
export const accountStages = (db: Db, workspaceId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : queryRows<{ id: string; name: string; stage: string }>(
        db,
        sql`select id, name, lifecycle_stage as stage from accounts
             where workspace_id = ${workspaceId} and id = any(${sql.param(ids)}::uuid[]) order by name`,
      );

/** Workspaces with a stage that moves accounts on its own (system path). */
export const workspacesWithAutomaticStages = async (db: Db): Promise<string[]> =>
  (
    await queryRows<{ id: string }>(
      db,
      sql`select workspace_id as id from lifecycle_settings
           where exists (select 1 from jsonb_array_elements(stages) s where (s ->> 'automatic')::boolean)`,
    )
  ).map((r) => r.id);
