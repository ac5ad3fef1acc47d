import { Alert, Badge, Button, EmptyState, SegmentedControl } from "@mantine/core";
import { IconListCheck, IconPlus, IconRestore } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { type Playbook, routes } from "../../../contract/index.ts";
import { errorMessage } from "../../api.ts";
import { formatNumber } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { useSession } from "../../lib/session.ts";
import { type AnyColumns, columnHelper } from "../../ui/DataTable.tsx";
import { ListTable } from "../../ui/ListTable.tsx";
import { AnchorLink, ButtonLink } from "../../ui/links.tsx";
import { NameCell } from "../../ui/NameCell.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { TYPE_LABELS } from "../inbox/labels.ts";
import { restoredText } from "./playbook.rules.ts";
import { usePlaybookMutations } from "./use-playbooks.ts";

const route = getRouteApi("/_app/playbooks");
const col = columnHelper<Playbook>();

const count = (n: number) => formatNumber(n);

const columns: AnyColumns<Playbook> = [
  col.accessor("name", {
    header: "Name",
    cell: (i) => (
      <NameCell
        link={
          <AnchorLink to="/playbooks/$id" params={{ id: i.row.original.id }} fw={500} size="sm">
            {i.getValue()}
          </AnchorLink>
        }
        badges={
          i.row.original.archived ? (
            <Badge size="xs" color="gray" variant="outline">
              Archived
            </Badge>
          ) : null
        }
        description={i.row.original.description}
      />
    ),
  }),
  col.accessor("type", { header: "Tasks are", cell: (i) => TYPE_LABELS[i.row.original.type] }),
  col.accessor("steps", {
    header: "Steps",
    meta: { numeric: true },
    cell: (i) => count(i.getValue().length),
  }),
  col.display({
    id: "active",
    header: "Running",
    meta: { numeric: true },
    cell: (i) => count(i.row.original.runs.active),
  }),
  col.display({
    id: "completed",
    header: "Completed",
    meta: { numeric: true },
    cell: (i) => count(i.row.original.runs.completed),
  }),
  col.display({
    id: "heldOut",
    header: "Held out",
    meta: { numeric: true },
    cell: (i) => count(i.row.original.runs.heldOut),
  }),
];

/** Admins' actions: a new playbook, and Steward's defaults back (saying which came back). */
function AdminActions({ onRestored }: { onRestored: (text: string, failed: boolean) => void }) {
  const { restore } = usePlaybookMutations();
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconRestore size={16} />}
        loading={restore.isPending}
        onClick={() =>
          restore.mutate(undefined, {
            onSuccess: (r) => onRestored(restoredText(r.data), false),
            onError: (e) => onRestored(`The defaults were not restored: ${errorMessage(e)}`, true),
          })
        }
      >
        Restore defaults
      </Button>
      <ButtonLink to="/playbooks/new" leftSection={<IconPlus size={16} />}>
        New playbook
      </ButtonLink>
    </>
  );
}

/** The workspace's playbooks: what each does, and how many accounts it runs on. */
export function PlaybooksPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const session = useSession();
  const [restored, setRestored] = useState<{ text: string; failed: boolean } | null>(null);
  const archived = search.show === "archived" ? "true" : search.show === "all" ? "all" : "false";
  const list = useQuery(apiQuery(routes.listPlaybooks, { query: { archived } }));
  return (
    <>
      <PageHeader
        title="Playbooks"
        description="Ordered steps a team follows in a known situation. Started on an account by hand or by a rule, each step becomes a task for the account team."
        actions={
          session.isAdmin ? (
            <AdminActions onRestored={(text, failed) => setRestored({ text, failed })} />
          ) : null
        }
      />
      {restored ? (
        <Alert
          mb="md"
          variant="light"
          color={restored.failed ? "red" : "teal"}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setRestored(null)}
          data-testid="playbooks-restored"
        >
          {restored.text}
        </Alert>
      ) : null}
      <ListTable
        toolbar={
          <SegmentedControl
            aria-label="Show playbooks"
            size="sm"
            value={search.show ?? "in-use"}
            data={[
              { value: "in-use", label: "In use" },
              { value: "archived", label: "Archived" },
              { value: "all", label: "All" },
            ]}
            onChange={(v) =>
              navigate({ search: { show: v === "archived" || v === "all" ? v : undefined }, replace: true })
            }
          />
        }
        query={list}
        errorTitle="Playbooks could not be loaded"
        label="Playbooks"
        columns={columns}
        data={list.data?.data}
        loading={list.isLoading}
        rowKey={(p) => p.id}
        onRowClick={(p) => navigate({ to: "/playbooks/$id", params: { id: p.id } })}
        minWidth={760}
        empty={
          <EmptyState
            icon={<IconListCheck size={26} />}
            withIndicatorBackground
            title={search.show === "archived" ? "No archived playbooks" : "No playbooks"}
            description={
              search.show === "archived"
                ? "A playbook that has run is archived rather than deleted, and shows here."
                : session.isAdmin
                  ? "Create one, or bring back Steward's six defaults with Restore defaults."
                  : "Ask a workspace admin to create one or to restore Steward's defaults."
            }
          />
        }
      />
    </>
  );
}
