import { type SQL, sql } from "drizzle-orm";
import type { EventQuery } from "../../contract/index.ts";
import type { Db } from "../../db/index.ts";
import { queryRows } from "../../db/index.ts";
import { afterCursor, type SortKey, toPage } from "../kernel/pagination.queries.ts";

type EventRowOut = {
  id: string;
  message_id: string;
  type: string;
  event: string | null;
  ts: Date;
  received_at: Date;
  source_id: string | null;
  source_name: string | null;
  account_id: string | null;
  account_name: string | null;
  contact_id: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  group_id: string | null;
  parked: boolean;
  quantity: number;
  properties: Record<string, unknown> | null;
  context: Record<string, unknown> | null;
  sortKey: string;
};

/** Recent raw events, newest first, by event time or by arrival. */
export async function pageEvents(db: Db, workspaceId: string, q: EventQuery) {
  const column = q.order === "received" ? sql`e.received_at` : sql`e.ts`;
  const key: SortKey = { expr: column, type: "timestamptz", desc: true };
  const filters: SQL[] = [sql`e.workspace_id = ${workspaceId}`];
  if (q.account) filters.push(sql`e.account_id = ${q.account}`);
  if (q.contact) filters.push(sql`e.contact_id = ${q.contact}`);
  if (q.source) filters.push(sql`e.source_id = ${q.source}`);
  if (q.event) filters.push(sql`e.event = ${q.event}`);
  if (q.type?.length) filters.push(sql`e.type = any(${sql.param(q.type)}::text[])`);
  if (q.receivedAfter) filters.push(sql`e.received_at > ${q.receivedAfter}::timestamptz`);
  const after = afterCursor(key, sql`e.id`, q.cursor);
  if (after) filters.push(after);
  const rows = await queryRows<EventRowOut>(
    db,
    sql`
    select e.id, e.message_id, e.type, e.event, e.ts, e.received_at, e.source_id, s.name as source_name,
      e.account_id, a.name as account_name, e.contact_id, c.first_name, c.last_name, c.email,
      e.user_id, e.anonymous_id, e.group_id, e.parked, e.quantity, e.properties, e.context,
      (${column})::text as "sortKey"
    from usage_events e
    left join event_sources s on s.workspace_id = e.workspace_id and s.id = e.source_id
    left join accounts a on a.workspace_id = e.workspace_id and a.id = e.account_id
    left join contacts c on c.workspace_id = e.workspace_id and c.id = e.contact_id
    where ${sql.join(filters, sql` and `)}
    order by ${column} desc, e.id desc
    limit ${q.limit + 1}`,
  );
  return toPage(rows, q.limit);
}
