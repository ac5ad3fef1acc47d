import { addDays } from "../../common/dates.ts";
import type { Ctx } from "../context.ts";
import { rebuildRevenueMovements, updateRevenueSettings } from "../revenue/index.ts";

/**
 * Northwind reports in US dollars: its euro and pound customers convert at the rates its finance
 * team entered (one a year), with a 78% gross margin for lifetime value; then every account's MRR
 * movements are built from the subscriptions just loaded (loaded in bulk, they wrote no events).
 */
export async function addDemoRevenue(ctx: Ctx, today: string): Promise<void> {
  const yearsAgo = (n: number) => `${addDays(today, -365 * n).slice(0, 4)}-01-01`;
  await updateRevenueSettings(ctx, {
    baseCurrency: "USD",
    grossMargin: 0.78,
    rates: [
      { currency: "EUR", validFrom: yearsAgo(3), rate: 1.09 },
      { currency: "EUR", validFrom: yearsAgo(1), rate: 1.08 },
      { currency: "EUR", validFrom: yearsAgo(0), rate: 1.12 },
      { currency: "GBP", validFrom: yearsAgo(3), rate: 1.24 },
      { currency: "GBP", validFrom: yearsAgo(1), rate: 1.27 },
      { currency: "GBP", validFrom: yearsAgo(0), rate: 1.3 },
    ],
  });
  await rebuildRevenueMovements(ctx, null);
}
