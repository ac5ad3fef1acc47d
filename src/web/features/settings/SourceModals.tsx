import { Alert, Button, Checkbox, Group, Modal, NumberInput, Radio, Stack, TextInput } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { type Source, type SourceWithKey, ZSourceCreate, ZSourceUpdate } from "../../../contract/index.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import { type FieldLabels, restart, showServerErrors, useContractForm, useOnOpen } from "../../ui/form.ts";
import { SecretOnce } from "../../ui/SecretOnce.tsx";
import { SourceSnippet } from "./SourceSnippet.tsx";
import { type SourceBody, useSaveSource } from "./use-source-mutations.ts";

/** Events per second; the server's default for a new source. */
const DEFAULT_RATE_LIMIT = 50_000;

type Values = {
  name: string;
  unknownAccounts: Source["unknownAccounts"];
  traitsMayOverwrite: boolean;
  rateLimit: number | string;
};

const LABELS: FieldLabels = {
  name: "Name",
  unknownAccounts: "Events for an unknown account",
  traitsMayOverwrite: "Contact details",
  rateLimit: "Rate limit",
};
const valuesOf = (source: Source | undefined): Values => ({
  name: source?.name ?? "",
  unknownAccounts: source?.unknownAccounts ?? "create",
  traitsMayOverwrite: source?.traitsMayOverwrite ?? false,
  rateLimit: source?.rateLimit ?? DEFAULT_RATE_LIMIT,
});
const toBody = (v: Values): SourceBody => ({
  name: v.name.trim(),
  unknownAccounts: v.unknownAccounts,
  traitsMayOverwrite: v.traitsMayOverwrite,
  rateLimit: Number(v.rateLimit),
});

/**
 * Creates a source (then shows its key) or changes one's name, unknown-account policy, whether its
 * traits may overwrite contacts, and rate limit.
 */
export function SourceFormModal({
  opened,
  onClose,
  source,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  source?: Source;
  onCreated?: (s: SourceWithKey) => void;
}) {
  const form = useContractForm({
    initialValues: valuesOf(source),
    labels: LABELS,
    schema: source ? ZSourceUpdate : ZSourceCreate,
    toBody,
  });
  const save = useSaveSource(source);
  useOnOpen(opened, () => {
    restart(form, valuesOf(source));
    save.reset();
  });
  const onSubmit = form.onSubmit((body) =>
    save.mutate(body, {
      onSuccess: (r) => {
        if (r.created) onCreated?.(r.created);
        else onClose();
      },
      onError: showServerErrors(form, LABELS),
    }),
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={source ? `Edit ${source.name}` : "Create a source"}
      onSubmit={onSubmit}
      save={save}
      errors={form.errors}
      submitLabel={source ? "Save source" : "Create source"}
    >
      <TextInput
        label="Name"
        description="Which product or environment sends through it, e.g. “Web app (production)”"
        required
        data-autofocus
        {...form.getInputProps("name")}
      />
      <Radio.Group
        label="Events for an unknown account"
        description="When a group id matches no account's external id"
        {...form.getInputProps("unknownAccounts")}
      >
        <Stack gap={8} mt={6}>
          <Radio value="create" label="Create the account" description="Named from the group call's traits" />
          <Radio
            value="park"
            label="Park the events for review"
            description="An admin creates, links or discards each group on Usage → Parked groups"
          />
        </Stack>
      </Radio.Group>
      <Checkbox
        label="Let this source change contact details already in Steward"
        description="Off: what the product sends about a person (identify traits) only fills a contact's empty email, name or title. On: it also replaces details that are already there. The write key is not secret (web pages carry it), so turn this on only for a source you trust, such as your own backend."
        {...form.getInputProps("traitsMayOverwrite", { type: "checkbox" })}
      />
      <NumberInput
        label="Rate limit (events per second)"
        description="Requests above it are refused with 429 and Retry-After"
        min={1}
        max={1_000_000}
        thousandSeparator=","
        w={260}
        {...form.getInputProps("rateLimit")}
      />
    </FormModal>
  );
}

/** A write key, shown once after a source is created or its key rotated, with the snippet using it. */
export function ShowWriteKeyModal({
  shown,
  rotated,
  onClose,
}: {
  shown: SourceWithKey | null;
  rotated: boolean;
  onClose: () => void;
}) {
  const [kept, setKept] = useState(shown);
  useEffect(() => {
    if (shown) setKept(shown);
  }, [shown]);
  return (
    <Modal
      opened={shown !== null}
      onClose={onClose}
      title={rotated ? `New write key for “${kept?.name ?? ""}”` : `Source “${kept?.name ?? ""}” created`}
      closeOnClickOutside={false}
      size="xl"
    >
      <Stack gap="md">
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
          Copy the write key now. This is the only time Steward shows it; only a hash is stored.
          {rotated ? " The previous key has stopped working." : ""} If you lose it, rotate the key.
        </Alert>
        <SecretOnce value={kept?.writeKey} testId="new-write-key" copyLabel="Copy key" />
        <SourceSnippet writeKey={kept?.writeKey} />
        <Group justify="flex-end">
          <Button onClick={onClose}>I have copied the key</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
