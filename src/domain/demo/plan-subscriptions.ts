import { formatMoney } from "../../common/money.ts";
import type { SUBSCRIPTION_STATUSES } from "../../contract/subscriptions.ts";
import type { Rng } from "../kernel/random.ts";
import {
  ADD_ON_PRICE_MINOR,
  type AddOn,
  PLATFORM,
  type Plan,
  pickDiscount,
  pickPlan,
  pickSeats,
  planAbove,
  planBelow,
  platformMrr,
  SEATS,
  seatsFor,
  trialSeats,
} from "./catalog.ts";
import { nextRenewalOffset, TERM_DAYS } from "./dates.ts";
import type { AccountSpec } from "./plan-accounts.ts";

/** A subscription before it gets ids and dates; offsets are days relative to today. */
export type SubPlan = {
  product: string;
  plan: string | null;
  seats: number | null;
  mrrMinor: number;
  startOffset: number;
  endOffset: number | null;
  renewalOffset: number | null;
  status: (typeof SUBSCRIPTION_STATUSES)[number];
  billingPeriod: "monthly" | "annual" | null;
  autoRenew: boolean | null;
};

/** Something worth a line on the timeline, recorded by Steward (no author). */
export type SubEvent = { offset: number; title: string };

export type SubscriptionStory = { subs: SubPlan[]; events: SubEvent[]; currentRenewalOffset: number | null };

const change = (plan: Plan, nextPlan: Plan, seats: number, nextSeats: number) =>
  `${plan === nextPlan ? plan : `${plan} → ${nextPlan}`}, ${seats} → ${nextSeats} seats`;

const label = (s: Pick<SubPlan, "product" | "plan">) => `${s.product}${s.plan ? ` (${s.plan})` : ""}`;

