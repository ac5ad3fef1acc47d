import { Alert, Button, Checkbox, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { API_SCOPES, type ApiScope } from "../../../common/roles.ts";
import { type ApiKey, routes, ZApiKeyCreate } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { invalidate } from "../../lib/query.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import { serverFieldErrors, useOnOpen, zodFieldErrors } from "../../ui/form.ts";
import { SecretOnce } from "../../ui/SecretOnce.tsx";

const SCOPE_HELP: Record<ApiScope, string> = {
  read: "Read accounts, contacts, subscriptions and the timeline",
  write: "Create and change records, run imports",
  ingest: "Send product-usage events",
  admin: "Manage members, API keys and custom fields",
};

export function CreateKeyModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (k: ApiKey & { key: string }) => void;
}) {
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiScope[]>(["read"]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const qc = useQueryClient();
  useOnOpen(opened, () => {
    setName("");
    setScopes(["read"]);
    setErrors({});
    save.reset();
  });
  const save = useMutation({
    mutationFn: () => api(routes.createApiKey, { body: { name: name.trim(), scopes } }),
    onSuccess: async (k) => {
      await invalidate(qc, routes.listApiKeys.path);
      onCreated(k);
    },
    onError: (e) => setErrors(serverFieldErrors(e)),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errs = zodFieldErrors(ZApiKeyCreate, { name: name.trim(), scopes });
    if (errs) {
      setErrors(errs);
      return;
    }
    save.mutate();
  };
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="Create an API key"
      onSubmit={onSubmit}
      save={save}
      submitLabel="Create key"
    >
      <TextInput
        label="Name"
        description="Which system uses it, e.g. “Salesforce sync”"
        required
        data-autofocus
        value={name}
        onChange={(e) => {
          setName(e.currentTarget.value);
          setErrors({});
        }}
        error={errors.name}
      />
      <Checkbox.Group
        label="Scopes"
        description="What the key may do"
        value={scopes}
        onChange={(v) => {
          setScopes(v as ApiScope[]);
          setErrors({});
        }}
        error={errors.scopes}
      >
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
