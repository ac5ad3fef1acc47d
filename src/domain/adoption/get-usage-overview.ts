import { utcToday } from "../../common/dates.ts";
import type { UsageOverview, UsagePeriod } from "../../contract/usage.ts";
import type { Ctx } from "../context.ts";
import {
  type AccountActivity,
  checkDay,
  featureAdoption,
  fillSeries,
  periodRange,
  rankEngagement,
  trend,
} from "./adoption.rules.ts";
import { liveAccounts, workspaceEvents, workspaceFeatureUsers, workspaceUsers } from "./overview.queries.ts";

import { listFeatureDefs } from "./settings.queries.ts";

/** The workspace's adoption over the period ending `today` (UTC), against the period before. */
export async function getUsageOverview(
  ctx: Ctx,
  period: UsagePeriod,
  today: string = utcToday(),
): Promise<UsageOverview> {
  const { db, workspaceId } = ctx;
  const r = periodRange(period, checkDay(today));
  const users = await workspaceUsers(db, workspaceId, r);
  const events = await workspaceEvents(db, workspaceId, r);
  const featureUsers = await workspaceFeatureUsers(db, workspaceId, r);
  const accounts = await liveAccounts(db, workspaceId, today);
  const defs = await listFeatureDefs(db, workspaceId);
  const usersOf = new Map(users.accounts.map((a) => [a.accountId, a]));
  const eventsOf = new Map(events.accounts.map((a) => [a.accountId, a]));
  const activity: AccountActivity[] = accounts.map((a) => ({
    ...a,
    activeUsers: usersOf.get(a.accountId)?.current ?? 0,
    previousActiveUsers: usersOf.get(a.accountId)?.previous ?? 0,
    mau: usersOf.get(a.accountId)?.mau ?? 0,
    events: eventsOf.get(a.accountId)?.current ?? 0,
  }));
  const active = (pick: "current" | "previous") => events.accounts.filter((a) => a[pick] > 0).length;
  const total = (pick: "current" | "previous") => events.accounts.reduce((s, a) => s + a[pick], 0);
  const activeAccounts = trend(active("current"), active("previous"));
  return {
    period,
    from: r.from,
    to: r.to,
    activeAccounts,
    activeUsers: trend(users.current, users.previous),
    events: trend(total("current"), total("previous")),
    accountsWithUsage: activity.filter((a) => eventsOf.get(a.accountId)?.current).length,
    accountsTotal: accounts.length,
    ...rankEngagement(activity),
    features: featureAdoption(
      events.features.map((f) => ({ ...f, users: featureUsers.get(f.event) ?? 0 })),
      defs,
      activeAccounts.current ?? 0,
    ),
    series: fillSeries(r.from, r.to, users.days, events.days),
  };
}
