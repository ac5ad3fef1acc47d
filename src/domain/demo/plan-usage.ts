import type { Rng } from "../kernel/random.ts";
import type { Plan, Tier } from "./catalog.ts";
import { asciiSlug, type DecisionRole } from "./people.ts";
import type { Story } from "./plan-accounts.ts";
import { adopts, DEMO_FEATURES, ROLE_ACTIVITY, roleWeight } from "./usage-catalog.ts";
import { FIRST_NAMES, LAST_NAMES } from "./words.ts";

/** Days of product usage the demo holds, ending today. */
export const USAGE_DAYS = 200;
/** The first day of usage as an offset from today. */
export const USAGE_FIRST_OFFSET = -(USAGE_DAYS - 1);

/**
 * A product user; offsets are days relative to today. Contacts carry their contact id; the light
 * users who fill the rest of the seats are no contact (null) and count as plain users.
 */
export type UsageUserInput = {
  contactId: string | null;
  userId: string;
  decisionRole: DecisionRole;
  createdOffset: number;
  leftOffset: number | null;
  traits: { email: string; firstName: string; lastName: string; name: string; title?: string };
};

/** What the usage plan needs to know of an account, its subscriptions and its people. */
export type UsageAccountInput = {
  accountId: string;
  externalId: string;
  tier: Tier;
  region: string;
  story: Story;
  plan: Plan;
  domain: string;
  /** Seats of the platform subscription held last (the current one, or the one that ended). */
  seats: number;
  /** The first day anyone could use the product: the first trial or subscription day. */
  firstOffset: number;
  /** Churned accounts: the day their subscriptions ended. */
  endOffset: number | null;
  /** Expanded and contracted accounts: the day the subscriptions changed. */
  changeOffset: number | null;
  users: UsageUserInput[];
};

export type Trajectory = "growing" | "steady" | "declining" | "churning" | "ramping" | "quiet" | "none";

export type UserPlan = {
  input: UsageUserInput;
  /** Active days: offsets from..to, both included (none when from > to). */
  from: number;
  to: number;
  /** Chance of being active on a busy working day at full account level. */
  daily: number;
  /** Mean events on an active day. */
  events: number;
  /** Relative weight of each DEMO_FEATURES entry for this user (0: not used). */
  weights: number[];
  /** The offset from which each feature is in use at the account. */
  since: number[];
  /** Named by the plan: a key player who stopped using the product while the account goes on. */
  quietKeyPlayer: boolean;
  /**
   * Light users are only active while the account's level is at least this: they join as an
   * account ramps up or grows and drop away as it declines (0 for contacts: always).
   */
  threshold: number;
};

export type UsagePlan = {
  account: UsageAccountInput;
  trajectory: Trajectory;
  from: number;
  to: number;
  /** Churning: days of decline before the end. Declining: the offset the decline starts. */
  turn: number;
  phase: number;
  users: UserPlan[];
};

const KEY_ROLES: readonly DecisionRole[] = ["champion", "decision_maker", "influencer"];
const NEVER = Number.POSITIVE_INFINITY;

/**
 * Decides every account's trajectory and every user's rhythm, deterministically for an rng: churned
 * accounts fade out before they churn, new ones and trials ramp up, expanded ones grow, some
 * steady ones decline, a few go quiet or never started, a few key players drop out.
 */
