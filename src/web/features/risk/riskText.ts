import type { ChurnEvaluation, ChurnKind } from "../../../contract/index.ts";
import { formatRate } from "../../lib/format.ts";
import type { CalibrationBin } from "../../ui/CalibrationChart.tsx";

/** How the Risk page names things for each kind of model. */
export const KIND_TEXT: Record<
  ChurnKind,
  {
    /** "churn", "expansion" */
    noun: string;
    title: string;
    /** Accounts with the outcome: "churned", "expanded". */
    positive: string;
    negative: string;
    /** probability × ARR */
    weighted: string;
    /** Whether a driver that raises the probability is bad news. */
    upIsBad: boolean;
  }
> = {
  churn: {
    noun: "churn",
    title: "Churn",
    positive: "churned",
    negative: "retained",
    weighted: "ARR at risk",
    upIsBad: true,
  },
  expansion: {
    noun: "expansion",
    title: "Expansion",
    positive: "expanded",
    negative: "did not expand",
    weighted: "Weighted ARR",
    upIsBad: false,
  },
};

/** An AUC for people: 0.5 is a coin toss, 1 tells every pair apart. */
export const aucQuality = (auc: number): string =>
  auc >= 0.9
    ? "excellent"
    : auc >= 0.8
      ? "good"
      : auc >= 0.7
        ? "fair"
        : auc > 0.6
          ? "weak"
          : "no better than chance";

export const formatAuc = (auc: number): string => auc.toFixed(3);

/** The model's calibration by decile as the chart's buckets, each with its range of predictions. */
export const decileBins = (calibration: ChurnEvaluation["calibration"]): CalibrationBin[] =>
  calibration.map((b) => ({
    label: String(b.decile),
    heading: `Decile ${b.decile} (${b.accounts} accounts, predicted ${formatRate(b.minPredicted)}–${formatRate(b.maxPredicted)})`,
    predicted: b.meanPredicted,
    observed: b.observedRate,
  }));
