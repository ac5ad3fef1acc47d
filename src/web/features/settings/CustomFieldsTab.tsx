import { Badge, Button, EmptyState, Group, SegmentedControl, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconListDetails, IconPlus, IconTrash } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { CUSTOM_FIELD_ENTITIES, type CustomFieldDef, routes } from "../../../contract/index.ts";
import { humanize } from "../../lib/labels.ts";
import { apiQuery } from "../../lib/query.ts";
import { useSession } from "../../lib/session.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { type AnyColumns, actionsColumn, columnHelper } from "../../ui/DataTable.tsx";
import { useEditTarget } from "../../ui/form.ts";
import { ListTable } from "../../ui/ListTable.tsx";
import { RowAction } from "../../ui/RowAction.tsx";
import { DefineFieldModal, ENTITY_LABEL } from "./DefineFieldModal.tsx";
import { useCustomFieldMutations } from "./use-custom-field-mutations.ts";

type Entity = CustomFieldDef["entity"];
const col = columnHelper<CustomFieldDef>();

export function CustomFieldsTab() {
  const session = useSession();
  const [entity, setEntity] = useState<Entity | "all">("all");
  const [adding, add] = useDisclosure(false);
  const deleting = useEditTarget<CustomFieldDef>();
  const defs = useQuery(
    apiQuery(routes.listCustomFields, { query: { entity: entity === "all" ? undefined : entity } }),
  );
  const { remove } = useCustomFieldMutations();
  const deleteField = (d: CustomFieldDef) =>
    remove.mutate(d, {
      onSuccess: () => {
        notifications.show({ message: `Field “${d.label}” deleted` });
        deleting.close();
      },
    });

  const columns: AnyColumns<CustomFieldDef> = [
    col.accessor("label", {
      header: "Label",
      cell: (i) => (
        <Text size="sm" fw={500}>
          {i.getValue()}
        </Text>
      ),
    }),
    col.accessor("key", {
      header: "Key",
      cell: (i) => (
        <Text size="sm" ff="monospace">
          {i.getValue()}
        </Text>
      ),
    }),
    col.accessor("entity", { header: "Applies to", cell: (i) => ENTITY_LABEL[i.row.original.entity] }),
    col.accessor("type", { header: "Type", cell: (i) => humanize(i.getValue()) }),
    col.accessor("options", {
      header: "Options",
      cell: (i) => {
        const opts = i.row.original.options ?? [];
        return opts.length ? (
          <Group gap={4}>
            {opts.slice(0, 6).map((o) => (
              <Badge key={o} size="xs" variant="default" tt="none">
                {o}
              </Badge>
            ))}
            {opts.length > 6 ? <Text size="xs">+{opts.length - 6}</Text> : null}
          </Group>
        ) : (
          <Text c="dimmed">—</Text>
        );
      },
    }),
    ...actionsColumn<CustomFieldDef>(
      (d) => (
        <RowAction
          tooltip="Delete field"
          label={`Delete ${d.label}`}
          icon={<IconTrash size={16} />}
          onClick={() => {
            remove.reset();
            deleting.open(d);
          }}
        />
      ),
      session.isAdmin,
    ),
  ];

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={640}>
          Extra fields for accounts, contacts and subscriptions. Steward validates values against these
          definitions in forms, imports and the API.
        </Text>
        {session.isAdmin ? (
          <Button leftSection={<IconPlus size={16} />} onClick={add.open}>
            Define field
          </Button>
        ) : null}
      </Group>
      <SegmentedControl
        w="fit-content"
        value={entity}
        onChange={(v) => setEntity(v as Entity | "all")}
        data={[
          { value: "all", label: "All" },
          ...CUSTOM_FIELD_ENTITIES.map((e) => ({ value: e, label: ENTITY_LABEL[e] })),
        ]}
      />
      <ListTable
        query={defs}
        errorTitle="Custom fields could not be loaded"
        label="Custom fields"
        columns={columns}
        data={defs.data?.data}
        loading={defs.isLoading}
        rowKey={(d) => `${d.entity}:${d.key}`}
        empty={
          <EmptyState
            icon={<IconListDetails size={24} />}
            withIndicatorBackground
            title="No custom fields"
            description={
              session.isAdmin
                ? "Define fields such as “Contract owner” or “Segment”; imports can also create them from extra CSV columns."
                : "An admin can define extra fields for accounts, contacts and subscriptions."
            }
          />
        }
      />
      <DefineFieldModal opened={adding} onClose={add.close} entity={entity === "all" ? "account" : entity} />
      <ConfirmDialog
        opened={deleting.opened}
        onClose={deleting.close}
        title={`Delete “${deleting.target?.label ?? ""}”?`}
        message="The definition goes away; values already stored on records are kept but no longer validated or shown in forms."
        confirmLabel="Delete field"
        onConfirm={() => deleting.target && deleteField(deleting.target)}
        loading={remove.isPending}
        error={remove.error}
      />
    </Stack>
  );
}
