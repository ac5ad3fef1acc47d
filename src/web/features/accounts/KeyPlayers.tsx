import { Box, Button, EmptyState, Group, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPencil, IconPlus, IconUsers } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { type Account, type Contact, routes } from "../../../contract/index.ts";
import { DECISION_ROLE_LABELS, label, SENIORITY_LABELS } from "../../lib/labels.ts";
import { apiQuery } from "../../lib/query.ts";
import { type AnyColumns, actionsColumn, columnHelper } from "../../ui/DataTable.tsx";
import { useEditTarget } from "../../ui/form.ts";
import { InfluenceDots } from "../../ui/InfluenceDots.tsx";
import { QueryTable } from "../../ui/ListTable.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { RowAction } from "../../ui/RowAction.tsx";
import { Section } from "../../ui/Section.tsx";
import { ContactBadges } from "../contacts/ContactBadges.tsx";
import { ContactFormModal } from "../contacts/ContactFormModal.tsx";

const col = columnHelper<Contact>();

/** Key players first (by influence), then everyone else at the account. */
const byImportance = (a: Contact, b: Contact) =>
  Number(b.isKeyPlayer) - Number(a.isKeyPlayer) ||
  (b.influence ?? 0) - (a.influence ?? 0) ||
  a.name.localeCompare(b.name);

export function useAccountContacts(accountId: string) {
  return useQuery(apiQuery(routes.listContacts, { query: { accountId, limit: 200, sort: "-influence" } }));
}

/** The account's people who are still there, key players first, as a picker's options. */
export function useAccountPeople(accountId: string): { value: string; label: string }[] {
  const contacts = useAccountContacts(accountId);
  return useMemo(
    () =>
      (contacts.data?.data ?? [])
        .filter((c) => !c.leftCompany)
        .sort((a, b) => Number(b.isKeyPlayer) - Number(a.isKeyPlayer) || a.name.localeCompare(b.name))
        .map((c) => ({ value: c.id, label: c.isKeyPlayer ? `${c.name} (key player)` : c.name })),
    [contacts.data],
  );
}

export function KeyPlayers({ account, canWrite }: { account: Account; canWrite: boolean }) {
  const contacts = useAccountContacts(account.id);
  const [adding, add] = useDisclosure(false);
  const editing = useEditTarget<Contact>();

  const columns: AnyColumns<Contact> = [
    col.accessor("name", {
      header: "Name",
      cell: (i) => (
        <Box>
          <Group gap={6} wrap="nowrap">
            <AnchorLink to="/contacts/$id" params={{ id: i.row.original.id }} size="sm" fw={500}>
              {i.getValue()}
            </AnchorLink>
            <ContactBadges contact={i.row.original} withKeyPlayer={false} />
          </Group>
          <Text size="xs" c="dimmed" lineClamp={1}>
            {i.row.original.title ?? i.row.original.email ?? ""}
          </Text>
        </Box>
      ),
    }),
    col.accessor("decisionRole", {
      header: "Decision role",
      cell: (i) => (i.getValue() ? label(DECISION_ROLE_LABELS, i.getValue()) : <Text c="dimmed">—</Text>),
    }),
    col.accessor("influence", { header: "Influence", cell: (i) => <InfluenceDots value={i.getValue()} /> }),
    col.accessor("seniority", {
      header: "Seniority",
      cell: (i) => (i.getValue() ? label(SENIORITY_LABELS, i.getValue()) : <Text c="dimmed">—</Text>),
    }),
    col.accessor("status", {
      header: "Status",
      cell: (i) => (i.row.original.leftCompany ? "Left" : i.getValue() === "active" ? "Active" : "Inactive"),
    }),
    ...actionsColumn<Contact>(
      (c) => (
        <RowAction
          tooltip="Edit contact"
          label={`Edit ${c.name}`}
          icon={<IconPencil size={16} />}
          onClick={() => editing.open(c)}
        />
      ),
      canWrite,
    ),
  ];

  const rows = contacts.data?.data ? [...contacts.data.data].sort(byImportance) : undefined;
  const keyPlayers = rows?.filter((c) => c.isKeyPlayer).length ?? 0;

  return (
    <Section
      title="Key players"
      description={
        rows
          ? `${keyPlayers} key player${keyPlayers === 1 ? "" : "s"} of ${rows.length} contact${rows.length === 1 ? "" : "s"}`
          : undefined
      }
      padding={0}
      actions={
        canWrite ? (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={add.open}>
            Add contact
          </Button>
        ) : null
      }
    >
      <QueryTable
        query={contacts}
        errorTitle="Contacts could not be loaded"
        label="Key players"
        columns={columns}
        data={rows}
        loading={contacts.isLoading}
        rowKey={(c) => c.id}
        skeletonRows={3}
        empty={
          <EmptyState
            size="sm"
            icon={<IconUsers size={22} />}
            withIndicatorBackground
            title="No contacts yet"
            description="Add the people you work with here and mark who decides: economic buyer, champion, decision maker."
          />
        }
      />
      <ContactFormModal
        opened={adding}
        onClose={add.close}
        accountId={account.id}
        accountName={account.name}
      />
      <ContactFormModal opened={editing.opened} onClose={editing.close} contact={editing.target} />
    </Section>
  );
}