export function planUsage(rng: Rng, accounts: readonly UsageAccountInput[]): UsagePlan[] {
  const pickRng = rng.fork("pick");
  const eligible = (i: number) => {
    const a = accounts[i] as UsageAccountInput;
    return (a.story === "steady" || a.story === "contracted") && a.firstOffset < USAGE_FIRST_OFFSET + 60;
  };
  const steadyIdx = accounts.map((_, i) => i).filter(eligible);
  const shuffled = pickRng.shuffle(steadyIdx);
  const none = new Set(
    shuffled.filter((i) => accounts[i]?.tier === "SMB" && accounts[i]?.story === "steady").slice(0, 5),
  );
  const rest = shuffled.filter((i) => !none.has(i));
  const quiet = new Set(rest.slice(0, 5));
  const declining = new Set(rest.slice(5, 15));
  const growing = new Set(rest.slice(15, 30));
  const trajectoryOf = (a: UsageAccountInput, i: number): Trajectory => {
    if (none.has(i)) return "none";
    if (quiet.has(i)) return "quiet";
    if (declining.has(i)) return "declining";
    if (a.story === "churned") return "churning";
    if (a.story === "new" || a.story === "trial") return "ramping";
    if (a.story === "expanded" || growing.has(i)) return "growing";
    return "steady";
  };
  const plans = accounts.map((a, i) =>
    planAccount(rng.fork(`account/${a.externalId}`), a, trajectoryOf(a, i)),
  );
  // Key players who went quiet while the rest of their account carries on.
  const candidates = pickRng.shuffle(
    plans.filter((p) => p.trajectory === "steady" || p.trajectory === "growing"),
  );
  let marked = 0;
  for (const p of candidates) {
    if (marked >= 8) break;
    const contacts = p.users.filter((u) => u.input.contactId !== null);
    const player = contacts.find(
      (u) => KEY_ROLES.includes(u.input.decisionRole) && u.input.leftOffset === null && u.from < -90,
    );
    if (!player || contacts.filter((u) => u !== player && u.to === 0).length < 2) continue;
    player.to = -pickRng.int(24, 60);
    player.quietKeyPlayer = true;
    marked += 1;
  }
  return plans;
}

function planAccount(rng: Rng, a: UsageAccountInput, trajectory: Trajectory): UsagePlan {
  const from = Math.max(USAGE_FIRST_OFFSET, a.firstOffset);
  let to = 0;
  let turn = 0;
  if (trajectory === "none") to = from - 1;
  if (trajectory === "quiet") to = -rng.int(22, 50);
  if (trajectory === "churning") {
    to = (a.endOffset ?? 0) - 1;
    turn = rng.int(70, 90);
  }
  if (trajectory === "declining") turn = -rng.int(90, 150);
  const featureRolls = DEMO_FEATURES.map(() => rng.next());
  const since = DEMO_FEATURES.map((f, i) => {
    if (f.adoption >= 1) return from;
    if (!adopts(f, a.plan, a.tier, featureRolls[i] as number)) return NEVER;
    // Growing and new customers pick up features as they go.
    const later = (trajectory === "growing" || trajectory === "ramping") && rng.chance(0.4);
    return later ? rng.int(from, Math.max(from, -15)) : from;
  });
  // Fewer seats after a contraction: up to half the plain users who had one lost it.
  const contraction = a.story === "contracted" ? a.changeOffset : null;
  const seated =
    contraction === null
      ? []
      : a.users.filter((u) => u.decisionRole === "user" && u.createdOffset < contraction);
  const cut = new Set(rng.sample(seated, Math.floor(seated.length / 2)));
  const users = a.users.map((u): UserPlan => {
    const role = ROLE_ACTIVITY[u.decisionRole];
    const never = !rng.chance(role.users);
    let userTo = never ? from - 1 : Math.min(to, u.leftOffset === null ? 0 : u.leftOffset - 1);
    if (contraction !== null && cut.has(u)) userTo = Math.min(userTo, contraction - 1);
    return {
      input: u,
      from: Math.max(from, u.createdOffset),
      to: userTo,
      daily: role.daily * (0.75 + rng.next() * 0.5),
      events: role.events * (0.75 + rng.next() * 0.5),
      weights: DEMO_FEATURES.map((f, i) =>
        since[i] === NEVER ? 0 : f.weight * roleWeight(u.decisionRole, f),
      ),
      since,
      quietKeyPlayer: false,
      threshold: 0,
    };
  });
  const phase = rng.next() * Math.PI * 2;
  const light = trajectory === "none" ? [] : lightUsers(rng.fork("light"), a, users, from, to, since);
  return { account: a, trajectory, from, to, turn, phase, users: [...users, ...light] };
}

