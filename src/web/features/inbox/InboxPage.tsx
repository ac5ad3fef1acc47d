import { Badge, Button, EmptyState, Tabs } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconInbox, IconPlus } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { type RouteQueryIn, routes, type TaskView } from "../../../contract/index.ts";
import { apiQuery } from "../../lib/query.ts";
import { useSession } from "../../lib/session.ts";
import type { InboxSearch } from "../../router.tsx";
import { ListTable, NoMatchesState, urlPagerFor } from "../../ui/ListTable.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { FILTER_KEYS, InboxFilters } from "./InboxFilters.tsx";
import { VIEW_TABS } from "./labels.ts";
import { TaskDrawer } from "./TaskDrawer.tsx";
import { TaskFormModal } from "./TaskFormModal.tsx";
import { emptyText } from "./task.rules.ts";
import { taskColumns } from "./taskColumns.tsx";
import { TaskActionDialogs, useTaskActions } from "./use-task-actions.tsx";
import { taskCountsQuery } from "./use-task-mutations.ts";

const route = getRouteApi("/_app/inbox");
const DEFAULT_LIMIT = 50;

/**
 * The task inbox: what needs doing on the caller's accounts (Mine), their team's, what is overdue,
 * or everything — each with the reason it is here. Tab, status, filters, sort, page and the open
 * item all live in the URL.
 */
export function InboxPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const session = useSession();
  const actions = useTaskActions();
  const [creating, create] = useDisclosure(false);

  const view: TaskView = search.view ?? "mine";
  const status = search.status ?? "open";
  // Open work reads soonest due first; what was closed, most recently closed first.
  const defaultSort = status === "closed" ? "-closedAt" : "dueDate";
  const sort = search.sort ?? defaultSort;
  const limit = search.limit ?? DEFAULT_LIMIT;

  // A new tab, filter or sort starts again at the first page; paging and the drawer keep the rest.
  const setSearch = (patch: Partial<InboxSearch>, keepPage = false) =>
    navigate({
      search: (prev) => ({ ...prev, ...patch, ...(keepPage ? {} : { cursor: undefined }) }),
      replace: true,
    });
  const clearFilters = () =>
    navigate({
      search: (prev) => ({ view: prev.view, status: prev.status, sort: prev.sort }),
      replace: true,
    });

  const query: RouteQueryIn<typeof routes.listTasks> = {
    view,
    status,
    type: search.type,
    priority: search.priority,
    ownerId: search.owner,
    accountId: search.account,
    // Only sorts the API knows reach the URL (the router checks them).
    sort: sort as "dueDate",
    limit,
    cursor: search.cursor,
  };
  const list = useQuery({
    ...apiQuery(routes.listTasks, { query }),
    placeholderData: keepPreviousData,
  });
  const counts = useQuery(taskCountsQuery);

  const filtered = FILTER_KEYS.some((k) => search[k] !== undefined);
  const words = emptyText(view, status);
  const empty = filtered ? (
    <NoMatchesState noun="items" onClear={clearFilters} />
  ) : (
    <EmptyState
      icon={<IconInbox size={26} />}
      withIndicatorBackground
      title={words.title}
      description={words.description}
    >
      {session.canWrite && status === "open" ? (
        <EmptyState.Actions>
          <Button variant="default" leftSection={<IconPlus size={16} />} onClick={create.open}>
            New task
          </Button>
        </EmptyState.Actions>
      ) : null}
    </EmptyState>
  );

  return (
    <>
      <PageHeader
        title="Inbox"
        description="What needs doing on your accounts, and why: alerts Steward raises and tasks people give"
        actions={
          session.canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={create.open}>
              New task
            </Button>
          ) : null
        }
      />
      <Tabs
        value={view}
        onChange={(v) => setSearch({ view: v === "mine" || !v ? undefined : (v as InboxSearch["view"]) })}
      >
        <Tabs.List mb="md">
          {VIEW_TABS.map((t) => (
            <Tabs.Tab
              key={t.value}
              value={t.value}
              rightSection={
                counts.data ? (
                  <Badge
                    size="sm"
                    variant={view === t.value ? "filled" : "light"}
                    color={t.value === "overdue" && counts.data.overdue > 0 ? "red" : undefined}
                    circle={counts.data[t.value] < 10}
                  >
                    {counts.data[t.value]}
                  </Badge>
                ) : null
              }
            >
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>

      <ListTable
        toolbar={
          <InboxFilters search={search} onChange={(patch) => setSearch(patch)} onClear={clearFilters} />
        }
        query={list}
        errorTitle="The inbox could not be loaded"
        onRetry={() => (search.cursor ? setSearch({ cursor: undefined }) : list.refetch())}
        label="Inbox"
        columns={taskColumns(actions, session.canWrite)}
        data={list.data?.data}
        loading={list.isLoading}
        fetching={list.isPlaceholderData}
        sort={sort}
        onSort={(s) => setSearch({ sort: s === defaultSort ? undefined : s })}
        rowKey={(t) => t.id}
        onRowClick={(t) => navigate({ search: (prev) => ({ ...prev, task: t.id }) })}
        empty={empty}
        minWidth={1080}
        pager={urlPagerFor(list.data, {
          cursor: search.cursor,
          limit,
          defaultLimit: DEFAULT_LIMIT,
          setSearch,
        })}
      />

      <TaskDrawer
        taskId={search.task}
        onClose={() => setSearch({ task: undefined }, true)}
        actions={actions}
        canWrite={session.canWrite}
      />
      <TaskActionDialogs actions={actions} />
      <TaskFormModal opened={creating} onClose={create.close} />
    </>
  );
}