/** Plans the subscriptions that tell the account's story, with the timeline events they cause. */
export function planSubscriptions(rng: Rng, spec: AccountSpec): SubscriptionStory {
  const { tier, story, startOffset: start, currency } = spec;
  const subs: SubPlan[] = [];
  const events: SubEvent[] = [];
  const money = (minor: number) => formatMoney(minor, currency);
  // Live subscriptions co-term with the platform: they all renew on its anniversary.
  const renewal = nextRenewalOffset(start);
  const billingPeriod = tier === "SMB" && rng.chance(0.4) ? "monthly" : "annual";
  const live = (
    s: Omit<SubPlan, "endOffset" | "renewalOffset" | "status" | "billingPeriod" | "autoRenew">,
  ): SubPlan => {
    const sub: SubPlan = {
      ...s,
      endOffset: null,
      renewalOffset: renewal,
      status: "active",
      billingPeriod,
      autoRenew: rng.chance(0.85),
    };
    subs.push(sub);
    events.push({
      offset: s.startOffset,
      title: `Subscription added: ${label(s)}, ${money(s.mrrMinor)} MRR`,
    });
    return sub;
  };
  const cancel = (sub: SubPlan, endOffset: number, why: string) => {
    Object.assign(sub, { endOffset, renewalOffset: null, status: "canceled", autoRenew: false });
    events.push({ offset: endOffset, title: `Subscription canceled: ${label(sub)} (${why})` });
  };
  // MRR comes from the priced seat count; the subscription carries the seats it licenses.
  const platform = (plan: Plan, seats: number, priced: number, discount: number, startOffset: number) =>
    live({ product: PLATFORM, plan, seats, mrrMinor: platformMrr(plan, priced, discount), startOffset });
  const addOn = (product: AddOn, startOffset: number) =>
    live({ product, plan: null, seats: null, mrrMinor: ADD_ON_PRICE_MINOR[product][tier], startOffset });

  const plan = pickPlan(rng, tier);
  // A contraction needs room to shrink: at least 20 priced seats before it.
  const priced = story === "contracted" ? Math.max(20, pickSeats(rng, tier)) : pickSeats(rng, tier);
  const seats = seatsFor(tier, priced);
  const discount = pickDiscount(rng, tier);

  if (story === "trial") {
    const seatsOnTrial = trialSeats(rng.step(5, 25, 5));
    subs.push({
      product: PLATFORM,
      plan: "Growth",
      seats: seatsOnTrial,
      mrrMinor: 0,
      startOffset: start,
      endOffset: start + 30,
      renewalOffset: null,
      status: "trial",
      billingPeriod: null,
      autoRenew: false,
    });
    events.push({
      offset: start,
      title: `Trial started: ${PLATFORM} (Growth), ${seatsOnTrial} seats for 30 days`,
    });
    return { subs, events, currentRenewalOffset: null };
  }

  if (story === "new" && rng.chance(0.35)) {
    const trialStart = start - rng.int(14, 30);
    subs.push({
      product: PLATFORM,
      plan: "Growth",
      seats: trialSeats(rng.step(5, 25, 5)),
      mrrMinor: 0,
      startOffset: trialStart,
      endOffset: start - 1,
      renewalOffset: null,
      status: "expired",
      billingPeriod: null,
      autoRenew: false,
    });
    events.push({ offset: trialStart, title: `Trial started: ${PLATFORM} (Growth) for 30 days` });
    events.push({ offset: start - 1, title: "Trial ended: converted to a paid subscription" });
  }

  const base = platform(plan, seats, priced, discount, start);
  if (story === "steady" || story === "new") {
    if (tier === "Enterprise" && rng.chance(0.6)) addOn("Premium Support", start);
    if (tier === "Mid-Market" && rng.chance(0.2)) addOn("Analytics", start);
  }
  // Some long-standing customers left for a while and came back on the same terms: a churn and,
  // months later, a reactivation in the revenue history. (Drawn after every other choice, so the
  // rest of the account's story is the same as without it.)
  if (story === "steady" && subs.length === 1 && -start >= 420 && rng.chance(0.15)) {
    const left = start + rng.int(150, 260);
    const back = Math.min(-30, left + rng.int(45, 120));
    cancel(base, left, "customer churned");
    events.push({ offset: left, title: "Customer churned: all subscriptions ended" });
    platform(plan, seats, priced, discount, back);
    events.push({
      offset: back,
      title: `Customer returned: ${PLATFORM} (${plan}) again, ${money(base.mrrMinor)} MRR`,
    });
  }

  if (story === "expanded") {
    const age = -start;
    const at = start + rng.int(45, Math.max(46, Math.min(age - 10, 500)));
    const higher = planAbove(plan);
    if (rng.chance(0.5)) {
      addOn(rng.pick(["Analytics", "Premium Support"] as const), at);
    } else {
      const nextPlan = higher ?? plan;
      const nextPriced = Math.round((priced * rng.int(110, 160)) / 100 / 5) * 5;
      const nextSeats = Math.max(seats + (nextPriced > priced ? 1 : 0), seatsFor(tier, nextPriced));
      cancel(base, at, higher ? `upgraded to ${nextPlan}` : "replaced by a larger seat count");
      const up = platform(nextPlan, nextSeats, nextPriced, discount, at);
      events.push({
        offset: at,
        title: `Expansion: ${change(plan, nextPlan, seats, nextSeats)}, +${money(up.mrrMinor - base.mrrMinor)} MRR`,
      });
    }
  }

  if (story === "contracted") {
    const at = start + TERM_DAYS;
    const lower = planBelow(plan);
    const nextPriced = Math.max(
      5,
      Math.min(priced - 5, Math.round((priced * rng.int(50, 85)) / 100 / 5) * 5),
    );
    const nextSeats = Math.min(seats - 1, Math.max(SEATS[tier][0], seatsFor(tier, nextPriced)));
    cancel(base, at, lower ? `downgraded to ${lower} at renewal` : "renewed with fewer seats");
    const down = platform(lower ?? plan, nextSeats, nextPriced, discount, at);
    events.push({
      offset: at,
      title: `Contraction at renewal: ${change(plan, lower ?? plan, seats, nextSeats)}, −${money(base.mrrMinor - down.mrrMinor)} MRR`,
    });
  }

  if (story === "churned") {
    const end = start + TERM_DAYS;
    if (tier !== "SMB" && rng.chance(0.4)) {
      const extra = addOn("Analytics", start + rng.int(30, 200));
      cancel(extra, end, "customer churned");
    }
    cancel(base, end, "customer churned");
    events.push({ offset: end, title: "Customer churned: all subscriptions ended at renewal" });
    return { subs, events, currentRenewalOffset: null };
  }

  return { subs, events, currentRenewalOffset: renewal };
}
