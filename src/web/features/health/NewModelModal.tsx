import { NumberInput, Select, Textarea, TextInput } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import { type HealthModel, ZHealthModelCreate } from "../../../contract/index.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import {
  blankToNull,
  type FieldLabels,
  restart,
  showServerErrors,
  useContractForm,
  useOnOpen,
} from "../../ui/form.ts";
import { blankDefinition } from "./modelDraft.ts";
import { type HealthModelBody, useCreateHealthModel } from "./use-health-mutations.ts";

type Values = { name: string; description: string; priority: number | string; copyOf: string };
const LABELS: FieldLabels = { name: "Name", description: "Description", priority: "Priority" };
const INITIAL: Values = { name: "", description: "", priority: 50, copyOf: "" };

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
  const navigate = useNavigate();
  const toBody = (v: Values): HealthModelBody => {
    const source = models.find((m) => m.id === v.copyOf);
    return {
      name: v.name.trim(),
      description: blankToNull(v.description),
      priority: typeof v.priority === "number" ? v.priority : undefined,
      definition: (source?.draft ?? source?.published)?.definition ?? blankDefinition(),
    };
  };
  const form = useContractForm({
    initialValues: INITIAL,
    labels: LABELS,
    schema: ZHealthModelCreate,
    toBody,
  });
  const save = useCreateHealthModel();
  useOnOpen(opened, () => {
    restart(form, INITIAL);
    save.reset();
  });
  const onSubmit = form.onSubmit((body) =>
    save.mutate(body, {
      onSuccess: async (m) => {
        onClose();
        await navigate({ to: "/health/$id", params: { id: m.id } });
      },
      onError: showServerErrors(form, LABELS),
    }),
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="New health model"
      onSubmit={onSubmit}
      save={save}
      errors={form.errors}
      submitLabel="Create draft"
    >
      <TextInput label="Name" required data-autofocus {...form.getInputProps("name")} />
      <Textarea label="Description" autosize minRows={2} {...form.getInputProps("description")} />
      <NumberInput
        label="Priority"
        description="When several published models apply to an account, the lowest number scores it"
        min={0}
        max={1000}
        {...form.getInputProps("priority")}
      />
      <Select
        label="Start from"
        placeholder="A blank model (one usage group)"
        clearable
        data={models.map((m) => ({ value: m.id, label: `A copy of ${m.name}` }))}
        value={form.values.copyOf || null}
        onChange={(v) => form.setFieldValue("copyOf", v ?? "")}
      />
    </FormModal>
  );
}
