import { NumberInput, Select, Textarea, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import type { FormEvent } from "react";
import { type HealthModel, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { invalidate } from "../../lib/query.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import { blankToNull, useFormState, useOnOpen } from "../../ui/form.ts";
import { blankDefinition } from "./modelDraft.ts";

/** A new model, blank or copied from an existing one; it starts as a draft and opens in the editor. */
export function NewModelModal({
  opened,
  onClose,
  models,
}: {
  opened: boolean;
  onClose: () => void;
  models: HealthModel[];
}) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const initial = { name: "", description: "", priority: 50 as number | string, copyOf: "" };
  const form = useFormState(initial);
  useOnOpen(opened, () => form.reset(initial));
  const save = useMutation({
    mutationFn: () => {
      const source = models.find((m) => m.id === form.values.copyOf);
      const definition = (source?.draft ?? source?.published)?.definition ?? blankDefinition();
      return api(routes.createHealthModel, {
        body: {
          name: form.values.name,
          description: blankToNull(form.values.description),
          priority: typeof form.values.priority === "number" ? form.values.priority : undefined,
          definition,
        },
      });
    },
    onSuccess: async (m) => {
      await invalidate(qc, routes.listHealthModels.path);
      onClose();
      await navigate({ to: "/health/$id", params: { id: m.id } });
    },
    onError: form.showServerErrors,
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="New health model"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (!form.values.name.trim()) return form.setErrors({ name: "Give the model a name" });
        save.mutate();
      }}
      save={save}
      submitLabel="Create draft"
    >
      <TextInput
        label="Name"
        required
        data-autofocus
        value={form.values.name}
        onChange={(e) => form.set("name", e.currentTarget.value)}
        error={form.errors.name}
      />
      <Textarea
        label="Description"
        autosize
        minRows={2}
        value={form.values.description}
        onChange={(e) => form.set("description", e.currentTarget.value)}
        error={form.errors.description}
      />
      <NumberInput
        label="Priority"
        description="When several published models apply to an account, the lowest number scores it"
        min={0}
        max={1000}
        value={form.values.priority}
        onChange={(v) => form.set("priority", v)}
        error={form.errors.priority}
      />
      <Select
        label="Start from"
        placeholder="A blank model (one usage group)"
        clearable
        data={models.map((m) => ({ value: m.id, label: `A copy of ${m.name}` }))}
        value={form.values.copyOf || null}
        onChange={(v) => form.set("copyOf", v ?? "")}
      />
    </FormModal>
  );
}
