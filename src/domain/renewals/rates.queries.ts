import { sql } from "drizzle-orm";
import { queryRows } from "../../db/index.ts";
import type { Db } from "../../db/transaction.ts";

/** The workspace's account segments with their members at the last refresh. */
export const accountSegmentMembers = (db: Db, workspaceId: string) =>
  queryRows<{ segmentId: string; name: string; accountId: string | null }>(
    db,
    sql`select s.id as "segmentId", s.name, m.entity_id as "accountId"
          from segments s
          left join segment_members m
            on m.workspace_id = s.workspace_id and m.segment_id = s.id and m.left_at is null
         where s.workspace_id = ${workspaceId} and s.entity = 'account'
         order by lower(s.name), s.id`,
  );

/**
 * Each account's month-end MRR before the period's first month and at its last month, from the
 * movements, in its own currency (an account's currencies are added as they are: accounts pay in
 * one currency, and a growth test needs no rate).
 */
export const mrrAtStartAndEnd = (db: Db, workspaceId: string, firstMonth: string, lastMonth: string) =>
  queryRows<{ accountId: string; startMinor: number; endMinor: number }>(
    db,
    sql`select account_id as "accountId",
               coalesce(sum(delta_minor) filter (where month < ${firstMonth}::date), 0)::float8 as "startMinor",
               sum(delta_minor)::float8 as "endMinor"
          from mrr_movements
         where workspace_id = ${workspaceId} and month <= ${lastMonth}::date
         group by account_id`,
  );
