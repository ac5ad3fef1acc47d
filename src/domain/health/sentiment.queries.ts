import { sql } from "drizzle-orm";
import type { Sentiment } from "../../contract/health.ts";
import type { Db } from "../../db/index.ts";
import { queryRows } from "../../db/index.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";

export type SentimentRow = Omit<Sentiment, "createdAt"> & { createdAt: Date | string; sortKey: string };

const COLUMNS = sql`r.id, r.account_id as "accountId", r.rating::int as rating, r.reasons, r.comment,
    r.author_id as "authorId", u.name as "authorName", r.created_at as "createdAt"`;
const FROM = sql`sentiment_ratings r left join users u on u.id = r.author_id`;

export async function insertSentiment(
  db: Db,
  workspaceId: string,
  row: {
    accountId: string;
    id: string;
    rating: number;
    reasons: string[];
    comment: string | null;
    authorId: string | null;
  },
) {
  await db.execute(sql`
      insert into sentiment_ratings (workspace_id, account_id, id, rating, reasons, comment, author_id)
      values (${workspaceId}, ${row.accountId}, ${row.id}, ${row.rating}, ${sql.param(row.reasons)}::text[],
              ${row.comment}, ${row.authorId})`);
}

export async function findSentiment(
  db: Db,
  workspaceId: string,
  accountId: string,
  id: string,
): Promise<SentimentRow | undefined> {
  const [row] = await queryRows<SentimentRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where r.workspace_id = ${workspaceId} and r.account_id = ${accountId} and r.id = ${id}`,
  );
  return row;
}

/** One page of the account's ratings, newest first. */
export async function pageSentiment(
  db: Db,
  workspaceId: string,
  accountId: string,
  query: { limit: number; cursor?: string },
) {
  const key: SortKey = { expr: sql`r.created_at`, type: "timestamptz", desc: true };
  const after = afterCursor(key, sql`r.id`, query.cursor);
  const rows = await queryRows<SentimentRow>(
    db,
    sql`select ${COLUMNS}, ${sortKeyColumn(key)} as "sortKey" from ${FROM}
      where r.workspace_id = ${workspaceId} and r.account_id = ${accountId} ${after ? sql`and ${after}` : sql``}
      order by ${sql.join(orderBy(key, sql`r.id`), sql`, `)}
      limit ${query.limit + 1}`,
  );
  return toPage(rows, query.limit);
}

/** The account's latest rating, with its author's name. */
export async function latestSentimentOf(db: Db, workspaceId: string, accountId: string) {
  const [row] = await queryRows<{
    rating: number;
    reasons: string[];
    comment: string | null;
    author_name: string | null;
    created_at: Date | string;
  }>(
    db,
    sql`select r.rating, r.reasons, r.comment, u.name as author_name, r.created_at
        from sentiment_ratings r left join users u on u.id = r.author_id
        where r.workspace_id = ${workspaceId} and r.account_id = ${accountId}
        order by r.created_at desc limit 1`,
  );
  return row;
}
