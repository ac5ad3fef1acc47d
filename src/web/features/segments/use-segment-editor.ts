import { useForm } from "@mantine/form";
import { useMemo, useState } from "react";
import { type Issue, type Segment, type SegmentEntity, ZSegmentCreate } from "../../../contract/index.ts";
import { apiIssues, type FieldLabels, issuesToFormErrors, schemaFormErrors } from "../../lib/issues.ts";
import { blankToNull } from "../../ui/form.ts";
import {
  blankFilter,
  type DraftGroup,
  draftOf,
  filterEditing,
  filterOf,
  issuesAtNodes,
  unfinished,
} from "./filterDraft.ts";
import { useSegmentPreview } from "./use-segment-preview.ts";
import { useSegmentFields, useSegmentMutations } from "./use-segments.ts";

export type SegmentValues = { name: string; description: string; entity: SegmentEntity; filter: DraftGroup };

const LABELS: FieldLabels = { name: "Name", description: "Description", entity: "Segment of" };
const ZDetails = ZSegmentCreate.pick({ name: true, description: true });
const isFilterIssue = (i: Issue) => i.path === "filter" || i.path.startsWith("filter.");

const valuesOf = (s: Segment | undefined): SegmentValues =>
  s
    ? { name: s.name, description: s.description ?? "", entity: s.entity, filter: draftOf(s.filter) }
    : { name: "", description: "", entity: "account", filter: blankFilter() };

/**
 * A segment being built or edited: its form (name, description, entity and the filter draft), the
 * fields it can test, the live count, and saving. Problems show where they are: the name's at the
 * name, a condition's at its row — from the live count as the filter changes, from a refused save,
 * and, once the user tried to save, what an unfinished row still needs.
 */
export function useSegmentEditor(segment: Segment | undefined, onSaved: (s: Segment) => void) {
  const form = useForm<SegmentValues>({
    mode: "controlled",
    initialValues: valuesOf(segment),
    validate: (v) =>
      schemaFormErrors(ZDetails, { name: v.name, description: blankToNull(v.description) }, LABELS),
  });
  const { entity, filter: draft } = form.values;
  const fields = useSegmentFields(entity);
  const filter = useMemo(() => filterOf(draft), [draft]);
  const filterKey = JSON.stringify(filter);
  // Null until the fields are known: nothing can be counted before.
  const missing = useMemo(() => (fields.fields ? unfinished(draft, fields.byKey) : null), [draft, fields]);
  const ready = missing !== null && Object.keys(missing).length === 0;
  const preview = useSegmentPreview(entity, filter, ready);

  const [tried, setTried] = useState(false);
  const [refused, setRefused] = useState<{ filterKey: string; issues: Issue[] } | null>(null);
  const rowIssues = useMemo(
    () =>
      issuesAtNodes(
        [...preview.issues, ...(refused?.filterKey === filterKey ? refused.issues : [])],
        draft,
        fields.byKey,
      ),
    [preview.issues, refused, filterKey, draft, fields.byKey],
  );

  const ed = filterEditing({
    fields: fields.fields,
    byKey: fields.byKey,
    missing,
    tried,
    rowIssues,
    get: () => form.getValues().filter,
    set: (next: DraftGroup) => form.setFieldValue("filter", next),
  });

  const { create, update } = useSegmentMutations();
  const save = segment ? update : create;
  const onRefused = (e: unknown) => {
    const issues = apiIssues(e);
    setRefused({ filterKey, issues: issues.filter(isFilterIssue) });
    form.setErrors(
      issuesToFormErrors(
        issues.filter((i) => !isFilterIssue(i)),
        LABELS,
      ),
    );
  };
  const submit = form.onSubmit(
    (v) => {
      if (!ready) {
        setTried(true);
        return;
      }
      const details = { name: v.name.trim(), description: blankToNull(v.description), filter };
      const done = { onSuccess: onSaved, onError: onRefused };
      if (segment) update.mutate({ id: segment.id, body: details }, done);
      else create.mutate({ ...details, entity: v.entity }, done);
    },
    () => setTried(true),
  );

  return {
    form,
    ed,
    fields,
    preview,
    /** Conditions still missing a field or value (null while the fields load). */
    missing,
    save,
    submit,
    /** Another entity tests other fields: the filter starts again. */
    setEntity: (e: SegmentEntity) => {
      form.setValues({ entity: e, filter: blankFilter() });
      setTried(false);
    },
    dirty: form.isDirty(),
  };
}

export type SegmentEditor = ReturnType<typeof useSegmentEditor>;
