import { Code, Switch, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { ZUsageFeatureUpdate } from "../../../contract/index.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import { type FieldLabels, restart, showServerErrors, useContractForm, useOnOpen } from "../../ui/form.ts";
import { type FeatureBody, useSaveFeature } from "./use-usage-mutations.ts";

type FeatureValues = { name: string; key: boolean };
const LABELS: FieldLabels = { name: "Name", key: "Key feature" };

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
  const initial = (): FeatureValues => ({ name: feature?.name ?? "", key: feature?.key ?? false });
  const form = useContractForm({
    initialValues: initial(),
    labels: LABELS,
    schema: ZUsageFeatureUpdate,
    toBody: (v: FeatureValues): FeatureBody => ({ name: v.name.trim(), key: v.key }),
  });
  const save = useSaveFeature(feature?.event);
  useOnOpen(opened, () => {
    restart(form, initial());
    save.reset();
  });
  const onSubmit = form.onSubmit((body) =>
    save.mutate(body, {
      onSuccess: (f) => {
        notifications.show({ message: `${f.name} saved${f.key ? " as a key feature" : ""}` });
        onClose();
      },
      onError: showServerErrors(form, LABELS),
    }),
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="Edit feature"
      onSubmit={onSubmit}
      save={save}
      errors={form.errors}
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
        {...form.getInputProps("name")}
      />
      <Switch
        label="Key feature"
        description="Key features measure breadth (how many an account uses) and depth (uses per active user)."
        {...form.getInputProps("key", { type: "checkbox" })}
      />
    </FormModal>
  );
}
