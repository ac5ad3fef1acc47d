import { sql } from "drizzle-orm";
import { notFound } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import {
  type SENTIMENT_REASONS,
  type Sentiment,
  ZHealthSettingsUpdate,
  ZSentimentCreate,
} from "../../contract/health.ts";
import { queryRows, withTx } from "../../db/index.ts";
import { findAccount } from "../accounts/index.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import { actorUserId } from "../context.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";
import { recordTimeline } from "../timeline/index.ts";
import { DEFAULT_SENTIMENT_STALE_DAYS, type HealthSettings, healthSettingsOf } from "./health.queries.ts";
import { DEFAULT_ONBOARDING_DAYS } from "./onboarding.rules.ts";
import { recomputeHealth } from "./recompute-health.ts";

const REASON_LABELS: Record<(typeof SENTIMENT_REASONS)[number], string> = {
  product_fit: "product fit",
  product_gaps: "product gaps",
  adoption: "adoption",
  support_experience: "support experience",
  relationship: "relationship",
  executive_sponsor: "executive sponsor",
  champion_left: "champion left",
  budget: "budget",
  competition: "competition",
  reorganization: "reorganization",
  value_realized: "value realized",
  onboarding: "onboarding",
};

type SentimentRow = Omit<Sentiment, "createdAt"> & { createdAt: Date | string; sortKey: string };

const COLUMNS = sql`r.id, r.account_id as "accountId", r.rating::int as rating, r.reasons, r.comment,
    r.author_id as "authorId", u.name as "authorName", r.created_at as "createdAt"`;
const FROM = sql`sentiment_ratings r left join users u on u.id = r.author_id`;

const toSentiment = (r: Omit<SentimentRow, "sortKey">): Sentiment => ({
  id: r.id,
  accountId: r.accountId,
  rating: r.rating,
  reasons: r.reasons,
  comment: r.comment,
  authorId: r.authorId,
  authorName: r.authorName,
  createdAt: new Date(r.createdAt).toISOString(),
});

async function assertAccount(ctx: Ctx, accountId: string) {
  if (!(await findAccount(ctx.db, ctx.workspaceId, accountId))) throw notFound("Account");
}

/**
 * A CSM rates the account 1–5 with reason codes and a comment: kept as history, written on the
 * timeline, and the account's score recomputed at once.
 */
export async function createSentiment(ctx: Ctx, accountId: string, input: unknown): Promise<Sentiment> {
  const body = ZSentimentCreate.parse(input);
  const id = newId();
  await withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    await assertAccount(tx, accountId);
    await db.execute(sql`
      insert into sentiment_ratings (workspace_id, account_id, id, rating, reasons, comment, author_id)
      values (${ctx.workspaceId}, ${accountId}, ${id}, ${body.rating}, ${sql.param(body.reasons)}::text[],
              ${body.comment ?? null}, ${actorUserId(ctx.actor)})`);
    const reasons = body.reasons.map((r) => REASON_LABELS[r]).join(", ");
    await recordTimeline(tx, [
      {
        accountId,
        kind: "health",
        title: `Sentiment rated ${body.rating}/5${reasons ? ` (${reasons})` : ""}`,
        body: body.comment ?? null,
      },
    ]);
    await recordAudit(tx, {
      action: "sentiment.create",
      targetType: "account",
      targetId: accountId,
      details: { rating: body.rating, reasons: body.reasons },
    });
  });
  await recomputeHealth(ctx.db, ctx.workspaceId, { accountIds: [accountId] });
  const [row] = await queryRows<SentimentRow>(
    ctx.db,
    sql`select ${COLUMNS} from ${FROM} where r.workspace_id = ${ctx.workspaceId} and r.account_id = ${accountId} and r.id = ${id}`,
  );
  return toSentiment(row as SentimentRow);
}

export async function listSentiment(ctx: Ctx, accountId: string, query: { limit: number; cursor?: string }) {
  await assertAccount(ctx, accountId);
  const key: SortKey = { expr: sql`r.created_at`, type: "timestamptz", desc: true };
  const after = afterCursor(key, sql`r.id`, query.cursor);
  const rows = await queryRows<SentimentRow>(
    ctx.db,
    sql`select ${COLUMNS}, ${sortKeyColumn(key)} as "sortKey" from ${FROM}
      where r.workspace_id = ${ctx.workspaceId} and r.account_id = ${accountId} ${after ? sql`and ${after}` : sql``}
      order by ${sql.join(orderBy(key, sql`r.id`), sql`, `)}
      limit ${query.limit + 1}`,
  );
  const page = toPage(rows, query.limit);
  return { data: page.data.map(toSentiment), nextCursor: page.nextCursor };
}

export async function getHealthSettings(ctx: Ctx): Promise<HealthSettings> {
  return healthSettingsOf(ctx.db, ctx.workspaceId);
}

/**
 * A new staleness limit changes which ratings count, a new onboarding window which new customers
 * are scored: today's scores are recomputed. Settings left out keep their value.
 */
export async function updateHealthSettings(ctx: Ctx, input: unknown): Promise<HealthSettings> {
  const body = ZHealthSettingsUpdate.parse(input);
  await withTx(ctx.db, async (db) => {
    // One statement, each column kept when left out: two admins changing different settings at
    // once both keep their change.
    const stale = body.sentimentStaleDays ?? null;
    const onboarding = body.onboardingDays ?? null;
    await db.execute(sql`
      insert into health_settings (workspace_id, sentiment_stale_days, onboarding_days)
      values (${ctx.workspaceId}, coalesce(${stale}::int, ${DEFAULT_SENTIMENT_STALE_DAYS}::int),
              coalesce(${onboarding}::int, ${DEFAULT_ONBOARDING_DAYS}::int))
      on conflict (workspace_id) do update set
        sentiment_stale_days = coalesce(${stale}::int, health_settings.sentiment_stale_days),
        onboarding_days = coalesce(${onboarding}::int, health_settings.onboarding_days)`);
    await recordAudit({ ...ctx, db }, { action: "health_settings.update", details: body });
  });
  await recomputeHealth(ctx.db, ctx.workspaceId);
  return getHealthSettings(ctx);
}
