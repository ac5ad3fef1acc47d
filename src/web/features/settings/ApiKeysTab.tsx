import {
  Badge,
  Button,
  Code,
  EmptyState,
  Group,
  SegmentedControl,
  Stack,
  Text,
  Tooltip,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconKey, IconPlus, IconTrash } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { type ApiKey, routes } from "../../../contract/index.ts";
import { formatDateTime, relativeDays } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { type AnyColumns, actionsColumn, columnHelper } from "../../ui/DataTable.tsx";
import { useEditTarget } from "../../ui/form.ts";
import { ListTable, pagerFor, usePaging } from "../../ui/ListTable.tsx";
import { RowAction } from "../../ui/RowAction.tsx";
import { CreateKeyModal, ShowKeyModal } from "./ApiKeyModals.tsx";
import { useApiKeyMutations } from "./use-api-key-mutations.ts";

const col = columnHelper<ApiKey>();

export function ApiKeysTab() {
  const paging = usePaging("-created");
  const { cursor, limit, sort } = paging;
  const [status, setStatus] = useState<"all" | "active" | "revoked">("all");
  const [creating, create] = useDisclosure(false);
  const [created, setCreated] = useState<(ApiKey & { key: string }) | null>(null);
  const revoking = useEditTarget<ApiKey>();
  const keys = useQuery({
    ...apiQuery(routes.listApiKeys, {
      query: { limit, cursor, sort: sort as "created", status: status === "all" ? undefined : status },
    }),
    placeholderData: keepPreviousData,
  });

  const { revoke } = useApiKeyMutations();
  const revokeKey = (k: ApiKey) =>
    revoke.mutate(k, {
      onSuccess: () => {
        notifications.show({ message: `Key “${k.name}” revoked; requests with it now fail` });
        revoking.close();
      },
    });

  const columns: AnyColumns<ApiKey> = [
    col.accessor("name", {
      meta: { sortKey: "name" },
      header: "Name",
      cell: (i) => (
        <Text size="sm" fw={500}>
          {i.getValue()}
        </Text>
      ),
    }),
    col.accessor("prefix", { header: "Key", cell: (i) => <Code>{i.getValue()}…</Code> }),
    col.accessor("scopes", {
      header: "Scopes",
      cell: (i) => (
        <Group gap={4}>
          {i.row.original.scopes.map((s) => (
            <Badge key={s} size="xs" variant="light" color={s === "admin" ? "orange" : undefined}>
              {s}
            </Badge>
          ))}
        </Group>
      ),
    }),
    col.accessor("createdAt", {
      header: "Created",
      meta: { sortKey: "created" },
      cell: (i) => formatDateTime(i.getValue()),
    }),
    col.accessor("lastUsedAt", {
      header: "Last used",
      cell: (i) =>
        i.getValue() ? (
          <Tooltip label={formatDateTime(i.getValue())} withArrow>
            <span>{relativeDays(i.getValue())}</span>
          </Tooltip>
        ) : (
          <Text size="sm" c="dimmed">
            Never
          </Text>
        ),
    }),
    col.accessor("revokedAt", {
      header: "Status",
      cell: (i) =>
        i.getValue() ? (
          <Tooltip label={`Revoked ${formatDateTime(i.getValue())}`} withArrow>
            <Badge size="sm" color="gray" variant="outline">
              Revoked
            </Badge>
          </Tooltip>
        ) : (
          <Badge size="sm" color="green" variant="light">
            Active
          </Badge>
        ),
    }),
    ...actionsColumn<ApiKey>((k) =>
      k.revokedAt ? null : (
        <RowAction
          tooltip="Revoke key"
          label={`Revoke ${k.name}`}
          icon={<IconTrash size={16} />}
          onClick={() => {
            revoke.reset();
            revoking.open(k);
          }}
        />
      ),
    ),
  ];

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Keys let other systems use Steward's REST API: send them as{" "}
          <Code>Authorization: Bearer &lt;key&gt;</Code>. Give each system its own key with only the scopes it
          needs.
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={create.open}>
          Create API key
        </Button>
      </Group>
      <SegmentedControl
        w="fit-content"
        value={status}
        onChange={(v) => {
          setStatus(v as typeof status);
          paging.restart();
        }}
        data={[
          { value: "all", label: "All keys" },
          { value: "active", label: "Active" },
          { value: "revoked", label: "Revoked" },
        ]}
      />
      <ListTable
        query={keys}
        errorTitle="API keys could not be loaded"
        label="API keys"
        columns={columns}
        data={keys.data?.data}
        loading={keys.isLoading}
        rowKey={(k) => k.id}
        sort={sort}
        onSort={paging.setSort}
        minWidth={760}
        empty={
          <EmptyState
            icon={<IconKey size={24} />}
            withIndicatorBackground
            title="No API keys yet"
            description="Create a key to connect your CRM, billing system or product to Steward."
          />
        }
        pager={pagerFor(keys.data, paging)}
      />
      <CreateKeyModal
        opened={creating}
        onClose={create.close}
        onCreated={(k) => {
          create.close();
          setCreated(k);
        }}
      />
      <ShowKeyModal created={created} onClose={() => setCreated(null)} />
      <ConfirmDialog
        opened={revoking.opened}
        onClose={revoking.close}
        title={`Revoke “${revoking.target?.name ?? ""}”?`}
        message="Every system using this key loses access at once. This cannot be undone; create a new key to restore access."
        confirmLabel="Revoke key"
        onConfirm={() => revoking.target && revokeKey(revoking.target)}
        loading={revoke.isPending}
        error={revoke.error}
      />
    </Stack>
  );
}
