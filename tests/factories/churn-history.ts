import type { Ctx } from "../../src/domain/context.ts";
import { makeAccount, makeSubscription } from "./index.ts";

/** The UTC day `offset` days from today. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export type ChurnHistoryOptions = {
  /** Customers who left (all subscriptions ended), default 12. */
  churned?: number;
  /** Customers who stay, default 24; the first `expanded` of them grew. */
  retained?: number;
  /** Retained customers whose MRR grew with an add-on started later, default 12. */
  expanded?: number;
  /** Owners given to the accounts in turn (none when empty). */
  ownerIds?: string[];
  /** Prefix of the accounts' names, so two histories in one workspace do not clash. */
  prefix?: string;
};

export type ChurnHistory = {
  churned: string[];
  retained: string[];
  expanded: string[];
  /** Every account, in creation order, with its tier. */
  accounts: { id: string; name: string; tier: string; ownerId: string | null }[];
};

/**
 * A workspace history a model can learn from, deterministic and dated from today: churned
 * customers are mostly SMB on a Basic plan, retained ones mostly Enterprise on Pro, with enough
 * exceptions that neither column tells the outcome on its own. Expanded customers added an
 * Analytics subscription 100 days ago.
 */
export async function makeChurnHistory(ctx: Ctx, options: ChurnHistoryOptions = {}): Promise<ChurnHistory> {
  const { churned = 12, retained = 24, expanded = 12, ownerIds = [], prefix = "Customer" } = options;
  const out: ChurnHistory = { churned: [], retained: [], expanded: [], accounts: [] };
  const total = churned + retained;
  for (let i = 0; i < total; i++) {
    const leaves = i < churned;
    const k = leaves ? i : i - churned;
    // One in four goes against its group's tendency.
    const typical = k % 4 !== 3;
    const tier = leaves === typical ? "SMB" : "Enterprise";
    const ownerId = ownerIds.length ? (ownerIds[i % ownerIds.length] ?? null) : null;
    const name = `${prefix} ${String(i + 1).padStart(3, "0")}`;
    const account = await makeAccount(ctx, { name, externalId: `${prefix}-${i + 1}`, tier, ownerId });
    out.accounts.push({ id: account.id, name, tier, ownerId });
    const base = {
      product: "Platform",
      plan: leaves === typical ? "Basic" : "Pro",
      seats: 10 + (i % 5) * 5,
      mrrMinor: 50_000 + (i % 7) * 10_000,
      startDate: day(-400 - i),
      renewalDate: null,
      billingPeriod: "annual" as const,
    };
    if (leaves) {
      await makeSubscription(ctx, account.id, {
        ...base,
        endDate: day(-20 - i),
        status: "canceled",
        autoRenew: false,
      });
      out.churned.push(account.id);
      continue;
    }
    await makeSubscription(ctx, account.id, { ...base, endDate: null, status: "active" });
    out.retained.push(account.id);
    if (k < expanded) {
      await makeSubscription(ctx, account.id, {
        product: "Analytics",
        plan: null,
        seats: null,
        mrrMinor: 20_000,
        startDate: day(-100),
        endDate: null,
        renewalDate: null,
        status: "active",
        billingPeriod: "annual",
      });
      out.expanded.push(account.id);
    }
  }
  return out;
}
