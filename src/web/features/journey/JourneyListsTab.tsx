import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import {
  IconArchive,
  IconArrowBackUp,
  IconArrowDown,
  IconArrowUp,
  IconPencil,
  IconTrash,
} from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { JOURNEY_LISTS, type JourneyList, type ListItem, routes } from "../../../contract/index.ts";
import { api, errorMessage } from "../../api.ts";
import { apiFormErrors } from "../../lib/issues.ts";
import { apiQuery, invalidate } from "../../lib/query.ts";
import { useSession } from "../../lib/session.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Section } from "../../ui/Section.tsx";
import { LIST_TITLES } from "./labels.ts";

const LABELS = { label: "Label", key: "Key", description: "Description" };

function useListMutations() {
  const qc = useQueryClient();
  const done = () => invalidate(qc, routes.listJourneyLists.path, routes.getJourney.path);
  const onError = (e: unknown) => notifications.show({ color: "red", message: errorMessage(e) });
  return {
    add: useMutation({
      mutationFn: ({ list, label }: { list: JourneyList; label: string }) =>
        api(routes.createListItem, { params: { list }, body: { label } }),
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: ({ item, body }: { item: ListItem; body: { label?: string; archived?: boolean } }) =>
        api(routes.updateListItem, { params: { list: item.list, key: item.key }, body }),
      onSuccess: done,
      onError,
    }),
    reorder: useMutation({
      mutationFn: ({ list, keys }: { list: JourneyList; keys: string[] }) =>
        api(routes.reorderListItems, { params: { list }, body: { keys } }),
      onSuccess: done,
      onError,
    }),
    remove: useMutation({
      mutationFn: (item: ListItem) =>
        api(routes.deleteListItem, { params: { list: item.list, key: item.key } }),
      onSuccess: async (r, item) => {
        await done();
        notifications.show({
          message:
            r.result === "archived"
              ? `"${item.label}" is in use, so it was archived: old touchpoints keep it, new ones cannot pick it`
              : `"${item.label}" deleted`,
        });
      },
      onError,
    }),
  };
}

function AddItem({ list }: { list: JourneyList }) {
  const { add } = useListMutations();
  const form = useForm({ initialValues: { label: "" } });
  const submit = form.onSubmit(({ label }) =>
    add.mutate(
      { list, label: label.trim() },
      {
        onSuccess: () => form.reset(),
        onError: (e) => {
          const errors = apiFormErrors(e, LABELS);
          form.setErrors(
            Object.keys(errors).length
              ? { label: errors.label ?? errors.key ?? Object.values(errors)[0] }
              : { label: errorMessage(e) },
          );
        },
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-start" gap="xs">
        <TextInput
          aria-label={`New item for ${LIST_TITLES[list]}`}
          placeholder="Add an item, e.g. Hand-over to the champion"
          maxLength={100}
          style={{ flex: 1 }}
          {...form.getInputProps("label")}
        />
        <Button type="submit" variant="light" loading={add.isPending} disabled={!form.values.label.trim()}>
          Add
        </Button>
      </Group>
    </form>
  );
}

function ItemList({ list, items, isAdmin }: { list: JourneyList; items: ListItem[]; isAdmin: boolean }) {
  const { update, reorder, remove } = useListMutations();
  const [renaming, setRenaming] = useState<ListItem | null>(null);
  const [label, setLabel] = useState("");
  const move = (i: number, by: -1 | 1) => {
    const keys = items.map((x) => x.key);
    const [k] = keys.splice(i, 1);
    keys.splice(i + by, 0, k as string);
    reorder.mutate({ list, keys });
  };
  return (
    <Section title={LIST_TITLES[list]} count={items.filter((i) => !i.archived).length}>
      <Stack gap="sm">
        <Table aria-label={LIST_TITLES[list]}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Label</Table.Th>
              <Table.Th>Key</Table.Th>
              <Table.Th>In use</Table.Th>
              {isAdmin ? <Table.Th>Actions</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item, i) => (
              <Table.Tr key={item.key}>
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm" c={item.archived ? "dimmed" : undefined}>
                      {item.label}
                    </Text>
                    {item.archived ? (
                      <Badge size="xs" color="gray" variant="light">
                        archived
                      </Badge>
                    ) : null}
                  </Group>
                  {item.description ? (
                    <Text size="xs" c="dimmed">
                      {item.description}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace">
                    {item.key}
                  </Text>
                </Table.Td>
                <Table.Td>{item.uses}</Table.Td>
                {isAdmin ? (
                  <Table.Td>
                    <Group gap={2} wrap="nowrap">
                      <Tooltip label="Move up">
                        <ActionIcon
                          variant="subtle"
                          aria-label={`Move ${item.label} up`}
                          disabled={i === 0}
                          onClick={() => move(i, -1)}
                        >
                          <IconArrowUp size={16} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label="Move down">
                        <ActionIcon
                          variant="subtle"
                          aria-label={`Move ${item.label} down`}
                          disabled={i === items.length - 1}
                          onClick={() => move(i, 1)}
                        >
                          <IconArrowDown size={16} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label="Rename">
                        <ActionIcon
                          variant="subtle"
                          aria-label={`Rename ${item.label}`}
                          onClick={() => {
                            setLabel(item.label);
                            setRenaming(item);
                          }}
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={item.archived ? "Restore" : "Archive"}>
                        <ActionIcon
                          variant="subtle"
                          aria-label={`${item.archived ? "Restore" : "Archive"} ${item.label}`}
                          onClick={() => update.mutate({ item, body: { archived: !item.archived } })}
                        >
                          {item.archived ? <IconArrowBackUp size={16} /> : <IconArchive size={16} />}
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={item.uses > 0 ? "In use: archives it" : "Delete"}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Delete ${item.label}`}
                          onClick={() => remove.mutate(item)}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {isAdmin ? <AddItem list={list} /> : null}
      </Stack>
      <Modal opened={renaming !== null} onClose={() => setRenaming(null)} title="Rename item">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (renaming && label.trim())
              update.mutate(
                { item: renaming, body: { label: label.trim() } },
                { onSuccess: () => setRenaming(null) },
              );
          }}
        >
          <Stack gap="sm">
            <TextInput
              label="Label"
              description="Its key stays, so touchpoints that use it keep it"
              value={label}
              maxLength={100}
              data-autofocus
              error={label.trim() ? null : "Label is required"}
              onChange={(e) => setLabel(e.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRenaming(null)}>
                Cancel
              </Button>
              <Button type="submit" loading={update.isPending} disabled={!label.trim()}>
                Save
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Section>
  );
}

/** The workspace's decision steps, development steps and experience dimensions (admins edit them). */
export function JourneyListsTab() {
  const session = useSession();
  const lists = useQuery(apiQuery(routes.listJourneyLists, {}));
  if (lists.isError) return <ErrorAlert error={lists.error} onRetry={() => lists.refetch()} />;
  if (!lists.data) return null;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Touchpoints name the customer's decision step and our business-development step; surveys rate the
        experience dimensions.{" "}
        {session.isAdmin
          ? "An item in use is archived rather than deleted."
          : "Admins can change these lists."}
      </Text>
      {JOURNEY_LISTS.map((list) => (
        <ItemList key={list} list={list} items={lists.data[list]} isAdmin={session.isAdmin} />
      ))}
    </Stack>
  );
}
