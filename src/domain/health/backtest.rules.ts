import { addDays } from "../../common/dates.ts";
import {
  HEALTH_BANDS,
  type HealthBand,
  type HealthSource,
  type ModelDefinition,
} from "../../contract/health.ts";

import { rocAuc, rocCurve } from "../kernel/statistics.ts";

import type { AccountDay } from "./measure-values.queries.ts";
import { notEnoughData } from "./onboarding.rules.ts";
import { applies, scoreAccount } from "./score.rules.ts";

/** One account scored on one past date, and what happened in the horizon after it. */
export type Observation = {
  accountId: string;
  score: number;
  band: HealthBand;
  /** Each measure's points (null when left out). */
  points: Record<string, number | null>;
  outcome: Outcome;
  /** Churned or contracted. */
  positive: boolean;
};

export type Outcome = "churned" | "contracted" | "kept";

/**
 * What followed a date: churned when the account had no live subscription at the horizon's end,
 * contracted when its MRR then was lower (by more than a rounding cent) than on the date.
 */
export function outcomeOf(mrrThen: number, mrrAfter: number | undefined): Outcome {
  if (mrrAfter === undefined) return "churned";
  return mrrAfter < mrrThen - 1 ? "contracted" : "kept";
}

/** Every `everyDays` from `from` to `to`, both included when they fall on the step. */
export function backtestDates(from: string, to: string, everyDays: number): string[] {
  const dates: string[] = [];
  for (let d = to; d >= from; d = addDays(d, -everyDays)) dates.push(d);
  return dates.reverse();
}

/**
 * Scores the rows the definition applies to; rows it cannot score (no value at all) are left out,
 * and so are new customers without enough data yet, as the live score leaves them unscored
 * (counted in `notEnoughData`).
 */
export function observe(
  definition: ModelDefinition,
  rows: AccountDay[],
  outcomes: Map<string, Outcome>,
  onboardingDays: number,
): { observations: Observation[]; notEnoughData: number } {
  const out: Observation[] = [];
  let waiting = 0;
  for (const r of rows) {
    if (!applies(definition.appliesTo, r)) continue;
    const outcome = outcomes.get(`${r.day}|${r.accountId}`);
    if (!outcome) continue;
    if (notEnoughData(definition, r.values, r, onboardingDays) !== null) {
      waiting += 1;
      continue;
    }
    const s = scoreAccount(definition, r.values);
    if (s.score === null || s.band === null) continue;
    out.push({
      accountId: r.accountId,
      score: s.score,
      band: s.band,
      points: Object.fromEntries(s.measures.map((m) => [m.key, m.value === null ? null : m.points])),
      outcome,
      positive: outcome !== "kept",
    });
  }
  return { observations: out, notEnoughData: waiting };
}

const finite = (x: number) => (Number.isFinite(x) ? Math.round(x * 10_000) / 10_000 : null);

/** ROC AUC of the risk (100 − score), the curve, and the outcome rate and lift per band. */
export function summarize(obs: Observation[]) {
  const risk = obs.map((o) => 100 - o.score);
  const labels = obs.map((o): number => (o.positive ? 1 : 0));
  const positives = labels.reduce((s, l) => s + l, 0);
  const overall = obs.length ? positives / obs.length : null;
  const auc = finite(rocAuc(risk, labels));
  return {
    observations: obs.length,
    positives,
    auc,
    roc: auc === null ? [] : rocCurve(risk, labels, 100).map((p) => ({ fpr: p.fpr, tpr: p.tpr })),
    bands: HEALTH_BANDS.map((band) => {
      const inBand = obs.filter((o) => o.band === band);
      const pos = inBand.filter((o) => o.positive).length;
      const rate = inBand.length ? pos / inBand.length : null;
      return {
        band,
        observations: inBand.length,
        positives: pos,
        rate: rate === null ? null : finite(rate),
        lift: rate === null || !overall ? null : finite(rate / overall),
      };
    }),
  };
}

/**
 * Each measure's own predictive power: the AUC of its points alone, over observations that had a
 * value. Below 0.5 the measure is inverted: accounts it scores well churned or contracted more
 * often than those it scores badly, so its rule points the wrong way (or the data disagrees).
 */
export function measurePower(definition: ModelDefinition, obs: Observation[]) {
  return definition.groups
    .flatMap((g) => g.measures)
    .map((m) => {
      const had = obs.filter((o) => o.points[m.key] !== null && o.points[m.key] !== undefined);
      const auc = finite(
        rocAuc(
          had.map((o) => 100 - (o.points[m.key] as number)),
          had.map((o) => (o.positive ? 1 : 0)),
        ),
      );
      return {
        key: m.key,
        name: m.name,
        source: m.source as HealthSource,
        auc,
        coverage: obs.length ? (finite(had.length / obs.length) ?? 0) : 0,
        inverted: isInverted(auc),
      };
    })
    .sort((a, b) => (b.auc ?? -1) - (a.auc ?? -1));
}

/** A measure whose own AUC is below a coin toss predicts the opposite of its rule. */
export const isInverted = (auc: number | null): boolean => auc !== null && auc < 0.5;
