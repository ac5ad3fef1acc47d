import type { ChurnKind } from "../../contract/churn.ts";

/** How messages name the accounts with the outcome a kind predicts, and those without it. */
export const OUTCOME_WORDS: Record<ChurnKind, { positive: string; negative: string }> = {
  churn: { positive: "churned", negative: "retained" },
  expansion: { positive: "expanded", negative: "not expanded" },
};

/** "17 churned and 183 retained" */
export const countsText = (kind: ChurnKind, positives: number, negatives: number): string =>
  `${positives} ${OUTCOME_WORDS[kind].positive} and ${negatives} ${OUTCOME_WORDS[kind].negative}`;

/** "a churn model", "an expansion model" */
export const modelName = (kind: ChurnKind): string =>
  kind === "churn" ? "a churn model" : "an expansion model";
