import { Group, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  ADVOCACY_KINDS,
  ADVOCACY_STATES,
  type AdvocacyAsk,
  type AdvocacyAskListQuery,
  routes,
} from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { formatDate } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { CursorPager } from "../../ui/CursorPager.tsx";
import { type AnyColumns, actionsColumn, columnHelper } from "../../ui/DataTable.tsx";
import { DownloadCsvButton } from "../../ui/ExportCsvButton.tsx";
import { FilterMenu, joinList, splitList } from "../../ui/FilterMenu.tsx";
import { ClearFiltersButton, QueryTable, urlPagerFor } from "../../ui/ListTable.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { Section } from "../../ui/Section.tsx";
import { AskActionDialogs, AskRowActions, useAskActions } from "./AskActions.tsx";
import { AskState } from "./AskCells.tsx";
import { asksCsvRows } from "./advocacyView.ts";
import { KIND_LABELS, STATE_LABELS } from "./labels.ts";

const col = columnHelper<AdvocacyAsk>();

/** The asks list's filters and page, as the page keeps them in its URL. */
export type AsksFilters = { kind?: string; state?: string; cursor?: string; limit?: number };
type Filters = Pick<AdvocacyAskListQuery, "kind" | "state">;

/** Every ask the filters match, read a page of 200 at a time, for the CSV. */
async function allAsks(filters: Filters): Promise<AdvocacyAsk[]> {
  const out: AdvocacyAsk[] = [];
  let cursor: string | undefined;
  do {
    const page = await api(routes.listAdvocacyAsks, { query: { ...filters, limit: 200, cursor } });
    out.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

function columns(actions: ReturnType<typeof useAskActions> | null): AnyColumns<AdvocacyAsk> {
  return [
    col.accessor("askedOn", { header: "Asked on", cell: (i) => formatDate(i.getValue()) }),
    col.display({
      id: "who",
      header: "Who",
      cell: (i) => {
        const a = i.row.original;
        return (
          <Group gap={4} wrap="nowrap">
            {a.contact ? (
              <AnchorLink to="/contacts/$id" params={{ id: a.contact.id }} size="sm" fw={500}>
                {a.contact.name}
              </AnchorLink>
            ) : null}
            <Text size="sm" c="dimmed" span>
              {a.contact ? "at " : ""}
            </Text>
            <AnchorLink to="/accounts/$id" params={{ id: a.account.id }} size="sm">
              {a.account.name}
            </AnchorLink>
          </Group>
        );
      },
    }),
    col.accessor("kind", { header: "Kind", cell: (i) => KIND_LABELS[i.row.original.kind] }),
    col.display({ id: "state", header: "State", cell: (i) => <AskState ask={i.row.original} /> }),
    col.accessor("detail", {
      header: "Detail",
      meta: { wrap: true },
      cell: (i) => (
        <Text size="sm" lineClamp={2}>
          {i.getValue() ?? ""}
        </Text>
      ),
    }),
    col.accessor((a) => a.askedBy?.name ?? "", { id: "askedBy", header: "Asked by" }),
    ...actionsColumn<AdvocacyAsk>(
      (a) => (actions ? <AskRowActions ask={a} actions={actions} /> : null),
      actions !== null,
    ),
  ];
}

/** Every ask with where it stands, filtered by kind and state, with the moves each allows. */
export function AsksSection({
  filters,
  onFilters,
  canWrite,
}: {
  filters: AsksFilters;
  onFilters: (patch: AsksFilters, keepCursor?: boolean) => void;
  canWrite: boolean;
}) {
  const query: Filters = {
    kind: splitList(filters.kind) as Filters["kind"],
    state: splitList(filters.state) as Filters["state"],
  };
  const limit = filters.limit ?? 25;
  const list = useQuery({
    ...apiQuery(routes.listAdvocacyAsks, { query: { ...query, limit, cursor: filters.cursor } }),
    placeholderData: keepPreviousData,
  });
  const actions = useAskActions();
  const pager = urlPagerFor(list.data, {
    cursor: filters.cursor,
    limit,
    defaultLimit: 25,
    setSearch: (patch, keep) => onFilters(patch, keep),
  });
  return (
    <Section
      title="Asks"
      description="References, testimonials, referrals, reviews and case studies asked for, newest first"
      padding={0}
      testId="advocacy-asks"
      actions={
        <DownloadCsvButton
          filename="advocacy-asks.csv"
          rows={async () => asksCsvRows(await allAsks(query))}
          disabled={!list.data || list.data.data.length === 0}
        />
      }
    >
      <Group gap="xs" p="sm" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
        <FilterMenu
          label="Kind"
          options={ADVOCACY_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          value={splitList(filters.kind)}
          onChange={(v) => onFilters({ kind: joinList(v) })}
        />
        <FilterMenu
          label="State"
          options={ADVOCACY_STATES.map((s) => ({ value: s, label: STATE_LABELS[s] }))}
          value={splitList(filters.state)}
          onChange={(v) => onFilters({ state: joinList(v) })}
        />
        <ClearFiltersButton
          filtered={Boolean(filters.kind || filters.state)}
          onClear={() => onFilters({ kind: undefined, state: undefined })}
        />
      </Group>
      <QueryTable
        query={list}
        errorTitle="The asks could not be loaded"
        label="Asks"
        columns={columns(canWrite ? actions : null)}
        data={list.data?.data}
        loading={list.isLoading}
        fetching={list.isPlaceholderData}
        rowKey={(a) => a.id}
        minWidth={1000}
        skeletonRows={5}
        empty={
          <Text size="sm" c="dimmed" ta="center" px="md">
            {filters.kind || filters.state
              ? "No ask matches these filters."
              : "No one has been asked yet: ask someone from the list above, or from an account's page."}
          </Text>
        }
      />
      {pager ? (
        <div style={{ borderTop: "1px solid var(--mantine-color-default-border)" }}>
          <CursorPager {...pager} />
        </div>
      ) : null}
      <AskActionDialogs actions={actions} />
    </Section>
  );
}
