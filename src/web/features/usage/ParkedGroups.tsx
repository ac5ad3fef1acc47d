import { ActionIcon, Code, EmptyState, Menu, Text, Tooltip } from "@mantine/core";
import { IconBuildingPlus, IconDots, IconInbox, IconLink, IconTrash } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { type ParkedGroup, routes } from "../../../contract/index.ts";
import { formatDateTime, formatNumber, relativeDays } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { type AnyColumns, actionsColumn, columnHelper } from "../../ui/DataTable.tsx";
import { useEditTarget } from "../../ui/form.ts";
import { ListTable, pagerFor, usePaging } from "../../ui/ListTable.tsx";
import { type ParkedAction, ResolveParkedModal } from "./ResolveParkedModal.tsx";

const col = columnHelper<ParkedGroup>();

const when = (ts: string) => (
  <Tooltip label={formatDateTime(ts)} withArrow>
    <span>{relativeDays(ts)}</span>
  </Tooltip>
);

/** Group ids that matched no account on a source set to park them, waiting for an admin's decision. */
export function ParkedGroups({ isAdmin }: { isAdmin: boolean }) {
  const paging = usePaging();
  const { cursor, limit } = paging;
  const list = useQuery({
    ...apiQuery(routes.listParkedGroups, { query: { limit, cursor } }),
    placeholderData: keepPreviousData,
  });
  const target = useEditTarget<ParkedGroup>();
  const [action, setAction] = useState<ParkedAction>("create");
  const open = (g: ParkedGroup, a: ParkedAction) => {
    setAction(a);
    target.open(g);
  };

  const columns: AnyColumns<ParkedGroup> = [
    col.accessor("groupId", { header: "Group id", cell: (i) => <Code>{i.getValue()}</Code> }),
    col.accessor("suggestedName", {
      header: "Name sent",
      cell: (i) =>
        i.getValue() ?? (
          <Text size="sm" c="dimmed" span>
            —
          </Text>
        ),
    }),
    col.accessor("events", {
      header: "Events",
      meta: { numeric: true },
      cell: (i) => formatNumber(i.getValue()),
    }),
    col.accessor("users", {
      header: "Users",
      meta: { numeric: true },
      cell: (i) => formatNumber(i.getValue()),
    }),
    col.accessor("firstSeenAt", { header: "First seen", cell: (i) => when(i.getValue()) }),
    col.accessor("lastSeenAt", { header: "Last seen", cell: (i) => when(i.getValue()) }),
    ...actionsColumn<ParkedGroup>(
      (g) => (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={`Resolve ${g.groupId}`}>
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconBuildingPlus size={16} />} onClick={() => open(g, "create")}>
              Create account
            </Menu.Item>
            <Menu.Item leftSection={<IconLink size={16} />} onClick={() => open(g, "link")}>
              Link to an existing account
            </Menu.Item>
            <Menu.Divider />
            <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => open(g, "discard")}>
              Discard events
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      ),
      isAdmin,
    ),
  ];

  return (
    <>
      <Text size="sm" c="dimmed" mb="md" maw={820}>
        Sources set to park unknown accounts hold the events of group ids that match no account's external id
        here.{" "}
        {isAdmin
          ? "Create an account for a group, link it to an account that exists under another id, or discard its events."
          : "An admin decides whether each one becomes an account, joins an existing one, or is discarded."}
      </Text>
      <ListTable
        query={list}
        errorTitle="Parked groups could not be loaded"
        label="Parked groups"
        columns={columns}
        data={list.data?.data}
        loading={list.isLoading}
        fetching={list.isPlaceholderData}
        rowKey={(g) => g.groupId}
        minWidth={820}
        empty={
          <EmptyState
            icon={<IconInbox size={24} />}
            withIndicatorBackground
            title="Nothing parked"
            description="Every group id your sources sent matched an account. A source set to “park” collects unknown ones here for review."
          />
        }
        pager={pagerFor(list.data, paging)}
      />
      <ResolveParkedModal
        group={target.target}
        action={action}
        opened={target.opened}
        onClose={target.close}
      />
    </>
  );
}
