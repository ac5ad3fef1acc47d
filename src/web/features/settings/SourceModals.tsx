import { Alert, Button, Checkbox, Group, Modal, NumberInput, Radio, Stack, TextInput } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { routes, type Source, type SourceWithKey, ZSourceCreate } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { invalidate } from "../../lib/query.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import { useFormState, useOnOpen } from "../../ui/form.ts";
import { SecretOnce } from "../../ui/SecretOnce.tsx";
import { SourceSnippet } from "./SourceSnippet.tsx";

/** Events per second; the server's default for a new source. */
const DEFAULT_RATE_LIMIT = 50_000;

type Values = {
  name: string;
  unknownAccounts: Source["unknownAccounts"];
  traitsMayOverwrite: boolean;
  rateLimit: number | string;
};

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
  const qc = useQueryClient();
  const form = useFormState<Values>({
    name: "",
    unknownAccounts: "create",
    traitsMayOverwrite: false,
    rateLimit: DEFAULT_RATE_LIMIT,
  });
  useOnOpen(opened, () => {
    form.reset({
      name: source?.name ?? "",
      unknownAccounts: source?.unknownAccounts ?? "create",
      traitsMayOverwrite: source?.traitsMayOverwrite ?? false,
      rateLimit: source?.rateLimit ?? DEFAULT_RATE_LIMIT,
    });
    save.reset();
  });
  const save = useMutation({
    mutationFn: async (body: {
      name: string;
      unknownAccounts: Values["unknownAccounts"];
      traitsMayOverwrite: boolean;
      rateLimit: number;
    }) =>
      source
        ? { edited: await api(routes.updateSource, { params: { id: source.id }, body }) }
        : { created: await api(routes.createSource, { body }) },
    onSuccess: async (r) => {
      await invalidate(qc, routes.listSources.path);
      if (r.created) onCreated?.(r.created);
      else onClose();
    },
    onError: form.showServerErrors,
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      name: form.values.name.trim(),
      unknownAccounts: form.values.unknownAccounts,
      traitsMayOverwrite: form.values.traitsMayOverwrite,
      rateLimit: Number(form.values.rateLimit),
    };
    if (form.validate(ZSourceCreate, body)) save.mutate(body);
  };
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={source ? `Edit ${source.name}` : "Create a source"}
      onSubmit={onSubmit}
      save={save}
      submitLabel={source ? "Save source" : "Create source"}
    >
      <TextInput
        label="Name"
        description="Which product or environment sends through it, e.g. “Web app (production)”"
        required
        data-autofocus
        value={form.values.name}
        onChange={(e) => form.set("name", e.currentTarget.value)}
        error={form.errors.name}
      />
      <Radio.Group
        label="Events for an unknown account"
        description="When a group id matches no account's external id"
        value={form.values.unknownAccounts}
        onChange={(v) => form.set("unknownAccounts", v as Values["unknownAccounts"])}
        error={form.errors.unknownAccounts}
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
        checked={form.values.traitsMayOverwrite}
        onChange={(e) => form.set("traitsMayOverwrite", e.currentTarget.checked)}
        error={form.errors.traitsMayOverwrite}
      />
      <NumberInput
        label="Rate limit (events per second)"
        description="Requests above it are refused with 429 and Retry-After"
        min={1}
        max={1_000_000}
        thousandSeparator=","
        w={260}
        value={form.values.rateLimit}
        onChange={(v) => form.set("rateLimit", v)}
        error={form.errors.rateLimit}
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
