import { useForm } from "@mantine/form";
import { useMemo, useState } from "react";
import { type Issue, issueMessage, issuesOf, type Rule, ZRuleCreate } from "../../../contract/index.ts";
import { apiIssues, issuesToFormErrors } from "../../lib/issues.ts";
import {
  type DraftGroup,
  filterEditing,
  filterOf,
  issuesAtNodes,
  unfinished,
} from "../segments/filterDraft.ts";
import { useSegmentFields } from "../segments/use-segments.ts";
import {
  asFilterIssues,
  bodyOf,
  formPath,
  isConditionIssue,
  type RuleValues,
  ruleLabels,
  valuesOf,
} from "./ruleDraft.ts";
import { useRuleMutations } from "./use-rules.ts";

const NO_CONDITIONS = { match: "all", conditions: [] } as const;

/** Issues outside the conditions as form errors, each at its field ("Schedule must have five parts…"). */
const formErrorsOf = (issues: Issue[], v: RuleValues) =>
  issuesToFormErrors(
    issues.filter((i) => !isConditionIssue(i)).map((i) => ({ ...i, path: formPath(i.path, v.trigger.kind) })),
    ruleLabels(v.actions.length),
  );

/**
 * A rule being created or edited: its form, the conditions' builder (the segments' own), and
 * saving. The contract's schema checks the fields before sending; what the server refuses shows at
 * the field or condition row its path names.
 */
export function useRuleEditor(rule: Rule | undefined, onSaved: (r: Rule) => void) {
  const form = useForm<RuleValues>({
    mode: "controlled",
    initialValues: valuesOf(rule),
    // The conditions are checked by the builder (unfinished rows) and the server.
    validate: (v) => formErrorsOf(issuesFromSchema(v), v),
  });
  const fields = useSegmentFields("account");
  const draft = form.values.conditions;
  const filterKey = JSON.stringify(filterOf(draft));
  const missing = useMemo(() => (fields.fields ? unfinished(draft, fields.byKey) : null), [draft, fields]);
  const [tried, setTried] = useState(false);
  const [refused, setRefused] = useState<{ filterKey: string; issues: Issue[] } | null>(null);
  const rowIssues = useMemo(
    () => issuesAtNodes(refused?.filterKey === filterKey ? refused.issues : [], draft, fields.byKey),
    [refused, filterKey, draft, fields.byKey],
  );
  const ed = filterEditing({
    fields: fields.fields,
    byKey: fields.byKey,
    missing,
    tried,
    rowIssues,
    get: () => form.getValues().conditions,
    set: (next: DraftGroup) => form.setFieldValue("conditions", next),
  });

  const { create, update } = useRuleMutations();
  const save = rule ? update : create;
  const submit = form.onSubmit(
    (v) => {
      setTried(true);
      if (missing === null || Object.keys(missing).length > 0) return;
      const body = bodyOf(v);
      const done = {
        onSuccess: onSaved,
        onError: (e: unknown) => {
          const issues = apiIssues(e);
          setRefused({ filterKey, issues: asFilterIssues(issues) });
          form.setErrors(formErrorsOf(issues, v));
        },
      };
      if (rule) update.mutate({ id: rule.id, body }, done);
      else create.mutate(body, done);
    },
    () => setTried(true),
  );
  return { form, ed, fields, save, submit, missing };
}

/** The contract's own check of everything but the conditions, as issues with the API's paths. */
function issuesFromSchema(v: RuleValues): Issue[] {
  const r = ZRuleCreate.safeParse({ ...bodyOf(v), conditions: NO_CONDITIONS }, { error: issueMessage });
  return r.success ? [] : issuesOf(r.error);
}

export type RuleEditor = ReturnType<typeof useRuleEditor>;
