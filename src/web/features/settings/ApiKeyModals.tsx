import { Alert, Button, Checkbox, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { API_SCOPES, type ApiScope } from "../../../common/roles.ts";
import { type ApiKey, ZApiKeyCreate } from "../../../contract/index.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import { type FieldLabels, restart, showServerErrors, useContractForm, useOnOpen } from "../../ui/form.ts";
import { SecretOnce } from "../../ui/SecretOnce.tsx";
import { type ApiKeyBody, useApiKeyMutations } from "./use-api-key-mutations.ts";

const SCOPE_HELP: Record<ApiScope, string> = {
  read: "Read accounts, contacts, subscriptions and the timeline",
  write: "Create and change records, run imports",
  ingest: "Send product-usage events",
  admin: "Manage members, API keys and custom fields",
};

type KeyValues = { name: string; scopes: ApiScope[] };
const BLANK_KEY: KeyValues = { name: "", scopes: ["read"] };
const KEY_LABELS: FieldLabels = { name: "Name", scopes: "Scopes" };

export function CreateKeyModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (k: ApiKey & { key: string }) => void;
}) {
  const form = useContractForm({
    initialValues: BLANK_KEY,
    labels: KEY_LABELS,
    schema: ZApiKeyCreate,
    toBody: (v: KeyValues): ApiKeyBody => ({ name: v.name.trim(), scopes: v.scopes }),
  });
  const save = useApiKeyMutations().create;
  useOnOpen(opened, () => {
    restart(form, BLANK_KEY);
    save.reset();
  });
  const onSubmit = form.onSubmit((body) =>
    save.mutate(body, { onSuccess: onCreated, onError: showServerErrors(form, KEY_LABELS) }),
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="Create an API key"
      onSubmit={onSubmit}
      save={save}
      errors={form.errors}
      submitLabel="Create key"
    >
      <TextInput
        label="Name"
        description="Which system uses it, e.g. “Salesforce sync”"
        required
        data-autofocus
        {...form.getInputProps("name")}
      />
      <Checkbox.Group label="Scopes" description="What the key may do" {...form.getInputProps("scopes")}>
        <Stack gap={8} mt={6}>
          {API_SCOPES.map((s) => (
            <Checkbox key={s} value={s} label={s} description={SCOPE_HELP[s]} />
          ))}
        </Stack>
      </Checkbox.Group>
    </FormModal>
  );
}

export function ShowKeyModal({
  created,
  onClose,
}: {
  created: (ApiKey & { key: string }) | null;
  onClose: () => void;
}) {
  const [kept, setKept] = useState(created);
  useEffect(() => {
    if (created) setKept(created);
  }, [created]);
  return (
    <Modal
      opened={created !== null}
      onClose={onClose}
      title={`API key “${kept?.name ?? ""}” created`}
      closeOnClickOutside={false}
      size="lg"
    >
      <Stack gap="md">
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
          Copy the key now. This is the only time Steward shows it; only a hash is stored. If you lose it,
          revoke it and create a new one.
        </Alert>
        <SecretOnce value={kept?.key} testId="new-api-key" />
        <Text size="sm" c="dimmed">
          Scopes: {kept?.scopes.join(", ")}
        </Text>
        <Group justify="flex-end">
          <Button onClick={onClose}>I have copied the key</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
