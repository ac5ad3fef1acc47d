import type { Rng } from "../kernel/random.ts";
import { levelOn, type UsageAccountInput, type UsagePlan, type UserPlan } from "./plan-usage.ts";
import { DEMO_FEATURES, REGION_UTC_START_HOUR, WEEKDAY_FACTOR } from "./usage-catalog.ts";

const DAY_S = 86_400;

export type ProductUser = {
  plan: UserPlan;
  account: UsageAccountInput;
  /** Epoch seconds of the first and last event (0 when there is none). */
  first: number;
  last: number;
  events: number;
};

/**
 * Events as parallel columns (compact to generate and to send as arrays): who (index into
 * `users`), when (epoch seconds), which DEMO_FEATURES entry, and which of its property variants.
 */
export type UsageEvents = {
  user: number[];
  ts: number[];
  feature: number[];
  variant: number[];
  users: ProductUser[];
};

/** Picks a feature index by the user's weights among those the account uses by `offset`. */
function pickFeature(rng: Rng, u: UserPlan, offset: number): number {
  let total = 0;
  for (let i = 0; i < u.weights.length; i++)
    if ((u.since[i] as number) <= offset) total += u.weights[i] as number;
  let roll = rng.next() * total;
  let last = 0;
  for (let i = 0; i < u.weights.length; i++) {
    const w = u.weights[i] as number;
    if (w <= 0 || (u.since[i] as number) > offset) continue;
    last = i;
    roll -= w;
    if (roll < 0) return i;
  }
  return last;
}

/**
 * Every user's days, day by day: active with a chance that follows the account's level and the
 * weekday, then a session or two of events during the region's working hours. Each user draws from
 * their own stream, so the plan of one never shifts another's events. Events after `now` (later
 * today) are left out, after their draws.
 */
export function generateUsageEvents(
  rng: Rng,
  plans: readonly UsagePlan[],
  today: string,
  now: Date,
): UsageEvents {
  const out: UsageEvents = { user: [], ts: [], feature: [], variant: [], users: [] };
  const todayDay = Math.round(Date.parse(`${today}T00:00:00Z`) / (DAY_S * 1000));
  const nowS = Math.floor(now.getTime() / 1000);
  for (const plan of plans) {
    const startHour = REGION_UTC_START_HOUR[plan.account.region] ?? 13;
    for (const u of plan.users) {
      const index = out.users.length;
      const product: ProductUser = { plan: u, account: plan.account, first: 0, last: 0, events: 0 };
      out.users.push(product);
      const r = rng.fork(u.input.userId);
      for (let offset = u.from; offset <= u.to; offset++) {
        const day = todayDay + offset;
        // 1970-01-01, day 0, was a Thursday.
        const weekday = (((day + 4) % 7) + 7) % 7;
        const level = levelOn(plan, offset);
        if (level < u.threshold) continue;
        const chance = Math.min(0.97, u.daily * level * (WEEKDAY_FACTOR[weekday] as number));
        if (r.next() >= chance) continue;
        const scale = u.events * (0.6 + 0.4 * Math.min(level, 1.3));
        const n = Math.min(40, Math.max(1, Math.round(scale * -Math.log(1 - r.next()))));
        const dayStart = day * DAY_S;
        const dayEnd = dayStart + DAY_S - 1;
        // Sessions start during the working day, most often mid-day.
        let t = dayStart + (startHour + (r.next() + r.next()) * 5) * 3600 + r.int(0, 59) * 60;
        for (let k = 0; k < n; k++) {
          if (k > 0) t += r.int(20, 480);
          if (n >= 6 && k === Math.floor(n / 2)) t += r.int(1, 3) * 3600;
          const feature = pickFeature(r, u, offset);
          const variant = r.int(0, (DEMO_FEATURES[feature]?.properties.length ?? 1) - 1);
          const ts = Math.min(t, dayEnd);
          if (ts > nowS) continue;
          out.user.push(index);
          out.ts.push(ts);
          out.feature.push(feature);
          out.variant.push(variant);
          if (product.events === 0) product.first = ts;
          product.last = ts;
          product.events += 1;
        }
      }
    }
  }
  return byTime(out);
}

/**
 * The events in time order (ties keep their order): consecutive inserts then append to the
 * time-keyed indexes and fill one monthly partition after another.
 */
function byTime(e: UsageEvents): UsageEvents {
  const order = e.ts.map((_, i) => i).sort((a, b) => (e.ts[a] as number) - (e.ts[b] as number) || a - b);
  const take = (xs: number[]) => order.map((i) => xs[i] as number);
  return {
    user: take(e.user),
    ts: take(e.ts),
    feature: take(e.feature),
    variant: take(e.variant),
    users: e.users,
  };
}
