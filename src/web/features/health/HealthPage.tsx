import { Badge, Box, Button, Switch, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { type HealthModel, routes } from "../../../contract/index.ts";
import { formatDateTime, formatNumber } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { useSession } from "../../lib/session.ts";
import { type AnyColumns, columnHelper } from "../../ui/DataTable.tsx";
import { ListTable } from "../../ui/ListTable.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { HealthSettingsCard } from "./HealthSettingsCard.tsx";
import { NewModelModal } from "./NewModelModal.tsx";

const route = getRouteApi("/_app/health");
const col = columnHelper<HealthModel>();

const columns: AnyColumns<HealthModel> = [
  col.accessor("name", {
    header: "Model",
    cell: (i) => (
      <>
        <AnchorLink to="/health/$id" params={{ id: i.row.original.id }} fw={500} size="sm">
          {i.getValue()}
        </AnchorLink>
        {i.row.original.archived ? (
          <Badge size="xs" color="gray" variant="outline" ml={6}>
            Archived
          </Badge>
        ) : null}
      </>
    ),
  }),
  col.accessor("priority", {
    header: "Priority",
    meta: { numeric: true },
    cell: (i) => i.getValue(),
  }),
  col.accessor("published", {
    header: "Published",
    cell: (i) => {
      const v = i.getValue();
      return v ? (
        <Text size="sm">
          v{v.version}{" "}
          <Text span size="xs" c="dimmed">
            {formatDateTime(v.publishedAt)}
          </Text>
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          Not published
        </Text>
      );
    },
  }),
  col.accessor("draft", {
    header: "Draft",
    cell: (i) => {
      const d = i.getValue();
      return d ? (
        <Badge size="sm" variant="light" color="orange">
          Draft v{d.version}
        </Badge>
      ) : (
        <Text size="sm" c="dimmed">
          —
        </Text>
      );
    },
  }),
  col.accessor("accounts", {
    header: "Accounts scored",
    meta: { numeric: true },
    cell: (i) => formatNumber(i.getValue()),
  }),
];

/** The workspace's health models: which scores whom (lowest priority first), drafts waiting, archived ones. */
export function HealthPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const session = useSession();
  const [creating, create] = useDisclosure(false);
  const list = useQuery(
    apiQuery(routes.listHealthModels, { query: { includeArchived: search.archived ? "true" : "false" } }),
  );
  return (
    <>
      <PageHeader
        title="Health models"
        description="How Steward scores your customers 0–100: the published model with the lowest priority number that applies to an account scores it."
        actions={
          session.isAdmin ? (
            <Button leftSection={<IconPlus size={16} />} onClick={create.open}>
              New model
            </Button>
          ) : null
        }
      />
      <ListTable
        toolbar={
          <Switch
            label="Show archived"
            checked={Boolean(search.archived)}
            onChange={(e) =>
              navigate({ search: { archived: e.currentTarget.checked || undefined }, replace: true })
            }
          />
        }
        query={list}
        errorTitle="Health models could not be loaded"
        label="Health models"
        columns={columns}
        data={list.data?.data}
        loading={list.isLoading}
        rowKey={(m) => m.id}
        onRowClick={(m) => navigate({ to: "/health/$id", params: { id: m.id } })}
        empty={
          <Text ta="center" c="dimmed" size="sm">
            No health models{search.archived ? "" : " in use"}.{" "}
            {session.isAdmin ? "Create one with New model." : "Ask a workspace admin to create one."}
          </Text>
        }
      />
      <Box mt="md">
        <HealthSettingsCard isAdmin={session.isAdmin} />
      </Box>
      {session.isAdmin ? (
        <NewModelModal opened={creating} onClose={create.close} models={list.data?.data ?? []} />
      ) : null}
    </>
  );
}
