import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import {
  type Issue,
  issueMessage,
  issuesOf,
  type LifecycleSettings,
  routes,
  type StageDefinition,
  ZLifecycleSettingsUpdate,
} from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { apiIssues, issuesToFormErrors } from "../../lib/issues.ts";
import {
  type DraftGroup,
  type FilterEditing,
  filterEditing,
  issuesAtNodes,
  unfinished,
} from "../segments/filterDraft.ts";
import { useSegmentFields } from "../segments/use-segments.ts";
import {
  blankStage,
  bodyOf,
  duplicateIssues,
  isEntryIssue,
  type LifecycleValues,
  lifecycleLabels,
  stageEntryIssues,
  stagesOf,
  valuesOf,
} from "./lifecycleDraft.ts";
import { useLifecycleMutations } from "./use-lifecycle.ts";

/** Issues outside the stages' criteria as form errors, each at its field ("Name is the name of another stage"). */
const formErrorsOf = (issues: Issue[], v: LifecycleValues) =>
  issuesToFormErrors(
    issues.filter((i) => !isEntryIssue(i)),
    lifecycleLabels(v.stages.length),
  );

/** The contract's own check of everything but the criteria (the builder and the server check those). */
function issuesFromSchema(v: LifecycleValues): Issue[] {
  const body = bodyOf(v);
  const stages = body.stages.map((s) => ({ ...s, entry: null }));
  const r = ZLifecycleSettingsUpdate.safeParse({ ...body, stages }, { error: issueMessage });
  return [...(r.success ? [] : issuesOf(r.error)), ...duplicateIssues(body.stages)];
}

/**
 * The lifecycle settings being edited: the stages (each one's entry criteria in the segments'
 * builder), the first-value milestone, previewing the draft, saving and applying. What the server
 * refuses shows at the field or condition row its path names (`stages.3.label`,
 * `stages.2.entry.conditions.0.value`).
 */
export function useLifecycleEditor(settings: LifecycleSettings) {
  const form = useForm<LifecycleValues>({
    mode: "controlled",
    initialValues: valuesOf(settings),
    validate: (v) => formErrorsOf(issuesFromSchema(v), v),
  });
  const fields = useSegmentFields("account");
  const stages = form.values.stages;
  const stagesKey = JSON.stringify(stagesOf(stages));
  const [tried, setTried] = useState(false);
  const [refused, setRefused] = useState<{ stagesKey: string; issues: Issue[] } | null>(null);
  // Null while the fields load: nothing can be checked before.
  const missing = useMemo(
    () => (fields.fields ? stages.map((s) => (s.hasEntry ? unfinished(s.entry, fields.byKey) : {})) : null),
    [stages, fields],
  );
  const ready = missing?.every((m) => Object.keys(m).length === 0) ?? false;
  const current = refused?.stagesKey === stagesKey ? refused.issues : [];

  const indexOf = (id: string) => form.getValues().stages.findIndex((s) => s.id === id);
  /** The builder's editing of one stage's criteria, found by the stage's id (stages move). */
  const editing = (index: number): FilterEditing => {
    const stage = stages[index];
    const id = stage?.id ?? "";
    return filterEditing({
      fields: fields.fields,
      byKey: fields.byKey,
      missing: missing?.[index] ?? null,
      tried,
      rowIssues: stage ? issuesAtNodes(stageEntryIssues(current, index), stage.entry, fields.byKey) : {},
      get: () => form.getValues().stages[indexOf(id)]?.entry as DraftGroup,
      set: (next) => form.setFieldValue(`stages.${indexOf(id)}.entry`, next),
    });
  };

  const onRefused = (e: unknown, v: LifecycleValues) => {
    const issues = apiIssues(e);
    setRefused({ stagesKey, issues: issues.filter(isEntryIssue) });
    form.setErrors(formErrorsOf(issues, v));
  };

  const { save, apply } = useLifecycleMutations();
  const submit = form.onSubmit(
    (v) => {
      setTried(true);
      if (!ready) return;
      save.mutate(bodyOf(v), {
        onSuccess: (saved) => {
          // Counts and which stages are built in come from the server: the form starts again from them.
          const next = valuesOf(saved);
          form.setInitialValues(next);
          form.setValues(next);
          form.resetDirty(next);
          setTried(false);
        },
        onError: (e) => onRefused(e, v),
      });
    },
    () => setTried(true),
  );

  // The draft's preview: whom these stages, saved or not, would move now.
  const [previewed, setPreviewed] = useState<StageDefinition[]>([]);
  const preview = useMutation({
    mutationFn: (draft: StageDefinition[]) => api(routes.previewTransitions, { body: { stages: draft } }),
  });
  const runPreview = () => {
    setTried(true);
    const v = form.getValues();
    const errors = form.validate();
    if (!ready || errors.hasErrors) return;
    const draft = stagesOf(v.stages);
    setPreviewed(draft);
    apply.reset();
    preview.mutate(draft, { onError: (e) => onRefused(e, v) });
  };

  const addStage = () => form.insertListItem("stages", blankStage());
  const move = (index: number, by: -1 | 1) => form.reorderListItem("stages", { from: index, to: index + by });
  const remove = (index: number) => form.removeListItem("stages", index);

  return {
    form,
    fields,
    editing,
    save,
    submit,
    preview,
    previewed,
    runPreview,
    apply,
    addStage,
    move,
    remove,
    dirty: form.isDirty(),
  };
}

export type LifecycleEditor = ReturnType<typeof useLifecycleEditor>;
