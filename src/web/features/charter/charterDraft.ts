import { randomId } from "@mantine/hooks";
import {
  CHARTER_LIMITS,
  CHARTER_STAGES,
  type CharterDraftInput,
  type CharterObjective,
  type CharterStage,
  type CharterVersion,
  inChainOrder,
} from "../../../contract/index.ts";
import type { FieldLabels } from "../../lib/issues.ts";

export type ObjectiveDraft = { key: string; stage: CharterStage; text: string };
/** The editor's values: the objectives kept in the chain's order of stages. */
export type CharterDraft = {
  vision: string;
  mission: string;
  changeNote: string;
  objectives: ObjectiveDraft[];
};

/**
 * What the editor starts from: the draft being written, else the current charter's text (a new
 * version starts from it, with no change note yet), else a blank charter with a first adoption
 * objective to fill in.
 */
export const draftOf = (draft: CharterVersion | null, current: CharterVersion | null): CharterDraft => {
  const from = draft ?? current;
  return {
    vision: from?.vision ?? "",
    mission: from?.mission ?? "",
    changeNote: draft?.changeNote ?? "",
    objectives: from
      ? inChainOrder(from.objectives).map((o) => ({ key: randomId(), stage: o.stage, text: o.text }))
      : [{ key: randomId(), stage: "adoption", text: "" }],
  };
};

/** The editor's values as the API takes them. */
export const charterBody = (d: CharterDraft): CharterDraftInput => ({
  vision: d.vision.trim(),
  mission: d.mission.trim(),
  objectives: d.objectives.map((o) => ({ stage: o.stage, text: o.text.trim() })),
  changeNote: d.changeNote.trim() || null,
});

const rank = (s: CharterStage) => CHARTER_STAGES.indexOf(s);

/** Each stage of the chain with its objectives (with their place in the list), stages without any included. */
export const stagesOf = <T extends { stage: CharterStage }>(objectives: T[]) =>
  CHARTER_STAGES.map((stage) => ({
    stage,
    items: objectives.flatMap((o, index) => (o.stage === stage ? [{ item: o, index }] : [])),
  }));

/** Where a new objective of `stage` goes in a list kept in the chain's order: after its stage's last. */
export const insertionIndex = (objectives: { stage: CharterStage }[], stage: CharterStage): number => {
  const after = objectives.findIndex((o) => rank(o.stage) > rank(stage));
  return after === -1 ? objectives.length : after;
};

/** The stages that have objectives, in chain order: what a charter shows. */
export const groupedObjectives = (objectives: CharterObjective[]) =>
  stagesOf(objectives)
    .filter((g) => g.items.length > 0)
    .map((g) => ({ stage: g.stage, texts: g.items.map((i) => i.item.text) }));

/** The form's labels: a problem at `objectives.3.text` reads "This objective is required" at that field. */
export const CHARTER_LABELS: FieldLabels = (() => {
  const labels: FieldLabels = {
    vision: "The vision",
    mission: "The mission",
    changeNote: "The change note",
    objectives: "The charter",
  };
  for (let i = 0; i < CHARTER_LIMITS.objectives; i++) {
    labels[`objectives.${i}.text`] = "This objective";
    labels[`objectives.${i}.stage`] = "The stage";
  }
  return labels;
})();

/** "Ana", "Ana or Ben", "Ana, Ben or Cy": the people a member may ask. */
export const whoToAsk = (names: string[]): string =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
