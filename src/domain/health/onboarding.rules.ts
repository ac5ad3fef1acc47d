import { daysBetween } from "../../common/dates.ts";
import type { HealthSource, ModelDefinition } from "../../contract/health.ts";
import type { SourceValues } from "./score.rules.ts";

/** Days after its first subscription starts in which a customer without enough data is not scored. */
export const DEFAULT_ONBOARDING_DAYS = 30;
/** Enough data: the measures with a value carry at least this share of the model's weight. */
export const ENOUGH_DATA_SHARE = 0.5;

/** What the onboarding rule needs to know of an account on a day. */
export type OnboardingFacts = {
  day: string;
  /** Start of the account's first subscription; null when unknown. */
  firstStart: string | null;
  /** Whether the account has any product usage up to the day. */
  usedProduct: boolean;
};

/**
 * Sources read from product usage: for an account that has never used the product they are zeros
 * that say nothing yet (no users out of the seats), not data.
 */
const fromUsage = (source: HealthSource) =>
  source.startsWith("usage.") || source === "key_players.active_share";

/** "Feature breadth" → "feature breadth", but "CSM sentiment" and "MRR trend" keep their capitals. */
const lowerFirst = (name: string) =>
  /^[A-Z][a-z]/.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;

/**
 * Share (0–1) of the model's weight carried by measures with data, each measure weighing what the
 * model gives it before any redistribution: its group's share times its share within the group.
 */
export function dataShare(definition: ModelDefinition, values: SourceValues, usedProduct: boolean): number {
  const groupsTotal = definition.groups.reduce((s, g) => s + g.weight, 0);
  let share = 0;
  for (const g of definition.groups) {
    const measuresTotal = g.measures.reduce((s, m) => s + m.weight, 0);
    for (const m of g.measures) {
      const v = values[m.source];
      const has =
        v !== undefined && v !== null && Number.isFinite(v) && (usedProduct || !fromUsage(m.source));
      if (has) share += (g.weight / groupsTotal) * (m.weight / measuresTotal);
    }
  }
  return share;
}

/**
 * Why an account cannot be scored yet, or null when it can: within `onboardingDays` of its first
 * subscription's start, a customer whose measures with data carry less than half of the model's
 * weight has not had time to show how it is doing, and a score of 0 would call it poor. Past the
 * window an account is scored whatever it lacks.
 */
export function notEnoughData(
  definition: ModelDefinition,
  values: SourceValues,
  facts: OnboardingFacts,
  onboardingDays: number,
): string | null {
  if (facts.firstStart === null) return null;
  const age = daysBetween(facts.firstStart, facts.day);
  if (age < 0 || age >= onboardingDays) return null;
  const share = dataShare(definition, values, facts.usedProduct);
  if (share >= ENOUGH_DATA_SHARE) return null;
  const parts: string[] = [];
  if (!facts.usedProduct) parts.push(`no product usage in the first ${age} ${age === 1 ? "day" : "days"}`);
  const missing = definition.groups
    .flatMap((g) => g.measures)
    .filter((m) => (values[m.source] ?? null) === null && (facts.usedProduct || !fromUsage(m.source)))
    .map((m) => lowerFirst(m.name));
  if (missing.length > 0) parts.push(`no ${missing.join(", ")} yet`);
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  return (
    `Not enough data yet: ${parts.join("; ") || "too few measures have a value"}. ` +
    `Measures with data carry ${pct(share)} of the model's weight; a score needs ${pct(ENOUGH_DATA_SHARE)}, ` +
    `or waits until day ${onboardingDays} after the first subscription started.`
  );
}
