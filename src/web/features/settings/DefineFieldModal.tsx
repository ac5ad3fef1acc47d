import { Select, TagsInput, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import {
  CUSTOM_FIELD_ENTITIES,
  CUSTOM_FIELD_TYPES,
  type CustomFieldDef,
  routes,
  ZCustomFieldCreate,
} from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { humanize } from "../../lib/labels.ts";
import { invalidate } from "../../lib/query.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import { useFormState, useOnOpen } from "../../ui/form.ts";

type Entity = CustomFieldDef["entity"];
export const ENTITY_LABEL: Record<Entity, string> = {
  account: "Accounts",
  contact: "Contacts",
  subscription: "Subscriptions",
};

type Draft = { entity: string; key: string; label: string; type: string; options: string[] };

export function DefineFieldModal({
  opened,
  onClose,
  entity,
}: {
  opened: boolean;
  onClose: () => void;
  entity: Entity;
}) {
  const initial: Draft = { entity, key: "", label: "", type: "text", options: [] };
  const form = useFormState<Draft>(initial);
  const qc = useQueryClient();
  useOnOpen(opened, () => {
    form.reset(initial);
    save.reset();
  });
  const body = () => ({
    entity: form.values.entity as Entity,
    key: form.values.key.trim(),
    label: form.values.label.trim(),
    type: form.values.type as CustomFieldDef["type"],
    options: form.values.type === "select" ? form.values.options : undefined,
  });
  const save = useMutation({
    mutationFn: () => api(routes.createCustomField, { body: body() }),
    onSuccess: async (d) => {
      await invalidate(qc, routes.listCustomFields.path);
      notifications.show({ color: "green", message: `Field “${d.label}” defined` });
      onClose();
    },
    onError: form.showServerErrors,
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (form.validate(ZCustomFieldCreate, body())) save.mutate();
  };
  const v = form.values;
  const err = form.errors;
  // A key derived from the label until someone edits the key.
  const suggestKey = (label: string) =>
    label
      .trim()
      .replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))
      .replace(/^[^A-Za-z]+/, "")
      .replace(/^./, (c) => c.toLowerCase())
      .slice(0, 63);
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="Define a custom field"
      onSubmit={onSubmit}
      save={save}
      submitLabel="Define field"
    >
      <Select
        label="Applies to"
        data={CUSTOM_FIELD_ENTITIES.map((e) => ({ value: e, label: ENTITY_LABEL[e] }))}
        value={v.entity}
        allowDeselect={false}
        onChange={(s) => s && form.set("entity", s)}
        error={err.entity}
      />
      <TextInput
        label="Label"
        required
        data-autofocus
        value={v.label}
        onChange={(e) => {
          const label = e.currentTarget.value;
          if (v.key === "" || v.key === suggestKey(v.label)) form.set("key", suggestKey(label));
          form.set("label", label);
        }}
        error={err.label}
      />
      <TextInput
        label="Key"
        description="Used in the API and CSV columns (custom:<key>); letters, digits and _"
        required
        value={v.key}
        onChange={(e) => form.set("key", e.currentTarget.value)}
        error={err.key}
        ff="monospace"
      />
      <Select
        label="Type"
        data={CUSTOM_FIELD_TYPES.map((t) => ({ value: t, label: humanize(t) }))}
        value={v.type}
        allowDeselect={false}
        onChange={(s) => s && form.set("type", s)}
        error={err.type}
      />
      {v.type === "select" ? (
        <TagsInput
          label="Options"
          description="Type an option and press Enter"
          value={v.options}
          onChange={(o) => form.set("options", o)}
          error={err.options}
        />
      ) : null}
    </FormModal>
  );
}
