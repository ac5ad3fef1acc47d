import { accountsConcerned, type EventConsumer } from "../events/index.ts";
import { rebuildRevenueMovements, recountRevenueTotals } from "../revenue/index.ts";

/**
 * Keeps MRR movements in step with subscriptions: a subscription created, edited (back-dated,
 * moved to another account) or deleted rebuilds its accounts' movements; a committed import of
 * subscriptions rebuilds the workspace's. Whichever transport wrote the change — the API, the web
 * app, `steward import` with no server running — the figures are right once its events are
 * delivered, which a request and a CLI command wait for. Rebuilding is idempotent. A deleted
 * account's movements go with it; the workspace's month totals are summed again without them.
 */
export const revenueMovements: EventConsumer = {
  name: "revenue.movements",
  types: [
    "subscription.created",
    "subscription.changed",
    "subscription.deleted",
    "import.committed",
    "account.deleted",
  ],
  async handle(ctx, events) {
    if (events.some((e) => e.type === "account.deleted")) await recountRevenueTotals(ctx);
    if (events.some((e) => e.type === "import.committed" && e.data.target === "subscriptions")) {
      await rebuildRevenueMovements(ctx, null);
      return;
    }
    const ids = accountsConcerned(events.filter((e) => e.type !== "account.deleted"));
    if (ids.length > 0) await rebuildRevenueMovements(ctx, ids);
  },
};
