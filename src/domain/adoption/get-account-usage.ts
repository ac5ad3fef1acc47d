import { daysBetween, utcToday } from "../../common/dates.ts";
import { notFound } from "../../common/errors.ts";

import type { AccountUsage, KeyPlayerActivity, UsagePeriod } from "../../contract/usage.ts";
import { contactName } from "../contacts/index.ts";

import type { Ctx } from "../context.ts";
import {
  accountEvents,
  accountKeyPlayers,
  accountUsers,
  findAccountHead,
  type KeyPlayerRow,
} from "./account-usage.queries.ts";

import {
  breadth,
  checkDay,
  depth,
  fillSeries,
  isAccountQuiet,
  isKeyPlayerQuiet,
  periodRange,
  ratio,
  topEvents,
  trend,
} from "./adoption.rules.ts";

const toKeyPlayer = (
  r: KeyPlayerRow,
  today: string,
  quietDays: number,
  stage: string,
): KeyPlayerActivity => ({
  contactId: r.contactId,
  name: contactName(r),
  title: r.title,
  decisionRole: r.decisionRole,
  lastActiveOn: r.lastActiveOn,
  daysSinceActive: r.lastActiveOn === null ? null : daysBetween(r.lastActiveOn, today),
  eventsInPeriod: r.eventsInPeriod,
  quiet: isKeyPlayerQuiet(r.lastActiveOn, today, quietDays, stage),
});

/** One account's adoption over the period ending `today` (UTC), against the period before. */
export async function getAccountUsage(
  ctx: Ctx,
  accountId: string,
  period: UsagePeriod,
  today: string = utcToday(),
): Promise<AccountUsage> {
  const { db, workspaceId } = ctx;
  const r = periodRange(period, checkDay(today));
  const head = await findAccountHead(db, workspaceId, accountId, today);
  if (!head) throw notFound("Account");
  const users = await accountUsers(db, workspaceId, accountId, r);
  const events = await accountEvents(db, workspaceId, accountId, r);
  const players = await accountKeyPlayers(db, workspaceId, accountId, r);
  const { totals } = events;
  const defs = head.features;
  const featureUsers = new Map(events.users.map((u) => [u.event, u.users]));
  const sum = (pick: "current" | "previous") => totals.reduce((s, t) => s + t[pick], 0);
  return {
    accountId,
    period,
    from: r.from,
    to: r.to,
    dau: users.dau,
    wau: users.wau,
    mau: users.mau,
    activeUsers: trend(users.current, users.previous),
    events: trend(sum("current"), sum("previous")),
    seats: head.seats,
    utilization: ratio(users.mau, head.seats),
    breadth: breadth(totals, defs),
    depth: depth(totals, defs, users),
    lastActiveOn: head.lastActiveOn,
    daysSinceActive: head.lastActiveOn === null ? null : daysBetween(head.lastActiveOn, today),
    quiet: isAccountQuiet(head, today, head.quietDays),
    quietDays: head.quietDays,
    series: fillSeries(r.from, r.to, users.days, events.days),
    topFeatures: topEvents(totals, defs).map((f) => ({ ...f, users: featureUsers.get(f.event) ?? 0 })),
    keyPlayers: players
      .map((p) => toKeyPlayer(p, today, head.keyPlayerQuietDays, head.lifecycleStage))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
