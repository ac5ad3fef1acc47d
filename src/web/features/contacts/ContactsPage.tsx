import { Button, Checkbox, EmptyState, Group, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconAddressBook, IconPlus } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { CONTACT_STATUSES, type Contact, DECISION_ROLES, routes } from "../../../contract/index.ts";
import { DECISION_ROLE_LABELS, humanize, label, SENIORITY_LABELS } from "../../lib/labels.ts";
import { apiQuery } from "../../lib/query.ts";
import { useSession } from "../../lib/session.ts";
import type { ContactsSearch } from "../../router.tsx";
import { type AnyColumns, columnHelper } from "../../ui/DataTable.tsx";
import { ExportCsvButton } from "../../ui/ExportCsvButton.tsx";
import { FilterMenu, joinList, splitList } from "../../ui/FilterMenu.tsx";
import { InfluenceDots } from "../../ui/InfluenceDots.tsx";
import {
  ClearFiltersButton,
  ListTable,
  NoMatchesState,
  SearchInput,
  urlPagerFor,
} from "../../ui/ListTable.tsx";
import { AnchorLink, ButtonLink } from "../../ui/links.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { useSegmentChoices } from "../segments/use-segment-choices.ts";
import { ContactBadges } from "./ContactBadges.tsx";
import { ContactFormModal } from "./ContactFormModal.tsx";

const route = getRouteApi("/_app/contacts");
const col = columnHelper<Contact>();

const columns: AnyColumns<Contact> = [
  col.accessor("name", {
    header: "Name",
    meta: { sortKey: "name" },
    cell: (i) => {
      const c = i.row.original;
      return (
        <div>
          <Group gap={6} wrap="nowrap">
            <AnchorLink to="/contacts/$id" params={{ id: c.id }} size="sm" fw={500}>
              {i.getValue()}
            </AnchorLink>
            {c.isKeyPlayer ? (
              <ContactBadges contact={{ ...c, leftCompany: false, status: "active" }} />
            ) : null}
          </Group>
          <Group gap={6} wrap="nowrap">
            {c.leftCompany || c.status === "inactive" ? (
              <ContactBadges contact={c} withKeyPlayer={false} />
            ) : null}
            <Text size="xs" c="dimmed" truncate maw={260}>
              {c.title ?? ""}
            </Text>
          </Group>
        </div>
      );
    },
  }),
  col.accessor("accountName", {
    header: "Account",
    cell: (i) => (
      <AnchorLink to="/accounts/$id" params={{ id: i.row.original.accountId }} size="sm">
        {i.getValue()}
      </AnchorLink>
    ),
  }),
  col.accessor("decisionRole", {
    header: "Role & seniority",
    cell: (i) => (
      <div>
        <Text size="sm">{i.getValue() ? label(DECISION_ROLE_LABELS, i.getValue()) : "—"}</Text>
        <Text size="xs" c="dimmed">
          {i.row.original.seniority ? label(SENIORITY_LABELS, i.row.original.seniority) : ""}
        </Text>
      </div>
    ),
  }),
  col.accessor("influence", {
    header: "Influence",
    meta: { sortKey: "influence" },
    cell: (i) => <InfluenceDots value={i.getValue()} />,
  }),
  col.accessor("email", {
    header: "Email",
    cell: (i) =>
      i.getValue() ? (
        <Text size="sm" truncate maw={260} title={i.getValue() ?? ""}>
          {i.getValue()}
        </Text>
      ) : (
        <Text c="dimmed">—</Text>
      ),
  }),
];