/** How often a light user is active on a busy working day, and their mean events on an active day. */
const LIGHT_ACTIVITY = { daily: 0.11, events: 0.9 };

/**
 * Product users who are not contacts: the colleagues who hold the rest of the seats, in the product
 * now and then (a few days a month, an event or two a day). Enough of them that, with the
 * contacts who use the product, a healthy account has 60–90% of its seats active in a month.
 */
function lightUsers(
  rng: Rng,
  a: UsageAccountInput,
  contacts: readonly UserPlan[],
  from: number,
  to: number,
  since: number[],
): UserPlan[] {
  const regulars = contacts.filter((u) => u.from <= u.to && u.to >= -30).length;
  const count = Math.max(0, Math.round(a.seats * (0.6 + rng.next() * 0.3)) - regulars);
  const prefix = `usr_${a.externalId.replace(/^NW-/, "")}_x`;
  return Array.from({ length: count }, (_, i): UserPlan => {
    const firstName = rng.pick(FIRST_NAMES);
    const lastName = rng.pick(LAST_NAMES);
    // Most have been there all along; some joined since.
    const joined = rng.chance(0.25) ? rng.int(from, Math.max(from, -30)) : from;
    return {
      input: {
        contactId: null,
        userId: `${prefix}${i + 1}`,
        decisionRole: "user",
        createdOffset: joined,
        leftOffset: null,
        traits: {
          email: `${asciiSlug(firstName)}.${asciiSlug(lastName)}@${a.domain}`,
          firstName,
          lastName,
          name: `${firstName} ${lastName}`,
        },
      },
      from: joined,
      to,
      daily: LIGHT_ACTIVITY.daily * (0.7 + rng.next() * 0.6),
      events: LIGHT_ACTIVITY.events * (0.75 + rng.next() * 0.5),
      weights: DEMO_FEATURES.map((f, k) => (since[k] === NEVER ? 0 : f.weight * roleWeight("user", f))),
      since,
      quietKeyPlayer: false,
      threshold: 0.05 + rng.next() * 0.7,
    };
  });
}

/** The account's activity level on a day (1: its usual self), from its trajectory. */
export function levelOn(p: UsagePlan, offset: number): number {
  const wobble = 1 + 0.08 * Math.sin((offset / 29) * Math.PI * 2 + p.phase);
  const span = -USAGE_FIRST_OFFSET;
  const progress = (offset - USAGE_FIRST_OFFSET) / span;
  const { changeOffset, story } = p.account;
  switch (p.trajectory) {
    case "growing": {
      const step = story === "expanded" && changeOffset !== null && offset >= changeOffset ? 0.2 : 0;
      return (0.6 + 0.45 * progress + step) * wobble;
    }
    case "declining": {
      if (offset < p.turn) return wobble;
      return (1 - (0.65 * (offset - p.turn)) / -p.turn) * wobble;
    }
    case "churning": {
      const start = p.to + 1 - p.turn;
      if (offset < start) return wobble;
      return Math.max(0.05, 1 - (0.95 * (offset - start)) / p.turn);
    }
    case "ramping": {
      // Trials start with a look around; onboarding starts with training and setup. Both grow
      // into everyday use.
      const [base, ramp] = story === "trial" ? [0.3, 14] : [0.45, 45];
      return base + (1 - base) * Math.min(1, (offset - p.from) / ramp);
    }
    default: {
      // Contracted accounts dipped before their renewal and run a little lower since.
      if (story === "contracted" && changeOffset !== null) {
        if (offset >= changeOffset) return 0.8 * wobble;
        if (offset >= changeOffset - 45) return (1 - (0.3 * (offset - changeOffset + 45)) / 45) * wobble;
      }
      return wobble;
    }
  }
}
