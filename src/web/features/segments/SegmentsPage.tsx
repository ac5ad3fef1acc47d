import { EmptyState, SegmentedControl, Text } from "@mantine/core";
import { IconFilter, IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { routes, type Segment } from "../../../contract/index.ts";
import { formatDateTime, formatNumber } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { useSession } from "../../lib/session.ts";
import { type AnyColumns, columnHelper } from "../../ui/DataTable.tsx";
import { ListTable } from "../../ui/ListTable.tsx";
import { AnchorLink, ButtonLink } from "../../ui/links.tsx";
import { NameCell } from "../../ui/NameCell.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { ENTITY_LABELS } from "./labels.ts";

const route = getRouteApi("/_app/segments");
const col = columnHelper<Segment>();

const columns: AnyColumns<Segment> = [
  col.accessor("name", {
    header: "Name",
    cell: (i) => (
      <NameCell
        link={
          <AnchorLink to="/segments/$id" params={{ id: i.row.original.id }} fw={500} size="sm">
            {i.getValue()}
          </AnchorLink>
        }
        description={i.row.original.description}
      />
    ),
  }),
  col.accessor("entity", { header: "Of", cell: (i) => ENTITY_LABELS[i.row.original.entity] }),
  col.accessor("memberCount", {
    header: "Members",
    meta: { numeric: true },
    cell: (i) => formatNumber(i.getValue()),
  }),
  col.accessor("refreshedAt", {
    header: "Last refreshed",
    cell: (i) => (i.getValue() ? formatDateTime(i.getValue()) : <Text c="dimmed">Not yet</Text>),
  }),
  col.accessor("createdBy", {
    header: "Created by",
    cell: (i) => i.getValue()?.name ?? <Text c="dimmed">—</Text>,
  }),
];

/** The workspace's segments: saved filters over accounts or contacts, with their members at the last refresh. */
export function SegmentsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const session = useSession();
  const list = useQuery(apiQuery(routes.listSegments, { query: { entity: search.entity } }));
  const newButton = session.canWrite ? (
    <ButtonLink to="/segments/new" leftSection={<IconPlus size={16} />}>
      New segment
    </ButtonLink>
  ) : null;

  return (
    <>
      <PageHeader
        title="Segments"
        description="Saved filters over your accounts or contacts. Members are counted again every 15 minutes, and each entry and exit is kept."
        actions={newButton}
      />
      <ListTable
        toolbar={
          <SegmentedControl
            aria-label="Show segments of"
            size="sm"
            value={search.entity ?? "all"}
            data={[
              { value: "all", label: "All" },
              { value: "account", label: ENTITY_LABELS.account },
              { value: "contact", label: ENTITY_LABELS.contact },
            ]}
            onChange={(v) =>
              navigate({
                search: { entity: v === "account" || v === "contact" ? v : undefined },
                replace: true,
              })
            }
          />
        }
        query={list}
        errorTitle="Segments could not be loaded"
        label="Segments"
        columns={columns}
        data={list.data?.data}
        loading={list.isLoading}
        rowKey={(s) => s.id}
        onRowClick={(s) => navigate({ to: "/segments/$id", params: { id: s.id } })}
        minWidth={760}
        empty={
          <EmptyState
            icon={<IconFilter size={26} />}
            withIndicatorBackground
            title={search.entity ? `No segments of ${search.entity}s yet` : "No segments yet"}
            description={
              session.canWrite
                ? "A segment is a saved filter — say, Enterprise accounts at risk — whose members Steward keeps up to date. Build the first one."
                : "Nobody has saved a segment yet. Ask a member of your team to build one."
            }
          >
            {newButton ? <EmptyState.Actions>{newButton}</EmptyState.Actions> : null}
          </EmptyState>
        }
      />
    </>
  );
}
