import type {
  Issue,
  LifecycleSettings,
  LifecycleSettingsUpdate,
  StageDefinition,
} from "../../../contract/index.ts";
import type { FieldLabels } from "../../lib/issues.ts";
import { blankFilter, type DraftGroup, draftOf, filterOf } from "../segments/filterDraft.ts";

/**
 * The lifecycle settings as their form edits them. Field paths are the API's own
 * (`stages.3.label`, `firstValueMilestone.count`), so a refused save's issues land on the field
 * they name; each stage's entry criteria are the segments' builder draft, whose issues land on its rows.
 */
export type Num = number | "";

export type StageDraft = {
  /** Keeps a stage's identity (and its builder's state) while stages move or are removed. */
  id: string;
  key: string;
  label: string;
  description: string;
  hidden: boolean;
  automatic: boolean;
  /** Whether the stage has entry criteria; `entry` is kept while they are switched off, unsent. */
  hasEntry: boolean;
  entry: DraftGroup;
  builtIn: boolean;
  /** Accounts in the stage now (0 for a stage added in this draft). */
  accounts: number;
  /** Added in this draft: its key can still be chosen, and follows its name until edited. */
  added: boolean;
  keyEdited: boolean;
};

export type LifecycleValues = {
  stages: StageDraft[];
  /** An empty event: no usage milestone, outcomes only. */
  firstValueMilestone: { event: string; count: Num };
};

/** The API takes at most this many stages. */
export const MAX_STAGES = 30;

let seq = 0;
const nextId = () => `stage-${++seq}`;

const stageDraft = (s: LifecycleSettings["stages"][number]): StageDraft => ({
  id: nextId(),
  key: s.key,
  label: s.label,
  description: s.description ?? "",
  hidden: s.hidden,
  automatic: s.automatic,
  hasEntry: s.entry !== null,
  entry: s.entry ? draftOf(s.entry) : blankFilter(),
  builtIn: s.builtIn,
  accounts: s.accounts,
  added: false,
  keyEdited: false,
});

/** "Paid pilot" → "paid_pilot": lower-case letters, digits and _, starting with a letter, 40 at most. */
export const keyOf = (label: string): string => {
  const words = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  const key = /^[a-z]/.test(words) ? words : words ? `stage_${words}` : "";
  return key.slice(0, 40).replace(/_+$/, "");
};

/** A stage of the workspace's own, new: no name yet, visible, no criteria. */
export const blankStage = (): StageDraft => ({
  id: nextId(),
  key: "",
  label: "",
  description: "",
  hidden: false,
  automatic: false,
  hasEntry: false,
  entry: blankFilter(),
  builtIn: false,
  accounts: 0,
  added: true,
  keyEdited: false,
});

/** A new name; a new stage's key follows it until someone edits the key. */
export const withLabel = (s: StageDraft, label: string): StageDraft => ({
  ...s,
  label,
  key: s.added && !s.keyEdited ? keyOf(label) : s.key,
});

export const valuesOf = (s: LifecycleSettings): LifecycleValues => ({
  stages: s.stages.map(stageDraft),
  firstValueMilestone: {
    event: s.firstValueMilestone?.event ?? "",
    count: s.firstValueMilestone?.count ?? "",
  },
});

/** The stages as the API takes them, for a save or a preview of the draft. */
export const stagesOf = (stages: StageDraft[]): StageDefinition[] =>
  stages.map((s) => ({
    key: s.key.trim(),
    label: s.label.trim(),
    description: s.description.trim() || null,
    hidden: s.hidden,
    entry: s.hasEntry ? filterOf(s.entry) : null,
    automatic: s.automatic,
  }));

/** An empty count box goes as nothing, which the contract words as "is required". */
const count = (n: Num) => (n === "" ? (undefined as unknown as number) : n);

export const milestoneOf = (m: LifecycleValues["firstValueMilestone"]) =>
  m.event.trim() === "" ? null : { event: m.event.trim(), count: count(m.count) };

export const bodyOf = (v: LifecycleValues) =>
  ({
    stages: stagesOf(v.stages),
    firstValueMilestone: milestoneOf(v.firstValueMilestone),
  }) satisfies LifecycleSettingsUpdate;

/** What counts as first value, in a sentence. */
export const firstValueText = (m: { event: string; count: number } | null): string =>
  m
    ? `First value: the first key-player outcome achieved, or ${m.event} used ${m.count.toLocaleString("en-US")} time${m.count === 1 ? "" : "s"}, whichever comes first.`
    : "First value: the first key-player outcome achieved.";

// Issues at their fields

/** Labels of every field the form shows, for its stages as they are now. */
export const lifecycleLabels = (stageCount: number): FieldLabels => {
  const out: FieldLabels = {
    stages: "Stages",
    "firstValueMilestone.event": "Event",
    "firstValueMilestone.count": "Times",
  };
  for (let i = 0; i < stageCount; i++) {
    out[`stages.${i}.label`] = "Name";
    out[`stages.${i}.key`] = "Key";
    out[`stages.${i}.description`] = "Description";
    out[`stages.${i}.hidden`] = "Hidden";
    out[`stages.${i}.automatic`] = "Moving accounts in automatically";
  }
  return out;
};

const ENTRY_PATH = /^stages\.(\d+)\.entry(\.|$)/;

export const isEntryIssue = (i: Issue): boolean => ENTRY_PATH.test(i.path);

/** Stage `index`'s entry-criteria issues as the builder reads a segment's (`filter.conditions.0.value`). */
export const stageEntryIssues = (issues: Issue[], index: number): Issue[] =>
  issues.flatMap((i) => {
    const m = ENTRY_PATH.exec(i.path);
    return m && Number(m[1]) === index
      ? [{ ...i, path: `filter${i.path.slice(`stages.${index}.entry`.length)}` }]
      : [];
  });

/** What the server would refuse across stages, caught before asking it: a name or key used twice. */
export const duplicateIssues = (stages: StageDefinition[]): Issue[] => {
  const out: Issue[] = [];
  const labels = new Set<string>();
  const keys = new Set<string>();
  for (const [i, s] of stages.entries()) {
    const label = s.label.toLowerCase();
    if (label && labels.has(label))
      out.push({ path: `stages.${i}.label`, code: "custom", message: "is the name of another stage" });
    labels.add(label);
    if (s.key && keys.has(s.key))
      out.push({ path: `stages.${i}.key`, code: "custom", message: "is the key of another stage" });
    keys.add(s.key);
  }
  return out;
};
