import type { RevenueSettings, RevenueSettingsUpdate } from "../../contract/revenue.ts";
import { ZRevenueSettingsUpdate } from "../../contract/revenue.ts";
import { actorPerson, type Ctx } from "../context.ts";
import type { RevenuePolicies } from "./revenue.rules.ts";
import { findRevenueSettings, listRates, replaceRates, saveRevenueSettings } from "./settings.queries.ts";

export const DEFAULT_FORECAST = { commitAtLeast: 0.85, likelyAtLeast: 0.6 };

/** How the workspace counts revenue (docs/revenue.md); the defaults when it never said. */
export async function getRevenueSettings(ctx: Ctx): Promise<RevenueSettings> {
  const row = await findRevenueSettings(ctx.db, ctx.workspaceId);
  const rates = await listRates(ctx.db, ctx.workspaceId);
  return {
    reactivation: (row?.reactivation ?? "reactivation") as RevenuePolicies["reactivation"],
    joinAndLeave: (row?.joinAndLeave ?? "count") as RevenuePolicies["joinAndLeave"],
    baseCurrency: row?.baseCurrency ?? null,
    grossMargin: row?.grossMargin ?? null,
    forecast: (row?.forecast as RevenueSettings["forecast"] | undefined) ?? DEFAULT_FORECAST,
    noticeDays: row?.noticeDays ?? 60,
    doNotAskDays: row?.doNotAskDays ?? 90,
    rates: rates.map((r) => ({ ...r, rate: Number(r.rate) })),
  };
}

/**
 * Changes what the patch names. The policies apply when figures are read, so nothing is
 * recomputed; movements themselves depend only on subscriptions.
 */
export async function updateRevenueSettings(
  ctx: Ctx,
  patch: RevenueSettingsUpdate,
): Promise<RevenueSettings> {
  const parsed = ZRevenueSettingsUpdate.parse(patch);
  const current = await getRevenueSettings(ctx);
  const next = {
    ...current,
    ...Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)),
  };
  await saveRevenueSettings(ctx.db, {
    workspaceId: ctx.workspaceId,
    reactivation: next.reactivation,
    joinAndLeave: next.joinAndLeave,
    baseCurrency: next.baseCurrency,
    grossMargin: next.grossMargin,
    forecast: next.forecast,
    noticeDays: next.noticeDays,
    doNotAskDays: next.doNotAskDays,
    updatedBy: actorPerson(ctx.actor),
  });
  if (parsed.rates) await replaceRates(ctx.db, ctx.workspaceId, parsed.rates);
  return getRevenueSettings(ctx);
}
