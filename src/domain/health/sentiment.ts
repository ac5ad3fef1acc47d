import { notFound } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import {
  type SENTIMENT_REASONS,
  type Sentiment,
  ZHealthSettingsUpdate,
  ZSentimentCreate,
} from "../../contract/health.ts";
import { withTx } from "../../db/transaction.ts";
import { findAccount } from "../accounts/index.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import { actorUserId } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { recordTimeline } from "../timeline/index.ts";
import { type HealthSettings, healthSettingsOf, upsertHealthSettings } from "./health.queries.ts";
import { recomputeHealth } from "./recompute-health.ts";
import { findSentiment, insertSentiment, pageSentiment, type SentimentRow } from "./sentiment.queries.ts";

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
 * timeline, and its event has health rescoring recompute the account's score (before an API
 * request answers).
 */
export async function createSentiment(ctx: Ctx, accountId: string, input: unknown): Promise<Sentiment> {
  const body = ZSentimentCreate.parse(input);
  const id = newId();
  await withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    await assertAccount(tx, accountId);
    await insertSentiment(db, ctx.workspaceId, {
      accountId,
      id,
      rating: body.rating,
      reasons: body.reasons,
      comment: body.comment ?? null,
      authorId: actorUserId(ctx.actor),
    });
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
    await recordEvents(tx, [
      { type: "sentiment.rated", data: { accountId, sentimentId: id, rating: body.rating } },
    ]);
  });
  const row = await findSentiment(ctx.db, ctx.workspaceId, accountId, id);
  return toSentiment(row as SentimentRow);
}

export async function listSentiment(ctx: Ctx, accountId: string, query: { limit: number; cursor?: string }) {
  await assertAccount(ctx, accountId);
  const page = await pageSentiment(ctx.db, ctx.workspaceId, accountId, query);
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
    await upsertHealthSettings(db, ctx.workspaceId, {
      sentimentStaleDays: body.sentimentStaleDays ?? null,
      onboardingDays: body.onboardingDays ?? null,
    });
    await recordAudit({ ...ctx, db }, { action: "health_settings.update", details: body });
  });
  await recomputeHealth(ctx.db, ctx.workspaceId);
  return getHealthSettings(ctx);
}
