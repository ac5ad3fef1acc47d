import { eq, sql } from "drizzle-orm";
import { schema } from "../../db/index.ts";
import type { Db } from "../../db/transaction.ts";

const { revenueSettings, currencyRates } = schema;

/** The workspace's revenue settings row, or null for the defaults. */
export const findRevenueSettings = async (db: Db, workspaceId: string) =>
  (await db.select().from(revenueSettings).where(eq(revenueSettings.workspaceId, workspaceId)).limit(1))[0] ??
  null;

export const saveRevenueSettings = (db: Db, row: typeof revenueSettings.$inferInsert) =>
  db
    .insert(revenueSettings)
    .values(row)
    .onConflictDoUpdate({
      target: revenueSettings.workspaceId,
      set: {
        reactivation: row.reactivation,
        joinAndLeave: row.joinAndLeave,
        baseCurrency: row.baseCurrency ?? null,
        grossMargin: row.grossMargin ?? null,
        forecast: row.forecast,
        noticeDays: row.noticeDays,
        doNotAskDays: row.doNotAskDays,
        updatedBy: row.updatedBy,
        updatedAt: new Date(),
      },
    });

/** The workspace's rates by currency and date. */
export const listRates = (db: Db, workspaceId: string) =>
  db
    .select({
      currency: currencyRates.currency,
      validFrom: currencyRates.validFrom,
      rate: currencyRates.rate,
    })
    .from(currencyRates)
    .where(eq(currencyRates.workspaceId, workspaceId))
    .orderBy(currencyRates.currency, currencyRates.validFrom);

/** Replaces every rate of the workspace. */
export async function replaceRates(
  db: Db,
  workspaceId: string,
  rates: { currency: string; validFrom: string; rate: number }[],
): Promise<void> {
  await db.execute(sql`delete from currency_rates where workspace_id = ${workspaceId}`);
  if (rates.length > 0) await db.insert(currencyRates).values(rates.map((r) => ({ workspaceId, ...r })));
}
