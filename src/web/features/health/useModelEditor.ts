import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { type HealthModel, type ModelDefinition, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { apiIssues, issueText, pathLabel } from "../../lib/issues.ts";
import { invalidate } from "../../lib/query.ts";
import { definitionErrors } from "./modelDraft.ts";

export type ModelMeta = { name: string; description: string; priority: number };

const metaOf = (m: HealthModel): ModelMeta => ({
  name: m.name,
  description: m.description ?? "",
  priority: m.priority,
});
const definitionOf = (m: HealthModel): ModelDefinition | null => (m.draft ?? m.published)?.definition ?? null;

/**
 * The model being edited: its name, priority and definition as typed, whether that differs from
 * the saved draft, and save / publish / discard with the API's field errors placed at their fields.
 */
export function useModelEditor(model: HealthModel) {
  const qc = useQueryClient();
  const [meta, setMeta] = useState(() => metaOf(model));
  const [def, setDef] = useState(() => definitionOf(model));
  const [errors, setErrors] = useState<Record<string, string>>({});
  // A fresh model from the server (after a save, publish or discard) restarts the edit.
  useEffect(() => {
    setMeta(metaOf(model));
    setDef(definitionOf(model));
  }, [model]);

  const dirty =
    JSON.stringify(meta) !== JSON.stringify(metaOf(model)) ||
    JSON.stringify(def) !== JSON.stringify(definitionOf(model));
  const showErrors = (e: unknown) => {
    const all: Record<string, string> = {};
    for (const i of apiIssues(e)) all[i.path] ??= issueText(pathLabel(i.path), i.message);
    setErrors({ ...all, ...definitionErrors(all) });
  };
  const refreshed = async (updated: HealthModel) => {
    qc.setQueryData([routes.getHealthModel.path, { id: model.id }, null], updated);
    await invalidate(qc, "/api/v1/health", routes.listAccounts.path);
    setErrors({});
  };
  const save = useMutation({
    mutationFn: () =>
      api(routes.updateHealthModel, {
        params: { id: model.id },
        body: {
          name: meta.name,
          description: meta.description.trim() || null,
          priority: meta.priority,
          ...(def ? { definition: def } : {}),
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
  return { meta, setMeta, def, setDef, errors, showErrors, dirty, save, publish, discard, archive };
}

export type ModelEditorState = ReturnType<typeof useModelEditor>;
