import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import {
  type CoverageSettings,
  type Issue,
  issueMessage,
  issuesOf,
  routes,
  type TieringRule,
  ZCoverageSettingsUpdate,
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
  bodyOf,
  type CoverageValues,
  coverageLabels,
  isFilterIssue,
  ruleFilterIssues,
  rulesOf,
  settingsIssues,
  valuesOf,
} from "./coverageDraft.ts";
import { useCoverageMutations } from "./use-coverage.ts";

const NO_CONDITIONS = { match: "all", conditions: [] } as const;

/** Issues outside the rules' filters as form errors, each at its field ("One-to-one must be at least 1"). */
const formErrorsOf = (issues: Issue[], v: CoverageValues) =>
  issuesToFormErrors(
    issues.filter((i) => !isFilterIssue(i)),
    coverageLabels(v.tiering.rules.length),
  );

/** The contract's own check of everything but the filters (the builder and the server check those). */
function issuesFromSchema(v: CoverageValues): Issue[] {
  const body = bodyOf(v);
  const rules = body.tiering.rules.map((r) => ({ ...r, filter: NO_CONDITIONS }));
  const r = ZCoverageSettingsUpdate.safeParse(
    { ...body, tiering: { ...body.tiering, rules } },
    { error: issueMessage },
  );
  return r.success ? [] : issuesOf(r.error);
}

/**
 * The coverage settings being edited: capacity, the tiering rules (each filter in the segments'
 * builder), previewing the draft, saving and applying. What the server refuses shows at the field
 * or condition row its path names (`capacity.one_to_one`, `tiering.rules.1.filter.conditions.0.value`).
 */
export function useCoverageEditor(settings: CoverageSettings) {
  const form = useForm<CoverageValues>({
    mode: "controlled",
    initialValues: valuesOf(settings),
    validate: (v) => formErrorsOf(issuesFromSchema(v), v),
  });
  const fields = useSegmentFields("account");
  const rules = form.values.tiering.rules;
  const rulesKey = JSON.stringify(rulesOf(rules));
  const [tried, setTried] = useState(false);
  const [refused, setRefused] = useState<{ rulesKey: string; issues: Issue[] } | null>(null);
  // Null while the fields load: nothing can be checked before.
  const missing = useMemo(
    () => (fields.fields ? rules.map((r) => unfinished(r.filter, fields.byKey)) : null),
    [rules, fields],
  );
  const ready = missing?.every((m) => Object.keys(m).length === 0) ?? false;
  const current = refused?.rulesKey === rulesKey ? refused.issues : [];

  const indexOf = (key: string) => form.getValues().tiering.rules.findIndex((r) => r.key === key);
  /** The builder's editing of one rule's filter, found by the rule's key (rules move). */
  const editing = (index: number): FilterEditing => {
    const rule = rules[index];
    const key = rule?.key ?? "";
    return filterEditing({
      fields: fields.fields,
      byKey: fields.byKey,
      missing: missing?.[index] ?? null,
      tried,
      rowIssues: rule ? issuesAtNodes(ruleFilterIssues(current, index), rule.filter, fields.byKey) : {},
      get: () => form.getValues().tiering.rules[indexOf(key)]?.filter as DraftGroup,
      set: (next) => form.setFieldValue(`tiering.rules.${indexOf(key)}.filter`, next),
    });
  };

  const onRefused = (e: unknown, v: CoverageValues) => {
    const issues = settingsIssues(apiIssues(e));
    setRefused({ rulesKey, issues: issues.filter(isFilterIssue) });
    form.setErrors(formErrorsOf(issues, v));
  };

  const { save, apply } = useCoverageMutations();
  const submit = form.onSubmit(
    (v) => {
      setTried(true);
      if (!ready) return;
      save.mutate(bodyOf(v), {
        onSuccess: () => form.resetDirty(),
        onError: (e) => onRefused(e, v),
      });
    },
    () => setTried(true),
  );

  // The draft's preview: what these rules, saved or not, would change now.
  const [previewed, setPreviewed] = useState<TieringRule[]>([]);
  const preview = useMutation({
    mutationFn: (draft: TieringRule[]) => api(routes.previewTiering, { body: { rules: draft } }),
  });
  const runPreview = () => {
    setTried(true);
    const v = form.getValues();
    const errors = form.validate();
    if (!ready || errors.hasErrors) return;
    const draft = rulesOf(v.tiering.rules);
    setPreviewed(draft);
    apply.reset();
    preview.mutate(draft, { onError: (e) => onRefused(e, v) });
  };

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
    dirty: form.isDirty(),
  };
}

export type CoverageEditor = ReturnType<typeof useCoverageEditor>;