export function ContactsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const session = useSession();
  const [creating, create] = useDisclosure(false);

  const limit = search.limit ?? 50;
  const sort = search.sort ?? "name";
  const setSearch = (patch: Partial<ContactsSearch>, keepCursor = false) =>
    navigate({
      search: (prev) => ({ ...prev, ...patch, cursor: keepCursor ? patch.cursor : undefined }),
      replace: !keepCursor,
    });

  const roles = splitList(search.role) as Contact["decisionRole"][];
  const statuses = splitList(search.status) as Contact["status"][];
  const filtered = Boolean(search.q || search.role || search.keyPlayers || search.status || search.segment);
  const segments = useSegmentChoices("contact", search.segment);
  // What the list shows, without its paging: the export writes every page of it.
  const shown = {
    q: search.q,
    decisionRole: roles.filter((r): r is NonNullable<typeof r> => r !== null),
    status: statuses,
    keyPlayers: search.keyPlayers ? ("true" as const) : undefined,
    segmentId: search.segment,
    sort: sort as "name",
  };
  const list = useQuery({
    ...apiQuery(routes.listContacts, { query: { ...shown, limit, cursor: search.cursor } }),
    placeholderData: keepPreviousData,
  });
  const clearFilters = () =>
    navigate({ search: (prev) => ({ sort: prev.sort, limit: prev.limit }), replace: true });

  const rows = list.data?.data;
  return (
    <>
      <PageHeader
        title="Contacts"
        description="The people at your customers, and who among them are key players."
        actions={
          <>
            <ExportCsvButton route={routes.exportContacts} query={shown} />
            {session.canWrite ? (
              <Button leftSection={<IconPlus size={16} />} onClick={create.open}>
                New contact
              </Button>
            ) : null}
          </>
        }
      />
      <ListTable
        toolbar={
          <>
            <SearchInput
              value={search.q}
              onSearch={(q) => setSearch({ q })}
              placeholder="Search by name, email or title"
              label="Search contacts"
            />
            <FilterMenu
              label="Segment"
              single
              options={segments.options}
              value={splitList(search.segment)}
              onChange={(v) => setSearch({ segment: v[0] })}
              loading={segments.loading}
              empty="No contact segments yet: build one on the Segments page."
            />
            <FilterMenu
              label="Decision role"
              options={DECISION_ROLES.map((r) => ({ value: r, label: label(DECISION_ROLE_LABELS, r) }))}
              value={splitList(search.role)}
              onChange={(v) => setSearch({ role: joinList(v) })}
            />
            <FilterMenu
              label="Status"
              options={CONTACT_STATUSES.map((s) => ({ value: s, label: humanize(s) }))}
              value={splitList(search.status)}
              onChange={(v) => setSearch({ status: joinList(v) })}
            />
            <Checkbox
              ml="xs"
              label="Key players only"
              checked={Boolean(search.keyPlayers)}
              onChange={(e) => setSearch({ keyPlayers: e.currentTarget.checked || undefined })}
            />
            <ClearFiltersButton filtered={filtered} onClear={clearFilters} />
          </>
        }
        query={list}
        errorTitle="Contacts could not be loaded"
        onRetry={() => (search.cursor ? setSearch({ cursor: undefined }) : list.refetch())}
        label="Contacts"
        columns={columns}
        data={rows}
        loading={list.isLoading}
        fetching={list.isPlaceholderData}
        sort={sort}
        onSort={(s) => setSearch({ sort: s })}
        rowKey={(c) => c.id}
        onRowClick={(c) => navigate({ to: "/contacts/$id", params: { id: c.id } })}
        minWidth={1000}
        empty={
          filtered ? (
            <NoMatchesState noun="contacts" onClear={clearFilters} />
          ) : (
            <EmptyState
              icon={<IconAddressBook size={26} />}
              withIndicatorBackground
              title="No contacts yet"
              description="Import contacts from a CSV file, or add them on each account's page."
            >
              {session.canWrite ? (
                <EmptyState.Actions>
                  <ButtonLink to="/import">Import a CSV</ButtonLink>
                </EmptyState.Actions>
              ) : null}
            </EmptyState>
          )
        }
        pager={urlPagerFor(list.data, { cursor: search.cursor, limit, defaultLimit: 50, setSearch })}
      />
      <ContactFormModal opened={creating} onClose={create.close} />
    </>
  );
}
