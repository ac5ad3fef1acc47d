import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { type HealthModel, type ModelDefinition, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { invalidate } from "../../lib/query.ts";
import { type FieldLabels, restart, showServerErrors } from "../../ui/form.ts";
import { definitionErrors, definitionLabels } from "./modelDraft.ts";

/** The editor's form: the model's name, description, priority and definition as typed. */
export type ModelValues = {
  name: string;
  description: string;
  priority: number;
  definition: ModelDefinition | null;
};
const LABELS: FieldLabels = { name: "Name", description: "Description", priority: "Priority" };

const valuesOf = (m: HealthModel): ModelValues => ({
  name: m.name,
  description: m.description ?? "",
  priority: m.priority,
  definition: (m.draft ?? m.published)?.definition ?? null,
});

/**
 * The model being edited on a form: whether it differs from the saved draft, and save / publish /
 * discard with the API's field errors placed at their fields.
 */
export function useModelEditor(model: HealthModel) {
  const qc = useQueryClient();
  // No check before saving: the API's answer is what places errors at the measure rows.
  const form = useForm<ModelValues>({ mode: "controlled", initialValues: valuesOf(model) });
  // A fresh model from the server (after a save, publish or discard) restarts the edit.
  // biome-ignore lint/correctness/useExhaustiveDependencies: restart only when the model changes
  useEffect(() => restart(form, valuesOf(model)), [model]);

  const showErrors = (e: unknown) =>
    showServerErrors(form, { ...LABELS, ...definitionLabels(form.getValues().definition) })(e);
  const refreshed = async (updated: HealthModel) => {
    qc.setQueryData([routes.getHealthModel.path, { id: model.id }, null], updated);
    await invalidate(qc, "/api/v1/health", routes.listAccounts.path);
  };
  const save = useMutation({
    mutationFn: ({ name, description, priority, definition }: ModelValues) =>
      api(routes.updateHealthModel, {
        params: { id: model.id },
        body: {
          name,
          description: description.trim() || null,
          priority,
          ...(definition ? { definition } : {}),
        },
      }),
    onSuccess: async (m) => {
      await refreshed(m);
      notifications.show({ message: `Draft v${m.draft?.version ?? ""} saved` });
    },
    onError: showErrors,
  });
  const publish = useMutation({
    mutationFn: () => api(routes.publishHealthModel, { params: { id: model.id } }),
    onSuccess: async (m) => {
      await refreshed(m);
      notifications.show({ message: `Version ${m.published?.version} published; scores recomputed` });
    },
  });
  const discard = useMutation({
    mutationFn: () => api(routes.discardHealthModelDraft, { params: { id: model.id } }),
    onSuccess: refreshed,
  });
  const archive = useMutation({
    mutationFn: (archived: boolean) =>
      api(routes.updateHealthModel, { params: { id: model.id }, body: { archived } }),
    onSuccess: refreshed,
  });
  return {
    form,
    /** Errors inside the definition, keyed from it, for the applies-to and groups editors. */
    definitionErrors: definitionErrors(form.errors),
    setDefinition: (d: ModelDefinition) => form.setFieldValue("definition", d),
    dirty: form.isDirty(),
    showErrors,
    save,
    publish,
    discard,
    archive,
  };
}

export type ModelEditorState = ReturnType<typeof useModelEditor>;
