import { randomId } from "@mantine/hooks";
import type { PlanTemplate } from "../../../contract/index.ts";
import type { FieldLabels } from "../../lib/issues.ts";
import type { TemplateBody } from "./use-template-mutations.ts";

/** How many objectives and milestones the API takes in a template (contract/plans.ts). */
export const MAX_OBJECTIVES = 20;
export const MAX_MILESTONES = 30;

type Days = number | "";
export type MilestoneDraft = { key: string; title: string; dueInDays: Days };
export type ObjectiveDraft = {
  key: string;
  title: string;
  description: string;
  dueInDays: Days;
  milestones: MilestoneDraft[];
};
export type TemplateDraft = { name: string; description: string; objectives: ObjectiveDraft[] };

export const blankMilestone = (): MilestoneDraft => ({ key: randomId(), title: "", dueInDays: "" });
export const blankObjective = (): ObjectiveDraft => ({
  key: randomId(),
  title: "",
  description: "",
  dueInDays: "",
  milestones: [],
});

/** A template as the form edits it (a new one starts with one empty objective). */
export const draftOf = (t: PlanTemplate | undefined): TemplateDraft => ({
  name: t?.name ?? "",
  description: t?.description ?? "",
  objectives: t
    ? t.objectives.map((o) => ({
        key: randomId(),
        title: o.title,
        description: o.description ?? "",
        dueInDays: o.dueInDays ?? "",
        milestones: o.milestones.map((m) => ({
          key: randomId(),
          title: m.title,
          dueInDays: m.dueInDays ?? "",
        })),
      }))
    : [blankObjective()],
});

const days = (d: Days) => (d === "" ? undefined : d);

/** The form's draft as the API takes it: trimmed text, blanks left out. */
export const templateBody = (d: TemplateDraft): TemplateBody => ({
  name: d.name.trim(),
  description: d.description.trim() || null,
  objectives: d.objectives.map((o) => ({
    title: o.title.trim(),
    description: o.description.trim() || undefined,
    dueInDays: days(o.dueInDays),
    milestones: o.milestones.map((m) => ({ title: m.title.trim(), dueInDays: days(m.dueInDays) })),
  })),
});

/**
 * The form's field labels, every objective and milestone named by its place ("Objective 2's
 * title"), so an issue at `objectives.1.milestones.0.title` reads "Milestone 1 of objective 2 is
 * required" at that very field.
 */
export const TEMPLATE_LABELS: FieldLabels = (() => {
  const labels: FieldLabels = { name: "Name", description: "Description" };
  for (let i = 0; i < MAX_OBJECTIVES; i++) {
    const o = `objectives.${i}`;
    labels[`${o}.title`] = `Objective ${i + 1}`;
    labels[`${o}.description`] = `The description of objective ${i + 1}`;
    labels[`${o}.dueInDays`] = `The due day of objective ${i + 1}`;
    for (let j = 0; j < MAX_MILESTONES; j++) {
      labels[`${o}.milestones.${j}.title`] = `Milestone ${j + 1} of objective ${i + 1}`;
      labels[`${o}.milestones.${j}.dueInDays`] = `The due day of milestone ${j + 1} of objective ${i + 1}`;
    }
  }
  return labels;
})();
