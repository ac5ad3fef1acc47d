import { Code, Switch, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { routes, ZUsageFeatureUpdate } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { invalidate } from "../../lib/query.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import { useFormState, useOnOpen } from "../../ui/form.ts";

export type EditableFeature = { event: string; name: string; key: boolean };

/** Renames a feature (an event name) and marks it key or not; key features drive breadth and depth. */
export function FeatureEditModal({
  feature,
  opened,
  onClose,
}: {
  feature: EditableFeature | undefined;
  opened: boolean;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const form = useFormState({ name: "", key: false });
  useOnOpen(opened, () => {
    form.reset({ name: feature?.name ?? "", key: feature?.key ?? false });
    save.reset();
  });
  const save = useMutation({
    mutationFn: (body: { name: string; key: boolean }) =>
      api(routes.updateUsageFeature, { params: { event: feature?.event ?? "" }, body }),
    onSuccess: async (f) => {
      await invalidate(qc, "/api/v1/usage/", routes.getAccountUsage.path);
      notifications.show({ message: `${f.name} saved${f.key ? " as a key feature" : ""}` });
      onClose();
    },
    onError: form.showServerErrors,
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body = { name: form.values.name.trim(), key: form.values.key };
    if (form.validate(ZUsageFeatureUpdate, body)) save.mutate(body);
  };
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="Edit feature"
      onSubmit={onSubmit}
      save={save}
      submitLabel="Save feature"
    >
      <Text size="sm" c="dimmed">
        Counts the event <Code>{feature?.event}</Code>.
      </Text>
      <TextInput
        label="Name"
        description="How people in Steward call this feature"
        required
        data-autofocus
        value={form.values.name}
        onChange={(e) => form.set("name", e.currentTarget.value)}
        error={form.errors.name}
      />
      <Switch
        label="Key feature"
        description="Key features measure breadth (how many an account uses) and depth (uses per active user)."
        checked={form.values.key}
        onChange={(e) => form.set("key", e.currentTarget.checked)}
      />
    </FormModal>
  );
}
