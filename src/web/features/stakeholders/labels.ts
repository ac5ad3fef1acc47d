import type { RelationshipRiskCode, Stakeholder } from "../../../contract/index.ts";
import { humanize } from "../../lib/labels.ts";

/** Each relationship risk's name, as the alert's title (docs/stakeholder-map.md has the rules). */
export const RISK_TITLES: Record<RelationshipRiskCode, string> = {
  no_champion: "No champion",
  economic_buyer_not_met: "Economic buyer not met in 90 days",
  champion_left: "Champion left",
  economic_buyer_left: "Economic buyer left",
  single_threaded: "Single-threaded",
  detractor_decision_maker: "Detractor among the decision makers",
};

type Answer = Pick<NonNullable<Stakeholder["latestAnswer"]>, "kind" | "dimension" | "score" | "scale">;

/** A score's meaning in a word, so an answer never reads by colour alone. */
export function answerVerdict(a: Answer): { word: string; color: string } {
  if (a.kind === "nps") {
    if (a.score >= 9) return { word: "Promoter", color: "green" };
    if (a.score >= 7) return { word: "Passive", color: "gray" };
    return { word: "Detractor", color: "red" };
  }
  // CSAT, CES and dimensions: the top two points of their scale are good, the bottom two poor.
  if (a.score >= a.scale - 1) return { word: a.kind === "ces" ? "Easy" : "Satisfied", color: "green" };
  if (a.score <= 2) return { word: a.kind === "ces" ? "Hard" : "Dissatisfied", color: "red" };
  return { word: "Neutral", color: "gray" };
}

/** "NPS 9 of 10", "CES 5 of 7", "Ease of use 4 of 5". */
export const answerLabel = (a: Answer): string =>
  `${a.kind === "dimension" ? humanize(a.dimension) : a.kind.toUpperCase()} ${a.score} of ${a.scale}`;

/** "2 achieved, 1 at risk of 3", or how many are open. */
export function outcomesSummary(o: Stakeholder["outcomes"]): string {
  if (o.total === 0) return "No outcomes recorded";
  const parts = [
    [o.achieved, "achieved"],
    [o.inProgress, "in progress"],
    [o.planned, "planned"],
    [o.atRisk, "at risk"],
    [o.missed, "missed"],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, word]) => `${n} ${word}`);
  return `${o.total} outcome${o.total === 1 ? "" : "s"}: ${parts.join(", ")}`;
}
