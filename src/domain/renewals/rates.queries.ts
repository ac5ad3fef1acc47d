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
