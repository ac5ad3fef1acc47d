import { Select, TagsInput, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  CUSTOM_FIELD_ENTITIES,
  CUSTOM_FIELD_TYPES,
  type CustomFieldDef,
  ZCustomFieldCreate,
} from "../../../contract/index.ts";
import { humanize } from "../../lib/labels.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import { type FieldLabels, restart, showServerErrors, useContractForm, useOnOpen } from "../../ui/form.ts";
import { type CustomFieldBody, useCustomFieldMutations } from "./use-custom-field-mutations.ts";

type Entity = CustomFieldDef["entity"];
export const ENTITY_LABEL: Record<Entity, string> = {
  account: "Accounts",
  contact: "Contacts",
  subscription: "Subscriptions",
};

type Draft = { entity: string; key: string; label: string; type: string; options: string[] };

const LABELS: FieldLabels = {
  entity: "Applies to",
  key: "Key",
  label: "Label",
  type: "Type",
  options: "Options",
};
const toBody = (v: Draft): CustomFieldBody => ({
  entity: v.entity as Entity,
  key: v.key.trim(),
  label: v.label.trim(),
  type: v.type as CustomFieldDef["type"],
  options: v.type === "select" ? v.options : undefined,
});

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
  const form = useContractForm({
    initialValues: initial,
    labels: LABELS,
    schema: ZCustomFieldCreate,
    toBody,
  });
  const save = useCustomFieldMutations().create;
  useOnOpen(opened, () => {
    restart(form, initial);
    save.reset();
  });
  const onSubmit = form.onSubmit((body) =>
    save.mutate(body, {
      onSuccess: (d) => {
        notifications.show({ color: "green", message: `Field “${d.label}” defined` });
        onClose();
      },
      onError: showServerErrors(form, LABELS),
    }),
  );
  const v = form.values;
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
      errors={form.errors}
      submitLabel="Define field"
    >
      <Select
        label="Applies to"
        data={CUSTOM_FIELD_ENTITIES.map((e) => ({ value: e, label: ENTITY_LABEL[e] }))}
        allowDeselect={false}
        {...form.getInputProps("entity")}
      />
      <TextInput
        label="Label"
        required
        data-autofocus
        {...form.getInputProps("label")}
        onChange={(e) => {
          const label = e.currentTarget.value;
          if (v.key === "" || v.key === suggestKey(v.label)) form.setFieldValue("key", suggestKey(label));
          form.setFieldValue("label", label);
        }}
      />
      <TextInput
        label="Key"
        description="Used in the API and CSV columns (custom:<key>); letters, digits and _"
        required
        {...form.getInputProps("key")}
        ff="monospace"
      />
      <Select
        label="Type"
        data={CUSTOM_FIELD_TYPES.map((t) => ({ value: t, label: humanize(t) }))}
        allowDeselect={false}
        {...form.getInputProps("type")}
      />
      {v.type === "select" ? (
        <TagsInput
          label="Options"
          description="Type an option and press Enter"
          {...form.getInputProps("options")}
        />
      ) : null}
    </FormModal>
  );
}
